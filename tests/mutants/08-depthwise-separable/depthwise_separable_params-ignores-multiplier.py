# Counts the layer as if m were 1: right for the visible checks, which have no multiplier.
# loses: test_depthwise_separable_params
# feedback: looks like: the multiplier is ignored
# %% [depthwise_separable_params]
def depthwise_separable_params(c_in, c_out, kernel_size, multiplier=1):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    return c_in * kh * kw + c_in * c_out
