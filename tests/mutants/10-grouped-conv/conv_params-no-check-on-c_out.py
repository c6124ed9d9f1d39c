# Checks that groups divides c_in only; an uneven split of the filters passes.
# loses: test_conv_params
# %% [conv_params]
def conv_params(c_in, c_out, kernel_size, groups=1, bias=False):
    if c_in % groups:
        raise ValueError(f"groups={groups} must divide c_in and c_out")
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    return c_out * (c_in // groups) * kh * kw + (c_out if bias else 0)
