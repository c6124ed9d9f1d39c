"""The matrix view of convolution: im2col (torch's unfold) and the convolution matrix C."""

import numpy as np

from ._args import as_array, as_tuple
from ._windows import pad, windows


def im2col(x, kernel_size, stride=1, padding=0, dilation=1):
    """Patches of `x` as columns, as ``torch.nn.functional.unfold``.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W), or (C, H, W) for one unbatched image
    kernel_size, stride, padding, dilation : int or (int, int)

    Returns
    -------
    ndarray, shape (N, C * kH * kW, L), or (C * kH * kW, L) for unbatched `x`
        Row ``c * kH * kW + i * kW + j`` holds tap (i, j) of channel c for each of the
        ``L = H_out * W_out`` output positions (row-major). A convolution is then
        ``weight.reshape(C_out, -1) @ im2col(x, ...)``.

    Examples
    --------
    >>> im2col(np.arange(9.0).reshape(1, 1, 3, 3), 2).shape
    (1, 4, 4)
    """
    x = as_array(x, "x", (3, 4))
    if x.ndim == 3:  # unbatched, as torch allows
        return im2col(x[None], kernel_size, stride, padding, dilation)[0]
    kernel_size = as_tuple(kernel_size, 2, "kernel_size", 1)
    stride = as_tuple(stride, 2, "stride", 1)
    dilation = as_tuple(dilation, 2, "dilation", 1)
    padding = as_tuple(padding, 2, "padding", 0)
    xp = pad(x, [(p, p) for p in padding])
    try:
        cols = windows(xp, kernel_size, stride, dilation)  # (N, C, Ho, Wo, kH, kW)
    except ValueError as error:
        raise ValueError(f"kernel_size: {error}") from None
    n, c, ho, wo = cols.shape[:4]
    return cols.transpose(0, 1, 4, 5, 2, 3).reshape(n, c * kernel_size[0] * kernel_size[1], ho * wo)


def conv_matrix(input_shape, kernel, stride=1, padding=0):
    """The matrix C of a single-channel 2-D convolution: ``conv2d(x) == C @ x.ravel()``.

    Parameters
    ----------
    input_shape : (int, int)
        (H, W) of the input image.
    kernel : array_like, shape (kH, kW)
    stride, padding : int or (int, int)

    Returns
    -------
    ndarray, shape (H_out * W_out, H * W)
        Row r holds the kernel taps at the input pixels that output pixel r (row-major)
        sees; taps that fall on padding are dropped. ``C.T`` maps an output-sized image
        back to the input size: it is the transposed convolution.

    Examples
    --------
    >>> C = conv_matrix((4, 4), np.arange(1.0, 10.0).reshape(3, 3))
    >>> C.shape
    (4, 16)
    >>> C[0].reshape(4, 4).tolist()[:3]
    [[1.0, 2.0, 3.0, 0.0], [4.0, 5.0, 6.0, 0.0], [7.0, 8.0, 9.0, 0.0]]
    """
    kernel = as_array(kernel, "kernel", 2)
    if len(input_shape) != 2 or min(input_shape) < 1:
        raise ValueError(f"input_shape must be (H, W) with H, W >= 1, got {input_shape!r}")
    stride = as_tuple(stride, 2, "stride", 1)
    padding = as_tuple(padding, 2, "padding", 0)
    height, width = (int(n) for n in input_shape)
    # Each pixel's flat index, -1 on the padding; its windows say which pixel each tap sees.
    index = pad(np.arange(height * width).reshape(height, width) + 1, [(p, p) for p in padding]) - 1
    try:
        seen = windows(index, kernel.shape, stride)  # (H_out, W_out, kH, kW)
    except ValueError as error:
        raise ValueError(f"kernel: {error}") from None
    rows = np.broadcast_to(
        np.arange(seen.shape[0] * seen.shape[1])[:, None, None],
        (seen.shape[0] * seen.shape[1], *kernel.shape),
    )
    seen = seen.reshape(rows.shape)
    taps = np.broadcast_to(kernel, rows.shape)
    inside = seen >= 0
    matrix = np.zeros((rows.shape[0], height * width), np.result_type(kernel.dtype, np.float32))
    matrix[rows[inside], seen[inside]] = taps[inside]  # a pixel appears once per window
    return matrix
