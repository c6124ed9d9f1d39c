# Sums one input channel at a time and adds the bias inside that loop, so C_in times: the
# visible checks have no bias.
# loses: test_conv3d
# feedback: looks like: the bias is added once per input channel
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, c_in_weight, kd, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError("weight does not match the channels of x")
    sd, sh, sw = (stride,) * 3 if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding,) * 3 if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (pd, pd), (ph, ph), (pw, pw)])
    shape = ((d + 2 * pd - kd) // sd + 1, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1)
    out = np.zeros((n, c_out) + shape)
    for c in range(c_in):
        for z, i, j in np.ndindex(*shape):
            window = padded[:, c, z * sd : z * sd + kd, i * sh : i * sh + kh, j * sw : j * sw + kw]
            out[:, :, z, i, j] += np.tensordot(window, weight[:, c], axes=([1, 2, 3], [1, 2, 3]))
        if bias is not None:
            out += np.asarray(bias).reshape(1, -1, 1, 1, 1)
    return out
