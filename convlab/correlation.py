"""Single-channel correlation and convolution with scipy.signal semantics.

For a signal ``f`` of length n and a kernel ``g`` of length m, the full
cross-correlation has n + m - 1 entries, one per overlap of g with f:

    full[t] = sum_j f[t + j - (m - 1)] * conj(g[j])      (f is zero outside 0..n-1)

Convolution is the same sum with the kernel flipped: convolve(f, g) = correlate(f, g[::-1]).
``mode="same"`` keeps n central entries of the full output; ``mode="valid"`` keeps the
|n - m| + 1 central entries, where one input lies wholly inside the other.

An even kernel has no centre, so "same" must drop one more entry on one side than on the
other. SciPy drops the extra entry at the start for ``correlate``, ``convolve`` and
``convolve2d`` (slice start ``(m - 1) // 2``) but at the end for ``correlate2d``, which is
``convolve2d`` with the kernel flipped (slice start ``m // 2``). convlab follows each.
"""

import numpy as np

from ._args import as_array
from ._windows import pad, windows

MODES = ("full", "same", "valid")


def correlate1d(f, g, mode="full"):
    """Cross-correlation of two 1-D arrays, as ``scipy.signal.correlate``.

    Parameters
    ----------
    f : array_like, shape (n,)
    g : array_like, shape (m,)
        The kernel; it is slid along `f` without flipping.
    mode : {'full', 'same', 'valid'}
        Output length n + m - 1, n, or max(n, m) - min(n, m) + 1.

    Returns
    -------
    ndarray, shape given by `mode`, dtype ``result_type(f, g)``

    Examples
    --------
    >>> correlate1d([1, 2, 3], [0, 1, 0.5]).tolist()
    [0.5, 2.0, 3.5, 3.0, 0.0]
    """
    return _correlate(f, g, mode, ndim=1, names=("f", "g"), same_start=_start_before)


def convolve1d(f, g, mode="full"):
    """Convolution of two 1-D arrays, as ``scipy.signal.convolve``: correlation with `g` flipped.

    Examples
    --------
    >>> convolve1d([1, 2, 3], [0, 1, 0.5]).tolist()
    [0.0, 1.0, 2.5, 4.0, 1.5]
    """
    g = as_array(g, "g", 1)
    return _correlate(f, np.conj(g[::-1]), mode, 1, ("f", "g"), same_start=_start_before)


def correlate2d(image, kernel, mode="full"):
    """Cross-correlation of two 2-D arrays, as ``scipy.signal.correlate2d`` (zero fill).

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kH, kW)
    mode : {'full', 'same', 'valid'}
        Output shape (H + kH - 1, W + kW - 1), (H, W), or |H - kH| + 1, |W - kW| + 1
        ('valid' needs one input at least as large as the other on both axes).

    Returns
    -------
    ndarray, dtype ``result_type(image, kernel)``
    """
    return _correlate(image, kernel, mode, 2, ("image", "kernel"), same_start=_start_after)


def convolve2d(image, kernel, mode="full"):
    """Convolution of two 2-D arrays, as ``scipy.signal.convolve2d``: the kernel flipped, both axes.

    Parameters and output shapes as in :func:`correlate2d`.
    """
    kernel = as_array(kernel, "kernel", 2)
    flipped = np.conj(kernel[::-1, ::-1])
    return _correlate(image, flipped, mode, 2, ("image", "kernel"), same_start=_start_before)


def _correlate(f, g, mode, ndim, names, same_start):
    f, g = as_array(f, names[0], ndim), as_array(g, names[1], ndim)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    for array, name in ((f, names[0]), (g, names[1])):
        if array.size == 0:
            raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if mode == "valid" and not (
        all(a >= b for a, b in zip(f.shape, g.shape))
        or all(a <= b for a, b in zip(f.shape, g.shape))
    ):
        raise ValueError(
            f"mode='valid' needs one input at least as large as the other on every axis, "
            f"got {names[0]} {f.shape} and {names[1]} {g.shape}"
        )
    padded = pad(f, [(m - 1, m - 1) for m in g.shape])
    full = np.tensordot(windows(padded, g.shape), np.conj(g), axes=ndim)
    if mode == "full":
        return full
    if mode == "same":
        starts = [same_start(m) for m in g.shape]
        keep = f.shape
    else:  # one input inside the other: |n - m| + 1 entries starting at min(n, m) - 1
        starts = [min(n, m) - 1 for n, m in zip(f.shape, g.shape)]
        keep = [abs(n - m) + 1 for n, m in zip(f.shape, g.shape)]
    return full[tuple(slice(start, start + k) for start, k in zip(starts, keep))]


def _start_before(m):
    """'same' slice start when an even kernel's extra entry is dropped before: (m - 1) // 2."""
    return (m - 1) // 2


def _start_after(m):
    """'same' slice start when an even kernel's extra entry is dropped after: m // 2."""
    return m // 2
