# Pads both axes for the column's length: right when the column and the row are equally long
# (the visible 3 and 3), wrong padding for 'full' and 'same' with unequal lengths.
# loses: test_separable_correlate2d
# %% [separable_correlate2d]
def separable_correlate2d(image, column, row, mode="valid"):
    image = np.asarray(image, dtype=float)
    column, row = np.asarray(column, dtype=float), np.asarray(row, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"mode must be 'full', 'same' or 'valid', got {mode!r}")
    (h, w), kh, kw = image.shape, column.size, row.size
    if mode == "valid" and (h < kh or w < kw):
        raise ValueError("mode='valid' needs an image at least as large as the kernel")
    zeros = {"full": (kh - 1, kh - 1), "same": ((kh - 1) // 2, kh // 2), "valid": (0, 0)}[mode]
    padded = np.pad(image, (zeros, zeros))
    rows_out = padded.shape[0] - kh + 1
    tall = sum(column[a] * padded[a : a + rows_out, :] for a in range(kh))
    cols_out = padded.shape[1] - kw + 1
    return sum(row[b] * tall[:, b : b + cols_out] for b in range(kw))
