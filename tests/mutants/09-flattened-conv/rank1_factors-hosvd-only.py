# Stops at the start: the leading singular vector of each unfolding, scaled at best (a truncated
# HOSVD). Exact for rank-1 filters and for the visible Gabor filter, not the best fit in general.
# loses: test_rank1_factors
# feedback: looks like: the start alone (the leading singular vectors of the unfoldings)
# %% [rank1_factors]
def rank1_factors(weight):
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have 4 dimensions (C_out, C_in, kH, kW), got {weight.shape}")
    c_out, c_in, kh, kw = weight.shape
    lateral, vertical, horizontal = np.zeros((c_out, c_in)), np.zeros((c_out, kh)), np.zeros((c_out, kw))
    for o, w in enumerate(weight):
        l, v, h = (np.linalg.svd(np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1))[0][:, 0] for axis in range(3))
        lateral[o] = np.einsum("cij,c,i,j->", w, l, v, h) * l
        vertical[o], horizontal[o] = v, h
    return lateral, vertical, horizontal
