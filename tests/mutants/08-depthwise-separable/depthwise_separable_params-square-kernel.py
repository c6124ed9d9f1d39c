# Reads a (kH, kW) pair as a square kH x kH kernel: the visible checks give an int.
# loses: test_depthwise_separable_params
# feedback: looks like: kernel_size (kH, kW) read as a square
# %% [depthwise_separable_params]
def depthwise_separable_params(c_in, c_out, kernel_size, multiplier=1):
    k = kernel_size if np.ndim(kernel_size) == 0 else kernel_size[0]
    return c_in * multiplier * (k * k + c_out)
