# Hands the work to np.convolve: right until the kernel is longer than the signal, where
# NumPy's 'same' returns max(n, m) outputs instead of n.
# loses: test_convolve1d
# feedback: n=3, m=5
# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    return np.convolve(np.asarray(f, dtype=float), np.asarray(g, dtype=float), mode)
