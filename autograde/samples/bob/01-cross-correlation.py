# Plausible mistakes: 'same' centred with m // 2 in 1-D, and a 2-D flip on one axis only.
# %% [correlate1d]
def correlate1d(f, g, mode="full"):
    f, g = np.asarray(f, dtype=float), np.asarray(g, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError("mode must be full, same or valid")
    n, m = len(f), len(g)
    padded = np.concatenate([np.zeros(m - 1), f, np.zeros(m - 1)])
    full = np.array([np.sum(padded[t : t + m] * g) for t in range(n + m - 1)])
    if mode == "full":
        return full
    if mode == "same":
        return full[m // 2 : m // 2 + n]
    return full[min(n, m) - 1 : min(n, m) - 1 + abs(n - m) + 1]

# %% [convolve1d]
def convolve1d(f, g, mode="full"):
    return correlate1d(f, np.asarray(g)[::-1], mode)

# %% [correlate2d]
def correlate2d(image, kernel, mode="full"):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    if mode not in ("full", "same", "valid"):
        raise ValueError("mode must be full, same or valid")
    (h, w), (kh, kw) = image.shape, kernel.shape
    padded = np.pad(image, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    out = np.zeros((h + kh - 1, w + kw - 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(padded[i : i + kh, j : j + kw] * kernel)
    if mode == "full":
        return out
    if mode == "same":
        return out[kh // 2 : kh // 2 + h, kw // 2 : kw // 2 + w]
    if (h - kh) * (w - kw) < 0:
        raise ValueError("valid mode needs one input inside the other")
    return out[min(h, kh) - 1 : min(h, kh) + abs(h - kh), min(w, kw) - 1 : min(w, kw) + abs(w - kw)]

# %% [convolve2d]
def convolve2d(image, kernel, mode="full"):
    kernel = np.asarray(kernel)
    if mode == "same":
        h, w = np.shape(image)
        top, left = (kernel.shape[0] - 1) // 2, (kernel.shape[1] - 1) // 2
        return correlate2d(image, kernel[:, ::-1], "full")[top : top + h, left : left + w]
    return correlate2d(image, kernel[:, ::-1], mode)

# %% [written_flip]
Nothing changes, the network learned the kernels.
