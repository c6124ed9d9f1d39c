# Treats the batch as one volume (x[0]) and repeats its result N times: right for N = 1, the
# only batch size of the visible checks.
# loses: test_conv3d
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, c_in_weight, kd, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match x")
    sd, sh, sw = (stride,) * 3 if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding,) * 3 if np.ndim(padding) == 0 else padding
    volume = np.pad(x[0], [(0, 0), (pd, pd), (ph, ph), (pw, pw)])
    d_out, h_out, w_out = (d + 2 * pd - kd) // sd + 1, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    out = np.zeros((1, c_out, d_out, h_out, w_out))
    for o in range(c_out):
        for z, i, j in np.ndindex(d_out, h_out, w_out):
            window = volume[:, z * sd : z * sd + kd, i * sh : i * sh + kh, j * sw : j * sw + kw]
            out[0, o, z, i, j] = np.sum(window * weight[o])
    out = np.repeat(out, n, axis=0)
    return out if bias is None else out + np.asarray(bias)[None, :, None, None, None]
