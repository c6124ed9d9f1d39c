# A 2-D convolution where a cross-correlation is asked.
# loses: test_correlate2d
# feedback: looks like: the kernel is flipped: that is a convolution
# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)[::-1, ::-1]
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
    return full[
        min(h, kh) - 1 : min(h, kh) + abs(h - kh), min(w, kw) - 1 : min(w, kw) + abs(w - kw)
    ]
