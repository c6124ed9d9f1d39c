# Right, but written differently: no Python loops (a sliding-window view and einsum),
# np.pad for the padding, the output size in one expression.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    if dilation * (k - 1) + 1 > i + 2 * padding:
        raise ValueError("k is larger than the padded input")
    return (i + 2 * padding - dilation * (k - 1) - 1) // stride + 1


# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    pads = np.broadcast_to(padding, 2)
    if (pads < 0).any():
        raise ValueError("padding must not be negative")
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(p, p) for p in pads.tolist()])


# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    if weight.shape[1] != x.shape[1]:
        raise ValueError("weight and x disagree on C_in")
    sh, sw = np.broadcast_to(stride, 2).tolist()
    windows = np.lib.stride_tricks.sliding_window_view(pad2d(x, padding), weight.shape[2:], (2, 3))
    out = np.einsum("nchwij,ocij->nohw", windows[:, :, ::sh, ::sw], weight)
    return out if bias is None else out + np.asarray(bias)[None, :, None, None]
