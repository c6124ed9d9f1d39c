# Never compares weight.shape[1] with C_in / groups: einsum's error does not name the argument.
# loses: test_pointwise_grouped_conv2d
# feedback: raised ValueError as it should, but the message does not name
# %% [pointwise_grouped_conv2d]
def pointwise_grouped_conv2d(x, weight, groups, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in, c_out = x.shape[1], weight.shape[0]
    if groups < 1 or c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide C_in={c_in} and C_out={c_out}")
    n_in, n_out = c_in // groups, c_out // groups
    out = np.empty((x.shape[0], c_out) + x.shape[2:])
    for k in range(groups):
        block = weight[k * n_out : (k + 1) * n_out, :, 0, 0]
        inputs = x[:, k * n_in : (k + 1) * n_in]
        out[:, k * n_out : (k + 1) * n_out] = np.einsum("oc,nchw->nohw", block, inputs)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
