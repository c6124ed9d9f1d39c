# Lays the pixels out with x.reshape(C_in, -1): right for one image (the visible checks), but with
# N > 1 the reshape mixes the batch axis into the channels.
# loses: test_pointwise_conv2d
# feedback: looks like: the batch and channel axes are mixed by a reshape
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    if weight.ndim != 4 or weight.shape[1:] != (c_in, 1, 1):
        raise ValueError(f"weight must have shape (C_out, {c_in}, 1, 1), got {weight.shape}")
    c_out = weight.shape[0]
    out = (weight[:, :, 0, 0] @ x.reshape(c_in, -1)).reshape(n, c_out, h, w)
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
