# Rounds to nearest instead of down. Python rounds halves to even, so 2.5 -> 2 is right but
# 111.5 -> 112 is not: the visible check (224, 7, stride 2, padding 3) catches it.
# loses: test_conv_output_size, test_conv2d
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    span = dilation * (k - 1) + 1
    if span > i + 2 * padding:
        raise ValueError("k does not fit")
    return round((i + 2 * padding - span) / stride) + 1
