# Decides with np.allclose(outer(column, row), kernel) instead of s2 <= rtol * s1: ignores rtol,
# and np.allclose's absolute tolerance accepts any tiny kernel, separable or not.
# loses: test_separate_kernel
# feedback: returned instead of raising
# %% [separate_kernel]
def separate_kernel(kernel, rtol=1e-7):
    kernel = np.asarray(kernel, dtype=float)
    u, s, vt = np.linalg.svd(kernel)
    column, row = np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
    if not np.allclose(np.outer(column, row), kernel):
        raise ValueError("kernel is not separable")
    return column, row
