# Computes the output without output_padding, then appends output_padding rows and columns of
# zeros: right when padding is 0 (nothing was cropped), wrong when they should un-crop real stamps.
# loses: test_conv_transpose2d
# feedback: looks like: output_padding added as zeros
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
    full = np.zeros((n, c_out, (h - 1) * sh + kh, (w - 1) * sw + kw))
    for i in range(h):
        for j in range(w):
            stamp = np.tensordot(x[:, :, i, j], weight, axes=(1, 0))
            full[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw] += stamp
    out = full[:, :, ph : full.shape[2] - ph, pw : full.shape[3] - pw]
    out = np.pad(out, [(0, 0), (0, 0), (0, oh), (0, ow)])
    return out if bias is None else out + np.asarray(bias).reshape(1, -1, 1, 1)
