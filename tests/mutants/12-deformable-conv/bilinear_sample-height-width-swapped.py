# Unpacks the image's shape as (W, H): the bounds are right for the square visible images only.
# loses: test_bilinear_sample
# %% [bilinear_sample]
def bilinear_sample(image, y, x):
    image = np.asarray(image, dtype=float)
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    width, height = image.shape[-2:]
    y0, x0 = np.floor(y), np.floor(x)
    fy, fx = y - y0, x - x0
    out = np.zeros(image.shape[:-2] + y.shape)
    for dy, dx, weight in [
        (0, 0, (1 - fy) * (1 - fx)),
        (0, 1, (1 - fy) * fx),
        (1, 0, fy * (1 - fx)),
        (1, 1, fy * fx),
    ]:
        rows, cols = (y0 + dy).astype(int), (x0 + dx).astype(int)
        inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
        values = image[..., np.clip(rows, 0, height - 1), np.clip(cols, 0, width - 1)]
        out += np.where(inside, weight, 0.0) * values
    return out
