"""Deformable convolution (v1 and v2) with torchvision.ops.deform_conv2d semantics.

Each kernel tap k of output pixel (i, j) samples the input at its regular position plus a
learned offset: ``(i s - p + a d + dy, j s - p + b d + dx)`` for tap (a, b). The input is
read there by bilinear interpolation, zero outside the image (torchvision's rule: a point
with y <= -1, y >= H, x <= -1 or x >= W gives 0; nearer the border, the corners that lie
outside count as 0). Version 2 multiplies each sample by a modulation mask.
"""

import numpy as np

from ._args import as_array, as_tuple, float_dtype
from ._windows import windows
from .conv import _check_bias, _check_channels, _grouped_product


def bilinear_sample(image, y, x):
    """Bilinear interpolation of `image` at real coordinates (y, x), zero outside.

    Parameters
    ----------
    image : array_like, shape (H, W) or (C, H, W)
    y, x : array_like, broadcastable to one shape S
        Row and column coordinates; pixel (r, c) sits at integer (r, c).

    Returns
    -------
    ndarray, shape S, or (C, *S)
        ``sum over the 4 neighbours (r, c) of (1 - |y - r|)(1 - |x - c|) image[r, c]``,
        where neighbours outside the image count as 0 and points with y <= -1, y >= H,
        x <= -1 or x >= W give 0 (torchvision's deform_conv2d rule).

    Examples
    --------
    >>> bilinear_sample([[0.0, 1.0], [2.0, 3.0]], 0.5, 0.5).item()
    1.5
    >>> bilinear_sample([[0.0, 1.0], [2.0, 3.0]], -0.5, 1.0).item()  # half a pixel above
    0.5
    >>> bilinear_sample([[0.0, 1.0], [2.0, 3.0]], -1.0, 1.0).item()  # a whole pixel above
    0.0
    """
    image = as_array(image, "image", (2, 3))
    y, x = np.broadcast_arrays(as_array(y, "y"), as_array(x, "x"))
    channels = image if image.ndim == 3 else image[None]
    flat = channels.reshape(channels.shape[0], -1).astype(float_dtype(image))
    values = _bilinear(flat, channels.shape[1:], y.ravel(), x.ravel())  # (C, P)
    values = values.reshape((channels.shape[0],) + y.shape)
    return values if image.ndim == 3 else values[0]


def _bilinear(flat, size, y, x):
    """Sample flat images (..., H*W) at points y, x of shape (..., P) (broadcast) -> (..., P)."""
    height, width = size
    y0, x0 = np.floor(y), np.floor(x)
    fy, fx = y - y0, x - x0
    inside = (y > -1) & (y < height) & (x > -1) & (x < width)
    total = 0
    for dy, dx, weight in (
        (0, 0, (1 - fy) * (1 - fx)),
        (0, 1, (1 - fy) * fx),
        (1, 0, fy * (1 - fx)),
        (1, 1, fy * fx),
    ):
        row, col = y0 + dy, x0 + dx
        valid = inside & (row >= 0) & (row <= height - 1) & (col >= 0) & (col <= width - 1)
        index = (np.clip(row, 0, height - 1) * width + np.clip(col, 0, width - 1)).astype(np.intp)
        index = np.broadcast_to(index, flat.shape[:-1] + index.shape[-1:])
        total = total + np.take_along_axis(flat, index, axis=-1) * (weight * valid)
    return total


