# Counts one bias per group instead of one per output channel.
# loses: test_conv_params
# feedback: looks like: the bias counted once per group
# %% [conv_params]
def conv_params(c_in, c_out, kernel_size, groups=1, bias=False):
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide c_in and c_out")
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    return c_out * (c_in // groups) * kh * kw + (groups if bias else 0)
