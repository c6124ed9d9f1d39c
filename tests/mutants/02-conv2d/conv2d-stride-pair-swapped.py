# Unpacks a stride pair as (sW, sH): right for an int stride, the only kind the visible checks use.
# loses: test_conv2d
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    sw, sh = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = pad2d(x, (ph, pw))
    h_out, w_out = conv_output_size(h, kh, sh, ph), conv_output_size(w, kw, sw, pw)
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    return out if bias is None else out + np.asarray(bias)[None, :, None, None]
