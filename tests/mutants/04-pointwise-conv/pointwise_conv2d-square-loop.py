# Loops over the pixels with range(H) for the columns too: right on square images (the visible
# checks); on a wider image the last columns stay zero, on a taller one it fails.
# loses: test_pointwise_conv2d
# feedback: looks like: the loop over columns stops at H
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    if weight.ndim != 4 or weight.shape[1:] != (c_in, 1, 1):
        raise ValueError(f"weight must have shape (C_out, {c_in}, 1, 1), got {weight.shape}")
    matrix = weight[:, :, 0, 0]
    out = np.zeros((n, weight.shape[0], h, w))
    for i in range(h):
        for j in range(h):
            out[:, :, i, j] = x[:, :, i, j] @ matrix.T  # (N, C_in) @ (C_in, C_out)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
