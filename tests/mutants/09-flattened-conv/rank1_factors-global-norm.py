# Vectorised over the filters, but normalises each bank with np.linalg.norm of the whole array
# instead of row by row: the rows are not unit vectors, so the scale W(l, v, h) is wrong for
# C_out > 1. Right for the single filters (C_out = 1) of the visible checks.
# loses: test_rank1_factors
# %% [rank1_factors]
def rank1_factors(weight):
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have 4 dimensions (C_out, C_in, kH, kW), got {weight.shape}")
    c_out, c_in, kh, kw = weight.shape
    l, v, h = (
        np.linalg.svd(np.moveaxis(weight, axis, 1).reshape(c_out, weight.shape[axis], -1))[0][:, :, 0]
        for axis in (1, 2, 3)
    )
    for _ in range(1000):
        previous = np.concatenate([l, v, h], axis=1)
        l = np.einsum("ocij,oi,oj->oc", weight, v, h)
        l = l / np.linalg.norm(l)
        v = np.einsum("ocij,oc,oj->oi", weight, l, h)
        v = v / np.linalg.norm(v)
        h = np.einsum("ocij,oc,oi->oj", weight, l, v)
        h = h / np.linalg.norm(h)
        if np.abs(np.concatenate([l, v, h], axis=1) - previous).max() <= 1e-10:
            break
    scale = np.einsum("ocij,oc,oi,oj->o", weight, l, v, h)
    return scale[:, None] * l, v, h
