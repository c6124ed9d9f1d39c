# Never checks the weight's shape: a (C, 2, k, k) weight is silently read as (C, 1, k, k), and a
# C_out that C_in does not divide fails inside NumPy, with a message that does not name the weight.
# loses: test_depthwise_conv2d
# feedback: returned instead of raising ValueError
# %% [depthwise_conv2d]
def depthwise_conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    source = np.repeat(padded, c_out // c_in, axis=1)
    out = np.zeros((n, c_out, h_out, w_out))
    for a in range(kh):
        for b in range(kw):
            window = source[:, :, a : a + sh * (h_out - 1) + 1 : sh, b : b + sw * (w_out - 1) + 1 : sw]
            out += weight[:, 0, a, b].reshape(1, -1, 1, 1) * window
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
