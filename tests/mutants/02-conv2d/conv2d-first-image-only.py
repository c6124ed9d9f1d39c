# Loops over channels but treats the batch as one image: right for N = 1 (the visible cases).
# loses: test_conv2d
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = pad2d(x[0], (ph, pw))
    h_out, w_out = conv_output_size(h, kh, sh, ph), conv_output_size(w, kw, sw, pw)
    out = np.zeros((1, c_out, h_out, w_out))
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                window = padded[:, i * sh : i * sh + kh, j * sw : j * sw + kw]
                out[0, o, i, j] = np.sum(window * weight[o])
    out = np.repeat(out, n, axis=0)
    return out if bias is None else out + np.asarray(bias)[None, :, None, None]
