# Checks the input channels but not the 1x1 kernel: a (C_out, C_in, 3, 3) weight is silently
# read at its top-left tap instead of being refused.
# loses: test_pointwise_conv2d
# feedback: returned instead of raising ValueError
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    if weight.shape[1] != x.shape[1]:
        raise ValueError(f"weight has {weight.shape[1]} input channels, x has {x.shape[1]}")
    out = np.einsum("oc,nchw->nohw", weight[:, :, 0, 0], x)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
