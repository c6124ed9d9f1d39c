# Takes the dilated kernel to span k * d cells instead of d (k - 1) + 1: right for d = 1 only.
# loses: test_conv_output_size
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    span = k * dilation
    if span > i + 2 * padding:
        raise ValueError("k does not fit")
    return (i + 2 * padding - span) // stride + 1
