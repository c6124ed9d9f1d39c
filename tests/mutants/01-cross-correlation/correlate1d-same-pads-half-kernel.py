# 'same' as a valid correlation after m // 2 zeros on each side: n outputs for odd kernels,
# n + 1 for even ones.
# loses: test_correlate1d
# feedback: n=6, m=2
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    n, m = f.size, g.size
    pad = m // 2 if mode == "same" else m - 1
    padded = np.concatenate([np.zeros(pad), f, np.zeros(pad)])
    out = np.array([padded[t : t + m] @ g for t in range(padded.size - m + 1)])
    if mode == "valid":
        return out[min(n, m) - 1 : max(n, m)]
    return out
