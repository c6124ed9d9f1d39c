# Reads one kernel size k = weight.shape[-1] and uses it on all three axes: right for the cubic
# kernels of the visible checks, wrong (and crashing) for a 1x3x3 or 3x1x1 kernel.
# loses: test_conv3d
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, k = weight.shape[0], weight.shape[-1]
    if weight.shape[1] != c_in:
        raise ValueError("weight has the wrong number of input channels")
    sd, sh, sw = (stride,) * 3 if np.ndim(stride) == 0 else stride
    pd, ph, pw = (padding,) * 3 if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (pd, pd), (ph, ph), (pw, pw)])
    d_out, h_out, w_out = (d + 2 * pd - k) // sd + 1, (h + 2 * ph - k) // sh + 1, (w + 2 * pw - k) // sw + 1
    out = np.zeros((n, c_out, d_out, h_out, w_out))
    for z in range(d_out):
        for i in range(h_out):
            for j in range(w_out):
                window = padded[:, :, z * sd : z * sd + k, i * sh : i * sh + k, j * sw : j * sw + k]
                out[:, :, z, i, j] = np.einsum("ncdhw,ocdhw->no", window, weight)
    if bias is not None:
        out += np.asarray(bias)[None, :, None, None, None]
    return out
