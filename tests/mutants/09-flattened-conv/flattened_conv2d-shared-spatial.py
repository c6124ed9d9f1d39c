# Filters every output channel with the first vertical and horizontal filter, as if the layer
# shared one 2-D kernel: right for the single filter (C_out = 1) of the visible checks.
# loses: test_flattened_conv2d
# feedback: looks like: the same vertical and horizontal filter (row 0) for every output channel
# %% [flattened_conv2d]
def flattened_conv2d(x, lateral, vertical, horizontal, bias=None, padding=0):
    x = np.asarray(x, dtype=float)
    lateral, vertical, horizontal = (np.asarray(a, dtype=float) for a in (lateral, vertical, horizontal))
    c_out, c_in = lateral.shape
    if x.shape[1] != c_in:
        raise ValueError(f"lateral has C_in = {c_in} columns but x has {x.shape[1]} channels")
    for name, factor in (("vertical", vertical), ("horizontal", horizontal)):
        if factor.shape[0] != c_out:
            raise ValueError(f"{name} has {factor.shape[0]} rows; lateral has C_out = {c_out}")
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    if ph < 0 or pw < 0:
        raise ValueError(f"padding must be >= 0, got {padding}")
    column, row = vertical[0], horizontal[0]
    mixed = np.einsum("oc,nchw->nohw", lateral, x)
    mixed = np.pad(mixed, ((0, 0), (0, 0), (ph, ph), (0, 0)))
    h_out = mixed.shape[2] - column.size + 1
    tall = sum(column[a] * mixed[:, :, a : a + h_out] for a in range(column.size))
    tall = np.pad(tall, ((0, 0), (0, 0), (0, 0), (pw, pw)))
    w_out = tall.shape[3] - row.size + 1
    out = sum(row[b] * tall[..., b : b + w_out] for b in range(row.size))
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
