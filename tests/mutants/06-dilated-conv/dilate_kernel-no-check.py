# Never checks the rate: dilation 0 raises NumPy's 'slice step cannot be zero', which names no argument.
# loses: test_dilate_kernel
# feedback: but the message does not name
# %% [dilate_kernel]
def dilate_kernel(kernel, dilation):
    kernel = np.asarray(kernel)
    dh, dw = (dilation, dilation) if np.ndim(dilation) == 0 else dilation
    kh, kw = kernel.shape[-2:]
    out = np.zeros(kernel.shape[:-2] + (dh * (kh - 1) + 1, dw * (kw - 1) + 1), dtype=kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out