def deform_conv2d(x, offset, weight, bias=None, stride=1, padding=0, dilation=1, mask=None):
    """Deformable convolution as ``torchvision.ops.deform_conv2d``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    offset : array_like, shape (N, 2 G kH kW, H_out, W_out)
        For offset group g and tap k = a kW + b (row-major), channel ``2 (g kH kW + k)`` is
        dy and the next one dx. G offset groups split the input channels into G blocks
        that share offsets.
    weight : array_like, shape (C_out, C_in / groups, kH, kW)
        `groups` is C_in / weight.shape[1], as in torchvision.
    bias : array_like, shape (C_out,), optional
    stride, padding, dilation : int or (int, int)
    mask : array_like, shape (N, G kH kW, H_out, W_out), optional
        Modulation of each sample (deformable convolution v2); None means all ones.

    Returns
    -------
    ndarray, shape (N, C_out, H_out, W_out)
        With zero offsets (and no mask) this is ``conv2d(x, weight, bias, stride, padding,
        dilation)``.
    """
    x = as_array(x, "x", 4)
    weight = as_array(weight, "weight", 4)
    n, c_in, height, width = x.shape
    if weight.shape[1] == 0 or c_in % weight.shape[1]:
        raise ValueError(f"weight.shape[1]={weight.shape[1]} must divide C_in={c_in}")
    groups = c_in // weight.shape[1]
    _check_channels(c_in, weight.shape, groups)
    bias = _check_bias(bias, weight.shape[0])
    stride = as_tuple(stride, 2, "stride", minimum=1)
    padding = as_tuple(padding, 2, "padding", minimum=0)
    dilation = as_tuple(dilation, 2, "dilation", minimum=1)
    kernel = weight.shape[2:]
    # Regular sampling grid through the windowing primitive: (H_out, kH) and (W_out, kW).
    try:
        rows = windows(
            np.arange(-padding[0], height + padding[0]), kernel[:1], stride[:1], dilation[:1]
        )
        cols = windows(
            np.arange(-padding[1], width + padding[1]), kernel[1:], stride[1:], dilation[1:]
        )
    except ValueError:
        raise ValueError(
            f"weight: kernel {kernel} (dilation {dilation}) is larger than the "
            f"padded input {(height + 2 * padding[0], width + 2 * padding[1])}"
        ) from None
    out_size = (rows.shape[0], cols.shape[0])
    offset, mask, offset_groups = _check_offset_mask(offset, mask, n, c_in, kernel, out_size)
    dy = offset[:, 0::2].reshape(n, offset_groups, *kernel, *out_size)
    dx = offset[:, 1::2].reshape(n, offset_groups, *kernel, *out_size)
    # (N, G, H_out, W_out, kH, kW) sampling coordinates
    y = rows[:, None, :, None] + dy.transpose(0, 1, 4, 5, 2, 3)
    xx = cols[None, :, None, :] + dx.transpose(0, 1, 4, 5, 2, 3)
    dtype = float_dtype(x, weight, offset, bias, mask)
    flat = x.astype(dtype).reshape(n, offset_groups, c_in // offset_groups, height * width)
    shape = (n, offset_groups, 1, -1)
    samples = _bilinear(flat, (height, width), y.reshape(shape), xx.reshape(shape))
    samples = samples.reshape(n, c_in, *out_size, *kernel)
    if mask is not None:
        modulation = mask.reshape(n, offset_groups, 1, *kernel, *out_size).transpose(
            0, 1, 2, 5, 6, 3, 4
        )
        samples = (
            samples.reshape(n, offset_groups, c_in // offset_groups, *out_size, *kernel)
            * modulation
        ).reshape(samples.shape)
    out = _grouped_product(samples.astype(dtype, copy=False), weight.astype(dtype), groups)
    if bias is not None:
        out += bias.astype(dtype).reshape(1, -1, 1, 1)
    return out


def _check_offset_mask(offset, mask, n, c_in, kernel, out_size):
    """The offset and mask as arrays, and the number of offset groups; ValueError if unfit."""
    taps = kernel[0] * kernel[1]
    offset = as_array(offset, "offset", 4)
    expected = f"(N, 2 * offset_groups * {taps}, {out_size[0]}, {out_size[1]}) with N={n}"
    if (
        offset.shape[0] != n
        or offset.shape[2:] != out_size
        or offset.shape[1] == 0
        or offset.shape[1] % (2 * taps)
    ):
        raise ValueError(f"offset must have shape {expected}, got {offset.shape}")
    offset_groups = offset.shape[1] // (2 * taps)
    if c_in % offset_groups:
        raise ValueError(f"offset: {offset_groups} offset groups must divide C_in={c_in}")
    if mask is not None:
        mask = as_array(mask, "mask", 4)
        if mask.shape != (n, offset_groups * taps, *out_size):
            raise ValueError(
                f"mask must have shape {(n, offset_groups * taps, *out_size)} (one value per "
                f"offset group and tap), got {mask.shape}"
            )
    return offset, mask, offset_groups
