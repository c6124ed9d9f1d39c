# Adds the bias inside the loop over input channels, so C_in times: the visible checks have no bias.
# loses: test_conv2d
# feedback: looks like: the bias is added once per input channel
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = pad2d(x, (ph, pw))
    h_out, w_out = conv_output_size(h, kh, sh, ph), conv_output_size(w, kw, sw, pw)
    out = np.zeros((n, c_out, h_out, w_out))
    for c in range(c_in):
        for i in range(h_out):
            for j in range(w_out):
                window = padded[:, c, i * sh : i * sh + kh, j * sw : j * sw + kw]  # (N, kH, kW)
                out[:, :, i, j] += np.tensordot(window, weight[:, c], axes=([1, 2], [1, 2]))
        if bias is not None:
            out += np.asarray(bias).reshape(1, -1, 1, 1)
    return out
