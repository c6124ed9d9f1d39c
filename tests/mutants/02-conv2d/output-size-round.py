# Rounds to nearest instead of down: agrees whenever the fraction is 0 or 0.5 (the visible cases).
# loses: test_conv_output_size, test_conv2d
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    span = dilation * (k - 1) + 1
    if span > i + 2 * padding:
        raise ValueError("k does not fit")
    return round((i + 2 * padding - span) / stride) + 1
