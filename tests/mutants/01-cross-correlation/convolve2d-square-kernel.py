# Flips with a transpose trick that only works for square kernels.
# loses: test_convolve2d
# %% [convolve2d]
def convolve2d(image, kernel, mode="full"):
    kernel = np.asarray(kernel)
    k = kernel.shape[0]
    flipped = np.rot90(kernel[:k, :k], 2)
    if mode == "same":
        h, w = np.shape(image)
        return correlate2d(image, flipped, "full")[
            (k - 1) // 2 : (k - 1) // 2 + h, (k - 1) // 2 : (k - 1) // 2 + w
        ]
    return correlate2d(image, flipped, mode)
