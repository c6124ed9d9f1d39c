# 'valid' as n - m + 1 outputs from m - 1: wrong (empty) when the kernel is longer.
# loses: test_correlate1d
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"bad mode {mode!r}")
    n, m = f.size, g.size
    padded = np.concatenate([np.zeros(m - 1), f, np.zeros(m - 1)])
    full = np.array([padded[t : t + m] @ g for t in range(n + m - 1)])
    if mode == "full":
        return full
    if mode == "same":
        return full[(m - 1) // 2 : (m - 1) // 2 + n]
    return full[m - 1 : n]
