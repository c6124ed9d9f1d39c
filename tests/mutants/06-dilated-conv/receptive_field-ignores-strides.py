# Adds d (k - 1) per layer and forgets that strides below a layer stretch its steps: the visible stacks have no strides.
# loses: test_receptive_field
# feedback: looks like: the strides are ignored
# %% [receptive_field]
def receptive_field(kernel_sizes, strides=None, dilations=None):
    n = len(kernel_sizes)
    strides = [1] * n if strides is None else list(strides)
    dilations = [1] * n if dilations is None else list(dilations)
    for name, values in (("strides", strides), ("dilations", dilations)):
        if len(values) != n:
            raise ValueError(f"{name} must have one entry per layer ({n}), got {len(values)}")
    return 1 + sum(d * (k - 1) for k, d in zip(kernel_sizes, dilations))
