# Uses the kernel height for both axes: right for square kernels only.
# loses: test_correlate2d
# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"bad mode {mode!r}")
    (h, w), k = image.shape, kernel.shape[0]
    padded = np.pad(image, k - 1)
    full = np.array(
        [
            [np.sum(padded[i : i + k, j : j + k] * kernel[:k, :k]) for j in range(w + k - 1)]
            for i in range(h + k - 1)
        ]
    )
    if mode == "full":
        return full
    if mode == "same":
        return full[k // 2 : k // 2 + h, k // 2 : k // 2 + w]
    return full[min(h, k) - 1 : min(h, k) + abs(h - k), min(w, k) - 1 : min(w, k) + abs(w - k)]
