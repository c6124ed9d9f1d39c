# Allocates the output like the signal: an integer signal truncates fractional products.
# loses: test_correlate1d
# feedback: integer signal and fractional kernel
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f), np.asarray(g)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    n, m = f.size, g.size
    padded = np.zeros(n + 2 * (m - 1), dtype=f.dtype)
    padded[m - 1 : m - 1 + n] = f
    full = np.zeros(n + m - 1, dtype=f.dtype)
    for t in range(n + m - 1):
        full[t] = np.sum(padded[t : t + m] * g)
    if mode == "full":
        return full
    if mode == "same":
        return full[(m - 1) // 2 : (m - 1) // 2 + n]
    return full[min(n, m) - 1 : min(n, m) - 1 + abs(n - m) + 1]
