# Takes k = weight.shape[-1] for both axes: right for the square kernels of the visible checks.
# loses: test_depthwise_conv2d
# %% [depthwise_conv2d]
def depthwise_conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, depth, k = weight.shape[0], weight.shape[1], weight.shape[-1]
    if depth != 1 or c_out % c_in:
        raise ValueError("weight must have shape (C_in * m, 1, kH, kW)")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out = (h + 2 * ph - k) // sh + 1, (w + 2 * pw - k) // sw + 1
    source = np.repeat(padded, c_out // c_in, axis=1)
    out = np.zeros((n, c_out, h_out, w_out))
    for a in range(k):
        for b in range(k):
            window = source[:, :, a : a + sh * (h_out - 1) + 1 : sh, b : b + sw * (w_out - 1) + 1 : sw]
            out += weight[:, 0, a, b].reshape(1, -1, 1, 1) * window
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
