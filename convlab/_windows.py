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


def runs(x, kernel_size, dilation=None):
    """The stride-1 windows of `x`, each tap's outputs read as one contiguous run.

    For stride 1 and a C-contiguous `x`, the windows :func:`windows` returns can be read
    with the output axes folded into one: for a fixed tap, consecutive outputs along the
    last axis are consecutive elements of `x`, and the end of an output row runs on into
    the next through ``dil (k - 1)`` positions that straddle the edge. Those wrapped
    positions are outputs to discard; in exchange each tap's outputs are one plain run,
    which NumPy's loops process at full speed.

    Parameters
    ----------
    x : C-contiguous ndarray, shape (..., n_1, ..., n_d)
    kernel_size, dilation : tuple of d ints (dilation defaults to 1)

    Returns
    -------
    ndarray, shape (..., k_1, ..., k_d, L)
        Output position (o_1, ..., o_d) of a tap is at ``l = sum(o_i * steps_i)``, where
        `steps` are the element strides of the last d axes of `x`;
        ``L = 1 + sum((out_i - 1) * steps_i)``. No data is copied.

    Examples
    --------
    >>> x = np.arange(12).reshape(3, 4)
    >>> runs(x, (2, 2))[1, 0].tolist()  # tap (1, 0); l = 3 is the wrapped position
    [4, 5, 6, 7, 8, 9, 10]
    """
    if not x.flags.c_contiguous:
        raise ValueError("x must be C-contiguous")
    view = windows(x, kernel_size, dilation=dilation)
    d = len(kernel_size)
    out = view.shape[x.ndim - d : x.ndim]
    steps = x.strides[x.ndim - d :]
    length = 1 + sum((o - 1) * st for o, st in zip(out, steps)) // x.itemsize
    return as_strided(
        x,
        x.shape[: x.ndim - d] + tuple(kernel_size) + (length,),
        view.strides[: x.ndim - d] + view.strides[x.ndim :] + (x.itemsize,),
        writeable=False,
    )


def pad(x, padding):
    """Zero-pad the last ``len(padding)`` axes of `x`; `padding` holds (before, after) pairs."""
    if not any(lo or hi for lo, hi in padding):
        return x
    return np.pad(x, [(0, 0)] * (x.ndim - len(padding)) + list(padding))
