# Rounds up: counts a window that does not fit. Caught by a visible check, with a hint.
# loses: test_conv_output_size, test_conv2d
# feedback: looks like: ceil instead of floor
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    span = dilation * (k - 1) + 1
    if span > i + 2 * padding:
        raise ValueError("k does not fit")
    return -(-(i + 2 * padding - span) // stride) + 1
