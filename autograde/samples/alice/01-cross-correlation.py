# A correct submission, vectorised with sliding windows instead of loops.
# %% [correlate1d]
from numpy.lib.stride_tricks import sliding_window_view


def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"unknown mode {mode!r}")
    n, m = len(f), len(g)
    full = sliding_window_view(np.pad(f, m - 1), m) @ g
    start, length = {"full": (0, n + m - 1), "same": ((m - 1) // 2, n),
                     "valid": (min(n, m) - 1, abs(n - m) + 1)}[mode]
    return full[start : start + length]

# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    return correlate1d(f, np.flip(g), mode)

# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"unknown mode {mode!r}")
    (h, w), (kh, kw) = image.shape, kernel.shape
    windows = sliding_window_view(np.pad(image, ((kh - 1,) * 2, (kw - 1,) * 2)), (kh, kw))
    full = np.einsum("ijkl,kl->ij", windows, kernel)
    if mode == "full":
        return full
    if mode == "same":
        return full[kh // 2 :][:h, kw // 2 :][:, :w]
    if (h - kh) * (w - kw) < 0:
        raise ValueError("valid mode: neither input is larger on both axes")
    return full[min(h, kh) - 1 :][: abs(h - kh) + 1, min(w, kw) - 1 :][:, : abs(w - kw) + 1]

# %% [convolve2d]
def convolve2d(image, kernel, mode="full"):
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"unknown mode {mode!r}")
    kernel = np.flip(np.asarray(kernel, dtype=float))
    full = correlate2d(image, kernel, "full")
    if mode != "same":
        return correlate2d(image, kernel, mode)
    (h, w), (kh, kw) = np.shape(image), kernel.shape
    return full[(kh - 1) // 2 :][:h, (kw - 1) // 2 :][:, :w]

# %% [written_flip]
The outputs are correlations with the kernels turned by 180 degrees; only kernels that look the same
turned around (like a blur) are unaffected. Flip the kernels on both axes before copying them.
