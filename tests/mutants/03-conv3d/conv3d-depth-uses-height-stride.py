# A copy-paste slip: the depth index steps by the stride of the height (z * sh). Right whenever
# the stride is one int, as in the visible checks.
# loses: test_conv3d
# feedback: looks like: the depth axis uses the stride of the height
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, c_in_weight, kd, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError(f"weight has {c_in_weight} input channels, x has {c_in}")
    sd, sh, sw = (stride, stride, stride) if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding, padding, padding) if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (pd, pd), (ph, ph), (pw, pw)])
    d_out = (d + 2 * pd - kd) // sh + 1
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c_out, d_out, h_out, w_out))
    for z in range(d_out):
        for i in range(h_out):
            for j in range(w_out):
                window = padded[:, :, z * sh : z * sh + kd, i * sh : i * sh + kh, j * sw : j * sw + kw]
                out[:, :, z, i, j] = np.tensordot(window, weight, axes=([1, 2, 3, 4], [1, 2, 3, 4]))
    if bias is not None:
        out += np.reshape(bias, (1, -1, 1, 1, 1))
    return out
