# Plausible mistakes: ceil in the output size and the padding pair read backwards (3 of 6
# automatic points lost). His conv2d computes its own sizes (with a floor) and pads with np.pad,
# so it is right.
# %% [conv_output_size]
import math


def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    if k > i + 2 * padding:
        raise ValueError("k is too large")
    return math.ceil((i + 2 * padding - dilation * (k - 1) - 1) / stride) + 1

# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    pw, ph = (padding, padding) if np.isscalar(padding) else padding
    if ph < 0 or pw < 0:
        raise ValueError("negative padding")
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)])

# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError("weight and x disagree on C_in")
    sh, sw = (stride, stride) if np.isscalar(stride) else stride
    ph, pw = (padding, padding) if np.isscalar(padding) else padding
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                window = xp[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
                out[:, o, i, j] = np.sum(window * weight[o], axis=(1, 2, 3))
    if bias is not None:
        out += np.asarray(bias)[None, :, None, None]
    return out

# %% [written_floor]
It does not matter.
