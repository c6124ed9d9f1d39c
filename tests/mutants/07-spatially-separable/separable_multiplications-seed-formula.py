# The seed article's formula, ((n-2)^2 m^2, (2n-2)(n-2) m): right for m = 3 only (the visible
# cases), because the output has n - m + 1 rows, not n - 2.
# loses: test_separable_multiplications
# feedback: looks like: the m = 3 formula
# %% [separable_multiplications]
def separable_multiplications(n, m):
    if not 1 <= m <= n:
        raise ValueError(f"m must satisfy 1 <= m <= n, got m={m} and n={n}")
    return (n - 2) ** 2 * m * m, (2 * n - 2) * (n - 2) * m
