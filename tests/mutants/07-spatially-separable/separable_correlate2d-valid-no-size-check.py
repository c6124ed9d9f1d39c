# Never checks that the image covers the kernel in 'valid' mode: an image smaller than the
# kernel gives an empty array instead of a ValueError.
# loses: test_separable_correlate2d
# feedback: returned instead of raising
# %% [separable_correlate2d]
def separable_correlate2d(image, column, row, mode="valid"):
    image = np.asarray(image, dtype=float)
    column, row = np.asarray(column, dtype=float), np.asarray(row, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    kh, kw = column.size, row.size

    def zeros(k):
        return {"full": (k - 1, k - 1), "same": ((k - 1) // 2, k // 2), "valid": (0, 0)}[mode]

    padded = np.pad(image, (zeros(kh), zeros(kw)))
    rows_out = padded.shape[0] - kh + 1
    tall = sum(column[a] * padded[a : a + rows_out, :] for a in range(kh))
    cols_out = padded.shape[1] - kw + 1
    return sum(row[b] * tall[:, b : b + cols_out] for b in range(kw))
