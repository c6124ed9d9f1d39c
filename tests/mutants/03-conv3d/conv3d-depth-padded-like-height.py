# A copy-paste slip: pads the depth axis with pH instead of pD. Right whenever the padding is one
# int, as in the visible checks.
# loses: test_conv3d
# feedback: looks like: the depth axis is padded with the padding of the height
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, c_in_weight, kd, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight: wrong number of input channels")
    sd, sh, sw = (stride,) * 3 if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding,) * 3 if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (ph, ph), (ph, ph), (pw, pw)])
    d_out = (padded.shape[2] - kd) // sd + 1
    h_out = (padded.shape[3] - kh) // sh + 1
    w_out = (padded.shape[4] - kw) // sw + 1
    out = np.zeros((n, c_out, d_out, h_out, w_out))
    for z, i, j in np.ndindex(d_out, h_out, w_out):
        window = padded[:, :, z * sd : z * sd + kd, i * sh : i * sh + kh, j * sw : j * sw + kw]
        out[:, :, z, i, j] = np.tensordot(window, weight, axes=([1, 2, 3, 4], [1, 2, 3, 4]))
    if bias is not None:
        out += np.asarray(bias, dtype=float)[None, :, None, None, None]
    return out
