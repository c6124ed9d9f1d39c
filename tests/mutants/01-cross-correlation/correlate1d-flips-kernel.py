# A convolution where a cross-correlation is asked: fails the visible checks, with a hint.
# loses: test_correlate1d
# feedback: looks like: the kernel is flipped: that is a convolution
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)[::-1]
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"bad mode {mode!r}")
    n, m = f.size, g.size
    padded = np.concatenate([np.zeros(m - 1), f, np.zeros(m - 1)])
    full = np.array([padded[t : t + m] @ g for t in range(n + m - 1)])
    if mode == "full":
        return full
    start = (m - 1) // 2 if mode == "same" else min(n, m) - 1
    length = n if mode == "same" else abs(n - m) + 1
    return full[start : start + length]
