# Never checks the lengths: zip stops at the shortest list and a stack with a missing rate gets a number.
# loses: test_receptive_field
# feedback: returned instead of raising
# %% [receptive_field]
def receptive_field(kernel_sizes, strides=None, dilations=None):
    n = len(kernel_sizes)
    strides = strides or [1] * n
    dilations = dilations or [1] * n
    field, jump = 1, 1
    for k, s, d in zip(kernel_sizes, strides, dilations):
        field += d * (k - 1) * jump
        jump *= s
    return field
