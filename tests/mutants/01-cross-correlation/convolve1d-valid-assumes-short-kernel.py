# Flips correctly but computes 'valid' itself, assuming the kernel is the shorter input.
# loses: test_convolve1d
# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    g = np.asarray(g)[::-1]
    if mode == "valid":
        n, m = np.size(f), g.size
        return correlate1d(f, g, "full")[m - 1 : n]
    return correlate1d(f, g, mode)
