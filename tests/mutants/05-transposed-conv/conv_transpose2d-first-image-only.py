# Loops over channels but treats the batch as one image and repeats it: right for N = 1 (the
# visible cases).
# loses: test_conv_transpose2d
# %% [conv_transpose2d]
def conv_transpose2d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_in_weight, c_out, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    oh, ow = (output_padding,) * 2 if np.ndim(output_padding) == 0 else output_padding
    if oh >= sh or ow >= sw:
        raise ValueError("output_padding must be smaller than the stride")
    full = np.zeros((c_out, (h - 1) * sh + kh + oh, (w - 1) * sw + kw + ow))
    for c in range(c_in):
        for i in range(h):
            for j in range(w):
                full[:, i * sh : i * sh + kh, j * sw : j * sw + kw] += x[0, c, i, j] * weight[c]
    out = full[:, ph : full.shape[1] - ph, pw : full.shape[2] - pw]
    out = np.repeat(out[None], n, axis=0)
    return out if bias is None else out + np.asarray(bias).reshape(1, -1, 1, 1)
