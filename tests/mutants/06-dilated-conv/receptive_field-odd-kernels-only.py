# Grows the field by 2 d (k // 2), the two half-widths of an odd kernel: right for the visible 3x3 stacks, not for k = 2.
# loses: test_receptive_field
# feedback: looks like: an even kernel counted as k + 1 taps
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
        field += 2 * d * (k // 2) * jump
        jump *= s
    return field
