# Samples a (C, H, W) image channel by channel and stacks the results on the last axis,
# (*S, C) instead of (C, *S): the visible checks use (H, W) images only.
# loses: test_bilinear_sample
# feedback: looks like: the channel axis comes last
# %% [bilinear_sample]
def bilinear_sample(image, y, x):
    image = np.asarray(image, dtype=float)
    if image.ndim == 3:
        return np.stack([bilinear_sample(channel, y, x) for channel in image], axis=-1)
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    height, width = image.shape
    y0, x0 = np.floor(y), np.floor(x)
    fy, fx = y - y0, x - x0
    out = np.zeros(y.shape)
    for dy, dx, weight in [
        (0, 0, (1 - fy) * (1 - fx)),
        (0, 1, (1 - fy) * fx),
        (1, 0, fy * (1 - fx)),
        (1, 1, fy * fx),
    ]:
        rows, cols = (y0 + dy).astype(int), (x0 + dx).astype(int)
        inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
        values = image[np.clip(rows, 0, height - 1), np.clip(cols, 0, width - 1)]
        out += np.where(inside, weight, 0.0) * values
    return out
