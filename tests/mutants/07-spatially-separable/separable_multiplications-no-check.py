# Right counts, but no ValueError for a kernel larger than the image (or m = 0): it returns
# numbers for an impossible configuration.
# loses: test_separable_multiplications
# feedback: returned instead of raising
# %% [separable_multiplications]
def separable_multiplications(n, m):
    out = n - m + 1
    return out * out * m * m, out * n * m + out * out * m
