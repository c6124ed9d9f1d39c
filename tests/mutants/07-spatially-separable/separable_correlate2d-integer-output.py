# Fills arrays made with np.empty_like from the image: an integer image gives integer outputs,
# so fractional factors are cut off. The visible image and factors are integers: no harm there.
# loses: test_separable_correlate2d
# feedback: integer dtype
# %% [separable_correlate2d]
def separable_correlate2d(image, column, row, mode="valid"):
    image = np.asarray(image)
    column, row = np.asarray(column), np.asarray(row)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    (h, w), kh, kw = image.shape, column.size, row.size
    if mode == "valid" and (h < kh or w < kw):
        raise ValueError("mode='valid' needs an image at least as large as the kernel")

    def zeros(k):
        return {"full": (k - 1, k - 1), "same": ((k - 1) // 2, k // 2), "valid": (0, 0)}[mode]

    padded = np.pad(image, (zeros(kh), zeros(kw)))
    tall = np.empty_like(padded[: padded.shape[0] - kh + 1])
    for i in range(tall.shape[0]):
        tall[i] = column @ padded[i : i + kh]
    out = np.empty_like(tall[:, : tall.shape[1] - kw + 1])
    for j in range(out.shape[1]):
        out[:, j] = tall[:, j : j + kw] @ row
    return out
