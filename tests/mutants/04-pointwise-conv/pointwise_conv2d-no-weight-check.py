# Never checks the weight: a C_in mismatch fails inside np.einsum, whose message does not name
# the weight (and a 3x3 weight is silently read at its corner).
# loses: test_pointwise_conv2d
# feedback: but the message does not name
# %% [pointwise_conv2d]
def pointwise_conv2d(x, weight, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    out = np.einsum("oc,nchw->nohw", weight[:, :, 0, 0], x)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
