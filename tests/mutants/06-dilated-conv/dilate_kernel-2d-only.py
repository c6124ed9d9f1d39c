# Spreads one (kH, kW) kernel only: a whole weight (C_out, C_in, kH, kW) fails to unpack.
# loses: test_dilate_kernel
# %% [dilate_kernel]
def dilate_kernel(kernel, dilation):
    kernel = np.asarray(kernel)
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    if dh < 1 or dw < 1:
        raise ValueError(f"dilation must be >= 1, got {dilation}")
    kh, kw = kernel.shape
    out = np.zeros((dh * (kh - 1) + 1, dw * (kw - 1) + 1), dtype=kernel.dtype)
    out[::dh, ::dw] = kernel
    return out
