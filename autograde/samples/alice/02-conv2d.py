# A correct submission, vectorised: all windows at once with sliding_window_view and einsum.
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    reach = i + 2 * padding - dilation * (k - 1) - 1
    if reach < 0:
        raise ValueError(f"k={k} (dilation {dilation}) does not fit in {i} + 2 * {padding}")
    return reach // stride + 1

# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    ph, pw = np.broadcast_to(padding, 2)
    if min(ph, pw) < 0:
        raise ValueError("padding must be non-negative")
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)])

# %% [conv2d]
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, weight, bias=None, stride=1, padding=0):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    if weight.shape[1] != x.shape[1]:
        raise ValueError("weight.shape[1] must equal the input channels")
    sh, sw = np.broadcast_to(stride, 2)
    windows = sliding_window_view(pad2d(x, padding), weight.shape[2:], axis=(2, 3))
    windows = windows[:, :, ::sh, ::sw]  # (N, C_in, H_out, W_out, kH, kW)
    out = np.einsum("nchwij,ocij->nohw", windows, weight)
    return out if bias is None else out + np.reshape(bias, (1, -1, 1, 1))

# %% [written_floor]
223 mod 2 = 1, so the last row and column of the padded input are skipped, but they are zeros of
the padding: harmless. 224 + 2p - 7 is always odd, so no padding avoids it.
