# Never refuses: a kernel larger than the padded input gives a size of 0 or less.
# loses: test_conv_output_size
# feedback: returned instead of raising ValueError
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    return (i + 2 * padding - dilation * (k - 1) - 1) // stride + 1
