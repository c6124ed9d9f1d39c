# Reads the stride and padding triples as (x, y, z) = (W, H, D), the order of a 3-D point, where
# PyTorch's order is (D, H, W). Right whenever they are ints, as in the visible checks.
# loses: test_conv3d
# feedback: looks like: the triples are read as (W, H, D), not (D, H, W)
# %% [conv3d]
def conv3d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, d, h, w = x.shape
    c_out, c_in_weight, kd, kh, kw = weight.shape
    if c_in_weight != c_in:
        raise ValueError(f"weight expects {c_in_weight} channels, x has {c_in}")
    sx, sy, sz = (stride,) * 3 if np.ndim(stride) == 0 else stride
    px, py, pz = (padding,) * 3 if np.ndim(padding) == 0 else padding
    padded = np.pad(x, [(0, 0), (0, 0), (pz, pz), (py, py), (px, px)])
    d_out = (d + 2 * pz - kd) // sz + 1
    h_out = (h + 2 * py - kh) // sy + 1
    w_out = (w + 2 * px - kw) // sx + 1
    out = np.zeros((n, c_out, d_out, h_out, w_out))
    for z, i, j in np.ndindex(d_out, h_out, w_out):
        window = padded[:, :, z * sz : z * sz + kd, i * sy : i * sy + kh, j * sx : j * sx + kw]
        out[:, :, z, i, j] = np.tensordot(window, weight, axes=([1, 2, 3, 4], [1, 2, 3, 4]))
    if bias is not None:
        out += np.asarray(bias).reshape(1, -1, 1, 1, 1)
    return out
