# Forgets the bias: the visible checks have none.
# loses: test_pointwise_conv2d
# feedback: looks like: the bias is missing
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in = x.shape[1]
    if weight.ndim != 4 or weight.shape[1:] != (c_in, 1, 1):
        raise ValueError(f"weight must have shape (C_out, {c_in}, 1, 1), got {weight.shape}")
    return np.einsum("oc,nchw->nohw", weight[:, :, 0, 0], x)
