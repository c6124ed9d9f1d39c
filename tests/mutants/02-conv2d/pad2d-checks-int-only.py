# Checks an int padding for a negative value but not a pair: np.pad then refuses (1, -1) with
# its own message, which does not name `padding`.
# loses: test_pad2d
# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    if np.ndim(padding) == 0:
        if padding < 0:
            raise ValueError(f"padding must be >= 0, got {padding}")
        padding = (padding, padding)
    ph, pw = padding
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)])
