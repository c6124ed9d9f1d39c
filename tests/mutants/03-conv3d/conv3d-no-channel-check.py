# Never compares weight.shape[1] with C_in: NumPy's own error does not say which argument is wrong.
# loses: test_conv3d
# feedback: raised ValueError as it should, but the message does not name
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n = x.shape[0]
    c_out, _, kd, kh, kw = weight.shape
    sd, sh, sw = (stride,) * 3 if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding,) * 3 if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (pd, pd), (ph, ph), (pw, pw)])
    d_out = (x.shape[2] + 2 * pd - kd) // sd + 1
    h_out = (x.shape[3] + 2 * ph - kh) // sh + 1
    w_out = (x.shape[4] + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c_out, d_out, h_out, w_out))
    for z, i, j in np.ndindex(d_out, h_out, w_out):
        window = padded[:, :, z * sd : z * sd + kd, i * sh : i * sh + kh, j * sw : j * sw + kw]
        out[:, :, z, i, j] = np.tensordot(window, weight, axes=([1, 2, 3, 4], [1, 2, 3, 4]))
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1, 1)
    return out
