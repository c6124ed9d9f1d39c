# Slices the output channels (and weight rows) in blocks of C_in/groups instead of C_out/groups:
# right when C_out = C_in, as in the visible checks.
# loses: test_pointwise_grouped_conv2d
# %% [pointwise_grouped_conv2d]
def pointwise_grouped_conv2d(x, weight, groups, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in, c_out = x.shape[1], weight.shape[0]
    if groups < 1 or c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide C_in={c_in} and C_out={c_out}")
    n_in = c_in // groups
    if weight.shape[1] != n_in:
        raise ValueError(f"weight.shape[1] is {weight.shape[1]}, expected {n_in}")
    out = np.zeros((x.shape[0], c_out) + x.shape[2:])
    for k in range(groups):
        block = weight[k * n_in : (k + 1) * n_in, :, 0, 0]
        inputs = x[:, k * n_in : (k + 1) * n_in]
        out[:, k * n_in : (k + 1) * n_in] = np.einsum("oc,nchw->nohw", block, inputs)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
