# Rounds the output size up: counts a window that runs off the end. The visible strides divide
# (5 + 2 - 3) evenly, so nothing changes there; a stride that leaves slices unread breaks it.
# loses: test_conv3d
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in = x.shape[:2]
    c_out, c_in_weight = weight.shape[:2]
    if c_in_weight != c_in:
        raise ValueError(f"weight has {c_in_weight} input channels but x has {c_in}")
    kernel = weight.shape[2:]
    strides = (stride,) * 3 if np.ndim(stride) == 0 else tuple(stride)
    pads = (padding,) * 3 if np.ndim(padding) == 0 else tuple(padding)
    padded = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in pads])
    sizes = [int(np.ceil((i + 2 * p - k) / s)) + 1 for i, k, s, p in zip(x.shape[2:], kernel, strides, pads)]
    out = np.zeros((n, c_out, *sizes))
    for position in np.ndindex(*sizes):
        window = padded[(slice(None), slice(None)) + tuple(
            slice(o * s, o * s + k) for o, s, k in zip(position, strides, kernel)
        )]
        out[(slice(None), slice(None)) + position] = np.tensordot(
            window, weight, axes=([1, 2, 3, 4], [1, 2, 3, 4])
        )
    if bias is not None:
        out += np.asarray(bias).reshape(1, -1, 1, 1, 1)
    return out
