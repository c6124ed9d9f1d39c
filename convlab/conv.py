"""Deep-learning convolutions with torch.nn.functional semantics (cross-correlation, NCHW).

Output size per spatial axis, for input size i, kernel k, stride s, padding p, dilation d:

    o = floor((i + 2p - d(k - 1) - 1) / s) + 1
"""

import functools
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ._args import as_array, as_int, as_tuple, float_dtype
from ._windows import pad, runs, windows


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution (cross-correlation) as ``torch.nn.functional.conv2d``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W), or (C_in, H, W) for one unbatched image
    weight : array_like, shape (C_out, C_in / groups, kH, kW)
    bias : array_like, shape (C_out,), optional
    stride, dilation : int or (int, int), >= 1
    padding : int or (int, int) or {'valid', 'same'}
        Zeros added on both sides of each spatial axis. 'same' (stride 1 only) pads
        d(k - 1) in total, the odd one on the bottom/right, as torch does.
    groups : int
        Input and output channels are split into `groups` blocks; block g of the
        output sees only block g of the input. groups = C_in is depthwise.

    Returns
    -------
    ndarray, shape (N, C_out, H_out, W_out), float (at least float32)
        ``H_out = floor((H + 2p - d(kH - 1) - 1) / s) + 1``, likewise W_out.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, np.ones((1, 1, 2, 2)), stride=2)[0, 0].tolist()
    [[10.0, 18.0], [42.0, 50.0]]
    """
    return conv_nd(x, weight, bias, stride, padding, dilation, groups, spatial_dims=2)


def pad2d(x, padding):
    """Zero-pad the last two axes of `x` by `padding` on each side.

    Parameters
    ----------
    x : array_like, shape (..., H, W)
    padding : int or (int, int), >= 0
        Zeros added above and below (pH), and left and right (pW).

    Returns
    -------
    ndarray, shape (..., H + 2 pH, W + 2 pW), the dtype of `x`

    Examples
    --------
    >>> pad2d(np.ones((1, 2)), (1, 0)).tolist()
    [[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    """
    x = as_array(x, "x")
    if x.ndim < 2:
        raise ValueError(f"x must have at least 2 dimensions (H, W), got shape {x.shape}")
    return pad(x, [(p, p) for p in as_tuple(padding, 2, "padding", minimum=0)])


def dilate_kernel(kernel, dilation):
    """Spread the taps of a kernel apart: ``dilation - 1`` zeros between neighbours.

    A dilated convolution is an ordinary one with the spread kernel:
    ``conv2d(x, dilate_kernel(w, d)) == conv2d(x, w, dilation=d)``, at the cost of the
    zeros. The spread kernel has ``k + (k - 1)(d - 1)`` taps per axis (the effective size).

    Parameters
    ----------
    kernel : array_like, shape (..., kH, kW)
        A single kernel or a whole weight (C_out, C_in / groups, kH, kW).
    dilation : int or (int, int), >= 1

    Returns
    -------
    ndarray, shape (..., dH (kH - 1) + 1, dW (kW - 1) + 1), the dtype of `kernel`

    Examples
    --------
    >>> dilate_kernel([[1, 2], [3, 4]], 2).tolist()
    [[1, 0, 2], [0, 0, 0], [3, 0, 4]]
    """
    kernel = as_array(kernel, "kernel")
    if kernel.ndim < 2:
        raise ValueError(f"kernel must have at least 2 dimensions (kH, kW), got {kernel.shape}")
    dh, dw = as_tuple(dilation, 2, "dilation", minimum=1)
    kh, kw = kernel.shape[-2:]
    out = np.zeros(kernel.shape[:-2] + (dh * (kh - 1) + 1, dw * (kw - 1) + 1), kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out


def conv3d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """3-D convolution (cross-correlation) as ``torch.nn.functional.conv3d``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, D, H, W), or (C_in, D, H, W)
    weight : array_like, shape (C_out, C_in / groups, kD, kH, kW)
    bias, stride, padding, dilation, groups
        As in :func:`conv2d`, with one value per axis (D, H, W).

    Returns
    -------
    ndarray, shape (N, C_out, D_out, H_out, W_out)
    """
    return conv_nd(x, weight, bias, stride, padding, dilation, groups, spatial_dims=3)


def conv_nd(x, weight, bias, stride, padding, dilation, groups, spatial_dims):
    """The shared body of conv2d and conv3d, for `spatial_dims` spatial axes."""
    d = spatial_dims
    x = as_array(x, "x", (d + 1, d + 2))
    if x.ndim == d + 1:  # unbatched, as torch allows
        return conv_nd(x[None], weight, bias, stride, padding, dilation, groups, d)[0]
    weight = as_array(weight, "weight", d + 2)
    groups = as_int(groups, "groups", minimum=1)
    _check_channels(x.shape[1], weight.shape, groups)
    bias = _check_bias(bias, weight.shape[0])
    stride = as_tuple(stride, d, "stride", minimum=1)
    dilation = as_tuple(dilation, d, "dilation", minimum=1)
    kernel = weight.shape[2:]
    pads = _padding_pairs(padding, kernel, stride, dilation)
    xp = pad(x, pads)
    for n, k, dil, axis in zip(xp.shape[2:], kernel, dilation, range(d)):
        if dil * (k - 1) + 1 > n:
            raise ValueError(
                f"weight: kernel size {dil * (k - 1) + 1} (dilation included) on spatial axis "
                f"{axis} is larger than the padded input size {n}"
            )
    dtype = float_dtype(x, weight, bias)
    xp, weight = xp.astype(dtype, copy=False), weight.astype(dtype, copy=False)
    if groups == x.shape[1] and all(s == 1 for s in stride):  # depthwise on whole planes
        out = _depthwise_runs(np.ascontiguousarray(xp), weight, dilation)
    else:
        out = _grouped_product(windows(xp, kernel, stride, dilation), weight, groups)
    if bias is not None:
        out += bias.astype(dtype).reshape((1, -1) + (1,) * d)
    return out


# Work is done in blocks of about this many bytes, so each block's windows stay in cache.
BLOCK_BYTES = 4 << 20


def _grouped_product(cols, weight, groups):
    """Sum over (C_in/g, *kernel) of windows x weight, block-diagonally over the groups.

    cols: (N, C_in, *out, *k); weight: (C_out, C_in/g, *k) -> (N, C_out, *out).
    A few images at a time, their windows are copied into one reused buffer (whole output
    planes at once) and multiplied in one BLAS product per group: a fresh im2col matrix
    for the whole batch would cost as much in page faults as the product itself.
    """
    d = weight.ndim - 2
    n, c_in = cols.shape[:2]
    out_shape = cols.shape[2 : 2 + d]
    c_out = weight.shape[0]
    if c_in == groups:  # depthwise: one input channel per group, so no matrix product
        return _depthwise_product(cols, weight)
    cols = cols.reshape((n, groups, c_in // groups) + cols.shape[2:])
    # (N, g, C_in/g, *k, *out): per image, the columns of the im2col matrix, kernel-major
    cols = cols.transpose((0, 1, 2, *range(3 + d, 3 + 2 * d), *range(3, 3 + d)))
    rows, length = weight[0].size, int(np.prod(out_shape))
    w = weight.reshape(groups, c_out // groups, rows)
    out = np.empty((n, groups, c_out // groups, length), dtype=cols.dtype)
    images = max(1, BLOCK_BYTES // (groups * rows * length * cols.itemsize))
    buffer = np.empty((min(images, n),) + cols.shape[1:], dtype=cols.dtype)
    for start in range(0, n, images):
        stop = min(start + images, n)
        block = buffer[: stop - start]
        np.copyto(block, cols[start:stop])
        np.matmul(w, block.reshape(stop - start, groups, rows, length), out=out[start:stop])
    return out.reshape((n, c_out) + out_shape)


def _depthwise_product(cols, weight):
    """groups = C_in: output channel o reads input channel o // m; a multiply-add per tap.

    Memory-bound (two flops per value read), so the planes are processed in blocks that
    stay in cache while all the taps pass over them, on every core at once (NumPy's
    ufuncs release the GIL).
    """
    d = weight.ndim - 2
    n, c_in = cols.shape[:2]
    multiplier = weight.shape[0] // c_in
    out_shape, kernel = cols.shape[2 : 2 + d], weight.shape[2:]
    taps = weight.reshape(c_in, multiplier, -1)  # (C_in, m, K)
    out = np.empty((n * c_in, multiplier) + out_shape, dtype=cols.dtype)
    planes = cols.reshape((n * c_in,) + cols.shape[2:])  # (N C_in, *out, *k), a view
    channel = np.tile(np.arange(c_in), n)  # the input channel of each plane
    expand = (slice(None), slice(None)) + (None,) * d
    block = max(1, BLOCK_BYTES // (4 * multiplier * int(np.prod(out_shape)) * cols.itemsize))

    def work(start):
        stop = min(start + block, n * c_in)
        result, product = out[start:stop], np.empty_like(out[start:stop])
        weights = taps[channel[start:stop]]  # (P, m, K)
        for t, tap in enumerate(np.ndindex(*kernel)):
            plane = planes[(slice(start, stop), Ellipsis, *tap)][:, None]  # (P, 1, *out)
            np.multiply(plane, weights[:, :, t][expand], out=result if t == 0 else product)
            if t:
                result += product

    list(_pool(os.getpid()).map(work, range(0, n * c_in, block)))
    return out.reshape((n, c_in * multiplier) + out_shape)


def _depthwise_runs(xp, weight, dilation):
    """_depthwise_product for stride 1, reading each tap's outputs as one run.

    xp: C-contiguous (N, C_in, *padded); weight: (C_in m, 1, *k) -> (N, C_in m, *out).
    The taps multiply-add over runs of a whole plane (see ``_windows.runs``) instead of
    short rows, in blocks of planes that stay in cache; the last tap's add writes the
    valid positions straight into the output. About 1.5x faster than row by row
    (8x128x56x56, k3: 12.5 ms -> 8.3 ms on two cores).
    """
    n, c_in = xp.shape[:2]
    multiplier, kernel = weight.shape[0] // c_in, weight.shape[2:]
    out_shape = tuple(p - dil * (k - 1) for p, k, dil in zip(xp.shape[2:], kernel, dilation))
    planes = runs(xp, kernel, dilation)  # (N, C_in, *k, L), a view
    length = planes.shape[-1]
    planes = planes.reshape((n * c_in, 1) + planes.shape[2:])  # (P, 1, *k, L), still a view
    tap_index = list(np.ndindex(*kernel))
    taps = weight.reshape(c_in, multiplier, -1, 1)  # (C_in, m, K, 1)
    out = np.empty((n * c_in, multiplier) + out_shape, dtype=xp.dtype)
    channel = np.tile(np.arange(c_in), n)  # the input channel of each plane
    block = max(1, BLOCK_BYTES // (2 * multiplier * length * xp.itemsize))
    last = len(taps[0, 0]) - 1

    def fold(runs_):  # (P, m, L) -> the valid outputs (P, m, *out), a view
        return np.lib.stride_tricks.as_strided(
            runs_, runs_.shape[:2] + out_shape, runs_.strides[:2] + xp.strides[2:]
        )

    def work(start):
        stop = min(start + block, n * c_in)
        result = np.empty((stop - start, multiplier, length), dtype=xp.dtype)
        product = np.empty_like(result)
        weights = taps[channel[start:stop]]  # (P, m, K, 1)
        for t in range(last + 1):
            target = result if t == 0 else product
            plane = planes[(slice(start, stop), slice(None), *tap_index[t])]  # (P, 1, L)
            if multiplier == 1:  # 2-D loops, about a sixth faster than with the length-1 axis
                np.multiply(plane[:, 0], weights[:, 0, t], out=target[:, 0])
            else:
                np.multiply(plane, weights[:, :, t], out=target)
            if t == last and t:
                np.add(fold(result), fold(product), out=out[start:stop])
            elif t:
                result += product
        if last == 0:
            out[start:stop] = fold(result)

    list(_pool(os.getpid()).map(work, range(0, n * c_in, block)))
    return out.reshape((n, c_in * multiplier) + out_shape)


@functools.cache
def _pool(pid):
    """The threads the depthwise product runs on: one per core, made on first use in each
    process (`pid`), since a forked child does not inherit its parent's threads."""
    return ThreadPoolExecutor(os.cpu_count() or 1, thread_name_prefix="convlab")


def _check_channels(c_in, weight_shape, groups):
    c_out, c_in_per_group = weight_shape[:2]
    if c_in % groups:
        raise ValueError(f"groups={groups} must divide the input channels C_in={c_in}")
    if c_out % groups:
        raise ValueError(
            f"groups={groups} must divide the output channels C_out={c_out} (weight.shape[0])"
        )
    if c_in_per_group * groups != c_in:
        raise ValueError(
            f"weight has shape {tuple(weight_shape)}: expected weight.shape[1] = C_in / groups = "
            f"{c_in // groups} for x with C_in={c_in} channels and groups={groups}, "
            f"got {c_in_per_group}"
        )


def _check_bias(bias, c_out):
    if bias is None:
        return None
    bias = as_array(bias, "bias", 1)
    if bias.shape != (c_out,):
        raise ValueError(
            f"bias must have shape ({c_out},) (one per output channel), got {bias.shape}"
        )
    return bias


def _padding_pairs(padding, kernel, stride, dilation):
    """(before, after) zero padding per spatial axis, from an int, a tuple, 'valid' or 'same'."""
    if isinstance(padding, str):
        if padding == "valid":
            return [(0, 0)] * len(kernel)
        if padding != "same":
            raise ValueError(f"padding must be an int, a tuple, 'valid' or 'same', got {padding!r}")
        if any(s != 1 for s in stride):
            raise ValueError(f"padding='same' needs stride 1 (as in torch), got stride={stride}")
        total = [dil * (k - 1) for k, dil in zip(kernel, dilation)]
        return [(t // 2, t - t // 2) for t in total]
    return [(p, p) for p in as_tuple(padding, len(kernel), "padding", minimum=0)]
