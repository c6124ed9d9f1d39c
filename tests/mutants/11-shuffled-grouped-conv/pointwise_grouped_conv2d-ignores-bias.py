# Forgets the bias: the visible checks have none.
# loses: test_pointwise_grouped_conv2d
# feedback: looks like: the bias is missing
# %% [pointwise_grouped_conv2d]
def pointwise_grouped_conv2d(x, weight, groups, bias=None):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    c_in, c_out = x.shape[1], weight.shape[0]
    if groups < 1 or c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide C_in={c_in} and C_out={c_out}")
    n_in, n_out = c_in // groups, c_out // groups
    if weight.shape[1] != n_in:
        raise ValueError(f"weight.shape[1] is {weight.shape[1]}, expected {n_in}")
    blocks = [
        np.einsum(
            "oc,nchw->nohw",
            weight[k * n_out : (k + 1) * n_out, :, 0, 0],
            x[:, k * n_in : (k + 1) * n_in],
        )
        for k in range(groups)
    ]
    return np.concatenate(blocks, axis=1)
