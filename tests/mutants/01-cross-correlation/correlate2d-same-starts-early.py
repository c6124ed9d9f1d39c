# 'same' from (m - 1) // 2 as in 1-D: right for the odd visible kernel, wrong for even ones.
# loses: test_correlate2d
# feedback: correlate2d's 'same' starts at m // 2
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
        top, left = (kh - 1) // 2, (kw - 1) // 2
        return full[top : top + h, left : left + w]
    return full[
        min(h, kh) - 1 : min(h, kh) + abs(h - kh), min(w, kw) - 1 : min(w, kw) + abs(w - kw)
    ]
