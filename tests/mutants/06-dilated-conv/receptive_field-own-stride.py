# Multiplies the jump by a layer's stride before adding its growth, so a layer is stretched by its own stride too.
# loses: test_receptive_field
# feedback: looks like: the stride of a layer multiplies its own growth
# %% [receptive_field]
def receptive_field(kernel_sizes, strides=None, dilations=None):
    n = len(kernel_sizes)
    strides = [1] * n if strides is None else list(strides)
    dilations = [1] * n if dilations is None else list(dilations)
    for name, values in (("strides", strides), ("dilations", dilations)):
        if len(values) != n:
            raise ValueError(f"{name} must have one entry per layer ({n}), got {len(values)}")
    field, jump = 1, 1
    for k, s, d in zip(kernel_sizes, strides, dilations):
        jump *= s
        field += d * (k - 1) * jump
    return field
