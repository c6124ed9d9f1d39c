# 'same' centred with m // 2: right for odd kernels (the visible ones), wrong for even ones.
# loses: test_correlate1d
# feedback: (m - 1) // 2, not m // 2
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
        return full[m // 2 : m // 2 + n]
    return full[min(n, m) - 1 : min(n, m) - 1 + abs(n - m) + 1]
