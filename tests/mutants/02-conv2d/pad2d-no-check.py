# Negative padding silently crops instead of raising ValueError.
# loses: test_pad2d
# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    h, w = x.shape[-2:]
    out = np.zeros(x.shape[:-2] + (h + 2 * ph, w + 2 * pw), dtype=x.dtype)
    out[..., max(ph, 0) : max(ph, 0) + h, max(pw, 0) : max(pw, 0) + w] = x[
        ..., max(-ph, 0) : h - max(-ph, 0), max(-pw, 0) : w - max(-pw, 0)
    ]
    return out
