# 'valid' with |H - kH| + 1 by |W - kW| + 1 even when the kernel is taller but narrower than the
# image: SciPy refuses that case with a ValueError.
# loses: test_correlate2d
# feedback: returned instead of raising ValueError
# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    (h, w), (kh, kw) = image.shape, kernel.shape
    padded = np.pad(image, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    full = np.zeros((h + kh - 1, w + kw - 1))
    for i in range(h + kh - 1):
        for j in range(w + kw - 1):
            full[i, j] = np.sum(padded[i : i + kh, j : j + kw] * kernel)
    if mode == "full":
        return full
    if mode == "same":
        return full[kh // 2 : kh // 2 + h, kw // 2 : kw // 2 + w]
    top, left = min(h, kh) - 1, min(w, kw) - 1
    return full[top : top + abs(h - kh) + 1, left : left + abs(w - kw) + 1]
