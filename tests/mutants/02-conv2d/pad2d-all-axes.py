# np.pad with an int pads every axis: right for a 2-D image (the visible case), not for NCHW.
# loses: test_pad2d, test_conv2d
# %% [pad2d]
def pad2d(x, padding):
    if np.ndim(padding) == 0 and padding < 0:
        raise ValueError("padding must be >= 0")
    return np.pad(np.asarray(x), padding)
