# Flips left-right only: the visible kernel is symmetric top-bottom, so only hidden cases see it.
# loses: test_convolve2d
# feedback: flipped left-right only
# %% [convolve2d]
def convolve2d(image, kernel, mode="full"):
    kernel = np.asarray(kernel)
    if mode == "same":
        h, w = np.shape(image)
        top, left = (kernel.shape[0] - 1) // 2, (kernel.shape[1] - 1) // 2
        return correlate2d(image, kernel[:, ::-1], "full")[top : top + h, left : left + w]
    return correlate2d(image, kernel[:, ::-1], mode)
