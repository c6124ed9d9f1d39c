# Lets the 1x1 step read C_in * m channels, but gives the depthwise step C_in kernels only.
# loses: test_depthwise_separable_params
# feedback: looks like: the depthwise step has C_in kernels
# %% [depthwise_separable_params]
def depthwise_separable_params(c_in, c_out, kernel_size, multiplier=1):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    return c_in * kh * kw + c_in * multiplier * c_out
