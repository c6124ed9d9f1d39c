# Puts the extra zero of an even kernel before the image in 'same' mode ((k//2 before,
# (k-1)//2 after)); correlate2d puts it after. Same result for the odd visible kernel.
# loses: test_separable_correlate2d
# feedback: looks like: for an even kernel, same mode starts at k // 2
# %% [separable_correlate2d]
def separable_correlate2d(image, column, row, mode="valid"):
    image = np.asarray(image, dtype=float)
    column, row = np.asarray(column, dtype=float), np.asarray(row, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    (h, w), kh, kw = image.shape, column.size, row.size
    if mode == "valid" and (h < kh or w < kw):
        raise ValueError("mode='valid' needs an image at least as large as the kernel")

    def zeros(k):
        return {"full": (k - 1, k - 1), "same": (k // 2, (k - 1) // 2), "valid": (0, 0)}[mode]

    padded = np.pad(image, (zeros(kh), zeros(kw)))
    rows_out = padded.shape[0] - kh + 1
    tall = sum(column[a] * padded[a : a + rows_out, :] for a in range(kh))
    cols_out = padded.shape[1] - kw + 1
    return sum(row[b] * tall[:, b : b + cols_out] for b in range(kw))
