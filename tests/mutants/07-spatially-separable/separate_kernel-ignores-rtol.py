# Uses the default tolerance 1e-7 whatever rtol is passed: right with the default, wrong when
# the caller accepts a nearly separable kernel (rtol=1e-3) or demands more (rtol=1e-12).
# loses: test_separate_kernel
# %% [separate_kernel]
def separate_kernel(kernel, rtol=1e-7):
    kernel = np.asarray(kernel, dtype=float)
    u, s, vt = np.linalg.svd(kernel)
    if s.size > 1 and s[1] > 1e-7 * s[0]:
        raise ValueError("kernel is not separable")
    return np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
