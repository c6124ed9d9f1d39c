# correlate2d with the flipped kernel in every mode: 'same' is then one step late for even kernels.
# loses: test_convolve2d
# %% [convolve2d]
def convolve2d(image, kernel, mode="full"):
    return correlate2d(image, np.asarray(kernel)[::-1, ::-1], mode)
