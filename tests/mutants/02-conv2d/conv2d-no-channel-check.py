# Never checks weight.shape[1] against C_in: NumPy's own error does not say which argument is wrong.
# loses: test_conv2d
# feedback: does not name 'weight'
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = pad2d(x, (ph, pw))
    h_out, w_out = conv_output_size(h, kh, sh, ph), conv_output_size(w, kw, sw, pw)
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    return out if bias is None else out + np.asarray(bias)[None, :, None, None]
