"""Factorised convolutions: pointwise, depthwise, depthwise separable, flattened, and the
spatially separable (rank-1) kernel. All are conv2d with a structured weight, and are
computed through it.
"""

import numpy as np

from ._args import as_array, as_tuple
from .conv import conv2d
from .correlation import correlate2d


def pointwise_conv2d(x, weight, bias=None, groups=1):
    """1x1 convolution: a fully connected layer over channels, applied at every pixel.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    weight : array_like, shape (C_out, C_in / groups, 1, 1)
    bias : array_like, shape (C_out,), optional
    groups : int

    Returns
    -------
    ndarray, shape (N, C_out, H, W)
        ``out[n, o, i, j] = sum_c weight[o, c] x[n, c, i, j] + bias[o]`` (per group).
    """
    weight = as_array(weight, "weight", 4)
    if weight.shape[2:] != (1, 1):
        raise ValueError(
            f"weight must have a 1x1 kernel, shape (C_out, C_in/groups, 1, 1), got {weight.shape}"
        )
    return conv2d(x, weight, bias, groups=groups)


def depthwise_conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Depthwise convolution: each input channel filtered on its own (groups = C_in).

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    weight : array_like, shape (C_in * m, 1, kH, kW)
        m filters per input channel (the channel multiplier); output channel
        ``c * m + j`` is input channel c filtered by ``weight[c * m + j, 0]``.
    bias : array_like, shape (C_in * m,), optional
    stride, padding, dilation
        As in :func:`convlab.conv2d`.

    Returns
    -------
    ndarray, shape (N, C_in * m, H_out, W_out)
    """
    x = as_array(x, "x", 4)
    weight = as_array(weight, "weight", 4)
    c_in = x.shape[1]
    if weight.shape[1] != 1 or weight.shape[0] % c_in:
        raise ValueError(
            f"weight must have shape (C_in * m, 1, kH, kW) with C_in={c_in}, got {weight.shape}"
        )
    return conv2d(x, weight, bias, stride, padding, dilation, groups=c_in)


def depthwise_separable_conv2d(
    x, depthwise_weight, pointwise_weight, bias=None, stride=1, padding=0, dilation=1
):
    """Depthwise convolution followed by a 1x1 convolution (MobileNet, Xception).

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    depthwise_weight : array_like, shape (C_in * m, 1, kH, kW)
    pointwise_weight : array_like, shape (C_out, C_in * m, 1, 1)
    bias : array_like, shape (C_out,), optional
        Added once, after the pointwise step.
    stride, padding, dilation
        Of the depthwise step.

    Returns
    -------
    ndarray, shape (N, C_out, H_out, W_out)
        Parameters ``C_in m kH kW + C_in m C_out`` instead of ``C_out C_in kH kW``.
    """
    middle = depthwise_conv2d(x, depthwise_weight, None, stride, padding, dilation)
    try:
        return pointwise_conv2d(middle, pointwise_weight, bias)
    except ValueError as error:
        raise ValueError(f"pointwise_weight: {error}") from None


def flattened_weight(lateral, vertical, horizontal):
    """The 3-D filters that three 1-D filters make: ``w[o, c, i, j] = l[o, c] v[o, i] h[o, j]``.

    Parameters
    ----------
    lateral : array_like, shape (C_out, C_in)
    vertical : array_like, shape (C_out, kH)
    horizontal : array_like, shape (C_out, kW)

    Returns
    -------
    ndarray, shape (C_out, C_in, kH, kW), each filter of rank one
    """
    lateral, vertical, horizontal = _flattened_factors(lateral, vertical, horizontal)
    return np.einsum("oc,oh,ow->ochw", lateral, vertical, horizontal)


def _flattened_factors(lateral, vertical, horizontal):
    """The three 1-D filter banks as arrays, checked to have one row per output filter."""
    lateral = as_array(lateral, "lateral", 2)
    vertical = as_array(vertical, "vertical", 2)
    horizontal = as_array(horizontal, "horizontal", 2)
    c_out = lateral.shape[0]
    for array, name in ((vertical, "vertical"), (horizontal, "horizontal")):
        if array.shape[0] != c_out:
            raise ValueError(
                f"{name} must have C_out={c_out} rows (one per filter), got shape {array.shape}"
            )
    return lateral, vertical, horizontal


def rank1_factors(weight, max_iterations=2000, tol=1e-12):
    """The best rank-1 (flattened) approximation of each 3-D filter of a weight.

    For each filter ``W[o]`` of shape (C_in, kH, kW), finds the lateral, vertical and
    horizontal 1-D filters that minimise ``||W[o] - l ⊗ v ⊗ h||`` (Frobenius), by the
    higher-order power method: start from the leading singular vectors of the three
    unfoldings of ``W[o]`` (HOSVD), then improve one factor at a time, the other two
    fixed, until the fit stops changing. A rank-1 filter is recovered exactly.

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, kH, kW)
    max_iterations : int
    tol : float
        Stop when no entry of the (unit) vertical and horizontal filters moves by more.

    Returns
    -------
    lateral : ndarray, shape (C_out, C_in)
        Carries the scale of each filter.
    vertical : ndarray, shape (C_out, kH)
    horizontal : ndarray, shape (C_out, kW)
        Unit length, signed so that their largest-magnitude entry is positive.
        ``flattened_weight(lateral, vertical, horizontal)`` is the approximation.

    Examples
    --------
    >>> weight = flattened_weight([[1.0, -2.0]], [[1.0, 2.0, 1.0]], [[-1.0, 0.0, 1.0]])
    >>> lateral, vertical, horizontal = rank1_factors(weight)  # a rank-1 filter: exact
    >>> np.allclose(flattened_weight(lateral, vertical, horizontal), weight)
    True
    >>> (vertical / vertical[0, 0]).round(6).tolist()
    [[1.0, 2.0, 1.0]]
    """
    weight = as_array(weight, "weight", 4).astype(float)
    c_out, c_in, kh, kw = weight.shape
    lateral, vertical, horizontal = (
        _leading_vector(np.moveaxis(weight, axis, 1).reshape(c_out, weight.shape[axis], -1))
        for axis in (1, 2, 3)
    )
    for _ in range(max_iterations):
        previous = vertical, horizontal
        lateral = _unit(np.einsum("ocij,oi,oj->oc", weight, vertical, horizontal))
        vertical = _unit(np.einsum("ocij,oc,oj->oi", weight, lateral, horizontal))
        horizontal = _unit(np.einsum("ocij,oc,oi->oj", weight, lateral, vertical))
        change = max(np.max(np.abs(a - b)) for a, b in zip((vertical, horizontal), previous))
        if change <= tol:
            break
    scale = np.einsum("ocij,oc,oi,oj->o", weight, lateral, vertical, horizontal)
    for factor in (vertical, horizontal):  # the sign lives in the lateral filter
        signs = np.sign(factor[np.arange(c_out), np.argmax(np.abs(factor), axis=1)])
        signs[signs == 0] = 1
        factor *= signs[:, None]
        scale *= signs
    return scale[:, None] * lateral, vertical, horizontal


def _leading_vector(matrices):
    """The leading left singular vector of each matrix in a stack (O, m, n) -> (O, m)."""
    u, _, _ = np.linalg.svd(matrices, full_matrices=False)
    return u[:, :, 0]


def _unit(vectors):
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def flattened_conv2d(x, lateral, vertical, horizontal, bias=None, padding=0):
    """Flattened convolution: a 1x1 lateral stage, then a vertical and a horizontal 1-D stage.

    Equals ``conv2d(x, flattened_weight(lateral, vertical, horizontal), bias, padding=padding)``
    at ``C_out (C_in + kH + kW)`` parameters instead of ``C_out C_in kH kW``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    lateral, vertical, horizontal : see :func:`flattened_weight`
    bias : array_like, shape (C_out,), optional
    padding : int or (int, int)
        (pH, pW): pH is applied by the vertical stage, pW by the horizontal one.
    """
    lateral, vertical, horizontal = _flattened_factors(lateral, vertical, horizontal)
    pad_h, pad_w = as_tuple(padding, 2, "padding", minimum=0)
    x = as_array(x, "x", 4)
    if lateral.shape[1] != x.shape[1]:
        raise ValueError(
            f"lateral must have one weight per input channel, shape (C_out, {x.shape[1]}), "
            f"got {lateral.shape}"
        )
    mixed = conv2d(x, lateral[:, :, None, None])  # (N, C_out, H, W)
    c_out = lateral.shape[0]
    tall = conv2d(mixed, vertical[:, None, :, None], padding=(pad_h, 0), groups=c_out)
    return conv2d(tall, horizontal[:, None, None, :], bias, padding=(0, pad_w), groups=c_out)


def separate_kernel(kernel, rtol=1e-7):
    """Split a rank-1 kernel into a column and a row: ``np.outer(column, row) ≈ kernel``.

    The split comes from the largest singular value s1 and its singular vectors u, v:
    ``column = sqrt(s1) u``, ``row = sqrt(s1) v``, signed so that the largest entry of
    `column` is positive. (Any ``(a * column, row / a)`` is an equally valid split.)

    Parameters
    ----------
    kernel : array_like, shape (kH, kW)
    rtol : float
        The kernel counts as rank 1 when ``s2 <= rtol * s1``.

    Returns
    -------
    column : ndarray, shape (kH,)
    row : ndarray, shape (kW,)

    Raises
    ------
    ValueError
        If the kernel is not separable (its second singular value is too large).

    Examples
    --------
    >>> column, row = separate_kernel([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])  # Sobel
    >>> np.allclose(np.outer(column, row), [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    True
    >>> (column / column[0]).round(6).tolist()  # proportional to [1, 2, 1]
    [1.0, 2.0, 1.0]
    """
    kernel = as_array(kernel, "kernel", 2).astype(float)
    u, s, vt = np.linalg.svd(kernel)
    if s.size > 1 and s[1] > rtol * s[0]:
        raise ValueError(
            f"kernel is not separable: its singular values are {np.round(s, 6).tolist()} "
            f"(rank 1 needs s2 <= rtol * s1 = {rtol * s[0]:.3g})"
        )
    column, row = np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
    if column[np.argmax(np.abs(column))] < 0:
        column, row = -column, -row
    return column, row


def separable_correlate2d(image, column, row, mode="valid"):
    """Correlate with ``np.outer(column, row)`` as two 1-D passes: columns, then rows.

    Equals ``correlate2d(image, np.outer(column, row), mode)``, with ``(kH + kW)`` instead
    of ``kH kW`` multiplications per output pixel (for large images).

    Parameters
    ----------
    image : array_like, shape (H, W)
    column : array_like, shape (kH,)
    row : array_like, shape (kW,)
    mode : {'full', 'same', 'valid'}
        For 'valid' the image must be at least as large as the kernel on both axes.
    """
    image = as_array(image, "image", 2)
    column = as_array(column, "column", 1)
    row = as_array(row, "row", 1)
    if mode == "valid" and (image.shape[0] < column.size or image.shape[1] < row.size):
        raise ValueError(
            f"mode='valid' needs an image at least as large as the kernel, got image "
            f"{image.shape} and kernel {(column.size, row.size)}"
        )
    return correlate2d(correlate2d(image, column[:, None], mode), row[None, :], mode)
