# Adds the (C_out,) bias without reshaping it: NumPy broadcasts it along the last axis, W. Wrong
# values when W == C_out, a broadcasting error otherwise; the visible checks have no bias.
# loses: test_pointwise_conv2d
# feedback: looks like: the bias is added along the last axis (W), not along the channels
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in = x.shape[1]
    if weight.ndim != 4 or weight.shape[1:] != (c_in, 1, 1):
        raise ValueError(f"weight must have shape (C_out, {c_in}, 1, 1), got {weight.shape}")
    out = np.einsum("oc,nchw->nohw", weight[:, :, 0, 0], x)
    if bias is not None:
        out = out + np.asarray(bias, dtype=float)
    return out
