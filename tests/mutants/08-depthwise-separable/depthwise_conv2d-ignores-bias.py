# Forgets the bias (a loop over output pixels, otherwise right): the visible checks have none.
# loses: test_depthwise_conv2d
# feedback: looks like: the bias is missing
# %% [depthwise_conv2d]
def depthwise_conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, depth, kh, kw = weight.shape
    if depth != 1 or c_out % c_in:
        raise ValueError("weight must have shape (C_in * m, 1, kH, kW)")
    m = c_out // c_in
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                window = padded[:, o // m, i * sh : i * sh + kh, j * sw : j * sw + kw]
                out[:, o, i, j] = np.sum(window * weight[o, 0], axis=(1, 2))
    return out
