# Clips the neighbours' indices into the image (border replicate) instead of reading zeros
# outside it: right for every point inside the image, the only kind the visible checks use.
# loses: test_bilinear_sample
# feedback: looks like: points outside are clamped to the border
# %% [bilinear_sample]
def bilinear_sample(image, y, x):
    image = np.asarray(image, dtype=float)
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    height, width = image.shape[-2:]
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
    return out
