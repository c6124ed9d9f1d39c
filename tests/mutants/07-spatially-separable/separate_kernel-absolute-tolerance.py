# Compares s2 with rtol itself, not rtol * s1: right for kernels of size about 1 (the visible
# ones), wrong for a tiny kernel of rank 3 (accepted) and a huge separable one (refused).
# loses: test_separate_kernel
# feedback: returned instead of raising
# %% [separate_kernel]
def separate_kernel(kernel, rtol=1e-7):
    kernel = np.asarray(kernel, dtype=float)
    u, s, vt = np.linalg.svd(kernel)
    if s.size > 1 and s[1] > rtol:
        raise ValueError("kernel is not separable")
    return np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
