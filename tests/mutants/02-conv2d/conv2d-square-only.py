# Uses kH, the stride and the padding of the first axis for both: right for square cases only.
# loses: test_conv2d
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, k = weight.shape[:3]
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    s = stride if np.ndim(stride) == 0 else stride[0]
    p = padding if np.ndim(padding) == 0 else padding[0]
    padded = pad2d(x, p)
    h_out, w_out = conv_output_size(h, k, s, p), conv_output_size(w, k, s, p)
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, :, i * s : i * s + k, j * s : j * s + k]
            taps = weight[:, :, :k, :k]
            out[:, :, i, j] = np.tensordot(window, taps, axes=([1, 2, 3], [1, 2, 3]))
    return out if bias is None else out + np.asarray(bias)[None, :, None, None]
