# A right direct count, but the separable count of the m = 3 formula, (2n-2)(n-2) m.
# loses: test_separable_multiplications
# feedback: looks like: the separable count of the m = 3 formula
# %% [separable_multiplications]
def separable_multiplications(n, m):
    if not 1 <= m <= n:
        raise ValueError(f"m must satisfy 1 <= m <= n, got m={m} and n={n}")
    out = n - m + 1
    return out * out * m * m, (2 * n - 2) * (n - 2) * m
