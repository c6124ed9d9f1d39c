# 'valid' as (H - kH + 1, W - kW + 1): empty when the kernel is the larger input.
# loses: test_correlate2d
# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"bad mode {mode!r}")
    (h, w), (kh, kw) = image.shape, kernel.shape
    padded = np.pad(image, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    full = np.array(
        [
            [np.sum(padded[i : i + kh, j : j + kw] * kernel) for j in range(w + kw - 1)]
            for i in range(h + kh - 1)
        ]
    )
    if mode == "full":
        return full
    if mode == "same":
        return full[kh // 2 : kh // 2 + h, kw // 2 : kw // 2 + w]
    return full[kh - 1 : h, kw - 1 : w]
