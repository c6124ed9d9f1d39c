# Reads the padding pair as (pW, pH): the vertical stage pads with the column padding and the
# horizontal stage with the row padding. The same for the int padding of the visible checks.
# loses: test_flattened_conv2d
# feedback: the same sizes in another order
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
    pw, ph = (padding, padding) if np.ndim(padding) == 0 else padding
    if ph < 0 or pw < 0:
        raise ValueError(f"padding must be >= 0, got {padding}")
    kh, kw = vertical.shape[1], horizontal.shape[1]
    mixed = np.einsum("oc,nchw->nohw", lateral, x)
    mixed = np.pad(mixed, ((0, 0), (0, 0), (ph, ph), (0, 0)))
    h_out = mixed.shape[2] - kh + 1
    tall = sum(vertical[:, a, None, None] * mixed[:, :, a : a + h_out] for a in range(kh))
    tall = np.pad(tall, ((0, 0), (0, 0), (0, 0), (pw, pw)))
    w_out = tall.shape[3] - kw + 1
    out = sum(horizontal[:, b, None, None] * tall[..., b : b + w_out] for b in range(kw))
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
