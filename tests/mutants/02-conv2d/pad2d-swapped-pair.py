# Reads the pair as (pW, pH): right whenever both are equal (the visible cases).
# loses: test_pad2d, test_conv2d
# feedback: pH and pW swapped
# %% [pad2d]
def pad2d(x, padding):
    x = np.asarray(x)
    pw, ph = (padding, padding) if np.ndim(padding) == 0 else padding
    if ph < 0 or pw < 0:
        raise ValueError("padding must be >= 0")
    widths = [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)]
    return np.pad(x, widths)
