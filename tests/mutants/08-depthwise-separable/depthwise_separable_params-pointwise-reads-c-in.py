# Gives the depthwise step its C_in * m kernels, but lets the 1x1 step read C_in channels only.
# loses: test_depthwise_separable_params
# feedback: looks like: the pointwise step reads C_in channels
# %% [depthwise_separable_params]
def depthwise_separable_params(c_in, c_out, kernel_size, multiplier=1):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    depthwise = c_in * multiplier * kh * kw
    pointwise = c_out * c_in
    return depthwise + pointwise
