# Two SVDs instead of the power method: the lateral filter from the lateral unfolding, then the
# spatial part (the leading right singular vector, as a kH x kW kernel) split by a second SVD.
# Exact for rank-1 filters and for the visible Gabor filter, not the best fit in general.
# loses: test_rank1_factors
# feedback: looks like: one SVD for the lateral filter, then a second SVD for the spatial part
# %% [rank1_factors]
def rank1_factors(weight):
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have 4 dimensions (C_out, C_in, kH, kW), got {weight.shape}")
    c_out, c_in, kh, kw = weight.shape
    lateral, vertical, horizontal = np.zeros((c_out, c_in)), np.zeros((c_out, kh)), np.zeros((c_out, kw))
    for o, w in enumerate(weight):
        u, s, vt = np.linalg.svd(w.reshape(c_in, -1), full_matrices=False)
        column, sigma, row = np.linalg.svd(vt[0].reshape(kh, kw))
        lateral[o] = s[0] * sigma[0] * u[:, 0]
        vertical[o], horizontal[o] = column[:, 0], row[0]
    return lateral, vertical, horizontal
