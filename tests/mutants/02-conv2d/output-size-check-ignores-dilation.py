# Refuses a kernel larger than the padded input but compares k, not the dilated span d(k-1)+1:
# a dilated kernel that does not fit gets a size of 0 or less instead of a ValueError.
# loses: test_conv_output_size
# feedback: returned instead of raising ValueError
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    if k > i + 2 * padding:
        raise ValueError(f"k={k} is larger than the padded input {i + 2 * padding}")
    return (i + 2 * padding - dilation * (k - 1) - 1) // stride + 1
