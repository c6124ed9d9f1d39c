# Right, in single precision: float32 results are compared with float32's tolerance.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=np.float32), np.asarray(weight, dtype=np.float32)
    n, c_in, h, w = x.shape
    c_out, c_in_weight, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight has the wrong number of input channels")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    padded = pad2d(x, (ph, pw))
    h_out, w_out = conv_output_size(h, kh, sh, ph), conv_output_size(w, kw, sw, pw)
    out = np.zeros((n, c_out, h_out, w_out), dtype=np.float32)
    for o in range(c_out):  # output channels outermost, then taps: another loop order
        for a in range(kh):
            for b in range(kw):
                rows = padded[:, :, a : a + sh * (h_out - 1) + 1 : sh, b : b + sw * (w_out - 1) + 1 : sw]
                out[:, o] += np.tensordot(rows, weight[o, :, a, b], axes=([1], [0]))
    if bias is not None:
        out += np.asarray(bias, dtype=np.float32).reshape(1, -1, 1, 1)
    return out
