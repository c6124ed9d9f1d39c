# Forgets to flip: a cross-correlation, caught by the visible checks with a hint.
# loses: test_convolve1d
# feedback: looks like: the kernel is not flipped
# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    return correlate1d(f, g, mode)
