# Flips, then keeps the 'same' window from m // 2: wrong for even kernels only.
# loses: test_convolve1d
# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    g = np.asarray(g)[::-1]
    if mode == "same":
        n, m = np.size(f), g.size
        return correlate1d(f, g, "full")[m // 2 : m // 2 + n]
    return correlate1d(f, g, mode)
