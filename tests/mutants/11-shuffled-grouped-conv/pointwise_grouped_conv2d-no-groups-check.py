# Checks the weight but never that groups divides C_in and C_out: it silently drops channels.
# loses: test_pointwise_grouped_conv2d
# feedback: returned instead of raising ValueError
# %% [pointwise_grouped_conv2d]
def pointwise_grouped_conv2d(x, weight, groups, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in, c_out = x.shape[1], weight.shape[0]
    n_in, n_out = c_in // groups, c_out // groups
    if weight.shape[1] != n_in:
        raise ValueError(f"weight.shape[1] is {weight.shape[1]}, expected {n_in}")
    out = np.zeros((x.shape[0], c_out) + x.shape[2:])
    for k in range(groups):
        block = weight[k * n_out : (k + 1) * n_out, :, 0, 0]
        inputs = x[:, k * n_in : (k + 1) * n_in]
        out[:, k * n_out : (k + 1) * n_out] = np.einsum("oc,nchw->nohw", block, inputs)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
