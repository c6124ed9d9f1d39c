# Counts the dilation in the output size but not in the sampling grid: tap (a, b) sits at (a, b)
# instead of (a dH, b dW). The visible checks have no dilation.
# loses: test_deform_conv2d
# feedback: looks like: dilation left out of the grid
# %% [deform_conv2d]
def deform_conv2d(x, offset, weight, bias=None, stride=1, padding=0, dilation=1, mask=None):
    x, offset, weight = (np.asarray(a, dtype=float) for a in (x, offset, weight))
    n, c_in, height, width = x.shape
    c_out, _, kh, kw = weight.shape
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    h_out = (height + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (width + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if offset.shape != (n, 2 * kh * kw, h_out, w_out):
        raise ValueError(
            f"offset must have shape {(n, 2 * kh * kw, h_out, w_out)}, got {offset.shape}"
        )
    if mask is not None:
        mask = np.asarray(mask, dtype=float)
        if mask.shape != (n, kh * kw, h_out, w_out):
            raise ValueError(f"mask must have shape {(n, kh * kw, h_out, w_out)}, got {mask.shape}")
    rows = np.arange(h_out)[:, None] * sh - ph  # (H_out, 1): the top row of each window
    cols = np.arange(w_out)[None, :] * sw - pw  # (1, W_out)
    samples = np.zeros((n, c_in, kh, kw, h_out, w_out))
    for image in range(n):
        for a in range(kh):
            for b in range(kw):
                k = a * kw + b
                y = rows + a + offset[image, 2 * k]  # (H_out, W_out)
                xx = cols + b + offset[image, 2 * k + 1]
                tap = bilinear_sample(x[image], y, xx)  # (C_in, H_out, W_out)
                samples[image, :, a, b] = tap if mask is None else tap * mask[image, k]
    out = np.einsum("ocab,ncabij->noij", weight, samples)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out
