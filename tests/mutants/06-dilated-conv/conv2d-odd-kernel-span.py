# Spans a kernel as its centre +- d (k // 2): right for odd kernels (the visible ones); 2 taps at rate 3 span 7, not 4.
# loses: test_conv2d
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError(f"weight has {c_in_weight} input channels but x has {c_in}")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    span_h, span_w = 2 * dh * (kh // 2) + 1, 2 * dw * (kw // 2) + 1
    if span_h > h + 2 * ph or span_w > w + 2 * pw:
        raise ValueError("weight: the dilated kernel does not fit in the padded input")
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out = (h + 2 * ph - span_h) // sh + 1, (w + 2 * pw - span_w) // sw + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, :, i * sh : i * sh + span_h : dh, j * sw : j * sw + span_w : dw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
