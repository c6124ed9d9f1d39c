"""The matrix view of convolution: im2col (torch's unfold)."""

from ._args import as_array, as_tuple
from ._windows import pad, windows


def im2col(x, kernel_size, stride=1, padding=0, dilation=1):
    """Patches of `x` as columns, as ``torch.nn.functional.unfold``.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W)
    kernel_size, stride, padding, dilation : int or (int, int)

    Returns
    -------
    ndarray, shape (N, C * kH * kW, L)
        Row ``c * kH * kW + i * kW + j`` holds tap (i, j) of channel c for each of the
        ``L = H_out * W_out`` output positions (row-major). A convolution is then
        ``weight.reshape(C_out, -1) @ im2col(x, ...)``.

    Examples
    --------
    >>> im2col(np.arange(9.0).reshape(1, 1, 3, 3), 2).shape
    (1, 4, 4)
    """
    x = as_array(x, "x", 4)
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
