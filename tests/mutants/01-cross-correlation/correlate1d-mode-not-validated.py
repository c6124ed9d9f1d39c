# Any unknown mode is silently treated as 'valid' instead of raising ValueError.
# loses: test_correlate1d
# feedback: returned instead of raising ValueError
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    n, m = f.size, g.size
    padded = np.concatenate([np.zeros(m - 1), f, np.zeros(m - 1)])
    full = np.array([padded[t : t + m] @ g for t in range(n + m - 1)])
    if mode == "full":
        return full
    if mode == "same":
        return full[(m - 1) // 2 : (m - 1) // 2 + n]
    return full[min(n, m) - 1 : min(n, m) - 1 + abs(n - m) + 1]
