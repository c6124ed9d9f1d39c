# Copies the input channels with np.tile instead of np.repeat: output channel o reads input
# channel o % C_in, not o // m. The same for m = 1, the only multiplier of the visible checks.
# loses: test_depthwise_conv2d
# feedback: looks like: output channel o reads input channel o % C_in
# %% [depthwise_conv2d]
def depthwise_conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, depth, kh, kw = weight.shape
    if depth != 1 or c_out % c_in:
        raise ValueError(f"weight must have shape (C_in * m, 1, kH, kW), got {weight.shape}")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    source = np.tile(padded, (1, c_out // c_in, 1, 1))
    out = np.zeros((n, c_out, h_out, w_out))
    for a in range(kh):
        for b in range(kw):
            window = source[:, :, a : a + sh * (h_out - 1) + 1 : sh, b : b + sw * (w_out - 1) + 1 : sw]
            out += weight[:, 0, a, b].reshape(1, -1, 1, 1) * window
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
