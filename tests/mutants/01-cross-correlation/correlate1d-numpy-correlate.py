# Hands the work to np.correlate: right until the kernel is longer than the signal, where
# NumPy's 'same' returns max(n, m) outputs instead of n.
# loses: test_correlate1d
# feedback: n=3, m=5
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    return np.correlate(np.asarray(f, dtype=float), np.asarray(g, dtype=float), mode)
