# Takes the output width from the padded image's height (shape[0] for shape[1]): right for the
# square visible image, wrong shape for every non-square one.
# loses: test_separable_correlate2d
# feedback: shape (7, 6), expected (7, 11)
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
        return {"full": (k - 1, k - 1), "same": ((k - 1) // 2, k // 2), "valid": (0, 0)}[mode]

    padded = np.pad(image, (zeros(kh), zeros(kw)))
    rows_out = padded.shape[0] - kh + 1
    tall = sum(column[a] * padded[a : a + rows_out, :] for a in range(kh))
    cols_out = padded.shape[0] - kw + 1
    return sum(row[b] * tall[:, b : b + cols_out] for b in range(kw))
