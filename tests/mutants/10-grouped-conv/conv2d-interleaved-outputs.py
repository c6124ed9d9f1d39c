# Filter m of group j is written to output channel m * g + j (interleaved), not j * C_out/g + m:
# the same when each group makes one output channel.
# loses: test_conv2d
# feedback: looks like: the output channels of the groups are interleaved
# %% [conv2d]
def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    n, c_in, h, w = x.shape
    c_out, c_per_group, kh, kw = weight.shape
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide C_in and C_out")
    if c_per_group != c_in // groups:
        raise ValueError("weight has the wrong number of channels per filter")
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    padded = np.pad(x, [(0, 0), (0, 0), (ph, ph), (pw, pw)])
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, c_out, h_out, w_out))
    per_in, per_out = c_in // groups, c_out // groups
    for j in range(groups):
        block = padded[:, j * per_in : (j + 1) * per_in]
        filters = weight[j * per_out : (j + 1) * per_out]
        for i in range(h_out):
            for k in range(w_out):
                rows = slice(i * sh, i * sh + dh * (kh - 1) + 1, dh)
                cols = slice(k * sw, k * sw + dw * (kw - 1) + 1, dw)
                window = block[:, :, rows, cols]
                out[:, j::groups, i, k] = np.tensordot(
                    window, filters, axes=([1, 2, 3], [1, 2, 3])
                )
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
