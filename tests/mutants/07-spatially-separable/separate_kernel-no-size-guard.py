# Reads s[1] without checking that there is one: a kernel with a single row or column has only
# one singular value, and the function fails with an IndexError.
# loses: test_separate_kernel
# feedback: IndexError
# %% [separate_kernel]
def separate_kernel(kernel, rtol=1e-7):
    kernel = np.asarray(kernel, dtype=float)
    u, s, vt = np.linalg.svd(kernel)
    if s[1] > rtol * s[0]:
        raise ValueError("kernel is not separable")
    return np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
