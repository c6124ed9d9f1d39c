# Returns 0 for any point outside the box of pixel centres, 0 <= y <= H-1, 0 <= x <= W-1, so a
# point half a pixel outside loses its neighbours inside too: the visible points are all inside.
# loses: test_bilinear_sample
# feedback: looks like: a point near the border gives 0
# %% [bilinear_sample]
def bilinear_sample(image, y, x):
    image = np.asarray(image, dtype=float)
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    height, width = image.shape[-2:]
    inside = (y >= 0) & (y <= height - 1) & (x >= 0) & (x <= width - 1)
    y0, x0 = np.floor(y), np.floor(x)
    fy, fx = y - y0, x - x0
    out = np.zeros(image.shape[:-2] + y.shape)
    for dy, dx, weight in [
        (0, 0, (1 - fy) * (1 - fx)),
        (0, 1, (1 - fy) * fx),
        (1, 0, fy * (1 - fx)),
        (1, 1, fy * fx),
    ]:
        rows = np.clip((y0 + dy).astype(int), 0, height - 1)
        cols = np.clip((x0 + dx).astype(int), 0, width - 1)
        out += weight * image[..., rows, cols]
    return np.where(inside, out, 0.0)
