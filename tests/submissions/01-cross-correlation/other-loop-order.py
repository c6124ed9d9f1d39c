# Right, but built another way: the full correlation by shifting and adding the whole
# signal once per kernel tap (a loop over taps, not over outputs); convolution by flipping.
# scores: test_correlate1d=2, test_convolve1d=2, test_correlate2d=2, test_convolve2d=2
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"unknown mode {mode!r}")
    n, m = f.size, g.size
    full = np.zeros(n + m - 1)
    for tap in range(m):  # tap g[tap] meets f[t] at output index t + m - 1 - tap
        full[m - 1 - tap : m - 1 - tap + n] += g[tap] * f
    start, size = {"full": (0, n + m - 1), "same": ((m - 1) // 2, n)}.get(
        mode, (min(n, m) - 1, abs(n - m) + 1)
    )
    return full[start : start + size]


# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"unknown mode {mode!r}")
    (h, w), (kh, kw) = image.shape, kernel.shape
    full = np.zeros((h + kh - 1, w + kw - 1))
    for a in range(kh):
        for b in range(kw):
            full[kh - 1 - a : kh - 1 - a + h, kw - 1 - b : kw - 1 - b + w] += kernel[a, b] * image
    if mode == "full":
        return full
    if mode == "same":
        return full[kh // 2 : kh // 2 + h, kw // 2 : kw // 2 + w]
    if not ((h >= kh and w >= kw) or (h <= kh and w <= kw)):
        raise ValueError("'valid' needs one input at least as large as the other")
    top, left = min(h, kh) - 1, min(w, kw) - 1
    return full[top : top + abs(h - kh) + 1, left : left + abs(w - kw) + 1]
