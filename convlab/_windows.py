"""The one sliding-window primitive that every operator in convlab is built on."""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def windows(x, kernel_size, stride=None, dilation=None, writeable=False):
    """View of the windows over the last ``len(kernel_size)`` axes of `x`.

    Parameters
    ----------
    x : ndarray, shape (..., n_1, ..., n_d)
    kernel_size, stride, dilation : tuple of d ints (stride and dilation default to 1)
    writeable : bool
        Read-only by default. A writeable view lets a transposed convolution scatter-add
        one kernel tap at a time (``view[..., tap] += ...``): for a fixed tap, distinct
        windows hit distinct elements, so no write is lost. Never write through
        overlapping taps at once.

    Returns
    -------
    ndarray, shape (..., o_1, ..., o_d, k_1, ..., k_d)
        ``view[..., i, j] = x[..., i * s + j * dil]`` per axis, with
        ``o = floor((n - dil * (k - 1) - 1) / s) + 1``. No data is copied.

    Examples
    --------
    >>> windows(np.arange(5), (2,), (2,)).tolist()
    [[0, 1], [2, 3]]
    >>> windows(np.arange(5), (2,), dilation=(3,)).tolist()
    [[0, 3], [1, 4]]
    """
    d = len(kernel_size)
    stride = stride or (1,) * d
    dilation = dilation or (1,) * d
    spatial = x.shape[x.ndim - d :]
    out = tuple(
        (n - dil * (k - 1) - 1) // s + 1
        for n, k, s, dil in zip(spatial, kernel_size, stride, dilation)
    )
    if min(out, default=1) < 1:
        raise ValueError(f"window {kernel_size} (dilation {dilation}) larger than input {spatial}")
    steps = x.strides[x.ndim - d :]
    shape = x.shape[: x.ndim - d] + out + tuple(kernel_size)
    strides = (
        x.strides[: x.ndim - d]
        + tuple(st * s for st, s in zip(steps, stride))
        + tuple(st * dil for st, dil in zip(steps, dilation))
    )
    return as_strided(x, shape, strides, writeable=writeable)


def pad(x, padding):
    """Zero-pad the last ``len(padding)`` axes of `x`; `padding` holds (before, after) pairs."""
    if not any(lo or hi for lo, hi in padding):
        return x
    return np.pad(x, [(0, 0)] * (x.ndim - len(padding)) + list(padding))
