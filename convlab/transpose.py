"""Transposed convolution (torch.nn.functional.conv_transpose2d): the adjoint of conv2d.

Each input pixel scatters a copy of the kernel, scaled by its value, into the output; the
copies of neighbouring pixels sit `stride` apart and add where they overlap. Output size
per axis, for input i, kernel k, stride s, padding p, dilation d, output_padding op:

    o = (i - 1)s - 2p + d(k - 1) + op + 1

It equals a stride-1 convolution of the input with s - 1 zeros inserted between pixels,
d(k - 1) - p zeros around it (op more at the end), and the kernel flipped; and as a
matrix it is the transpose C^T of the convolution matrix C (see convlab.matrix.conv_matrix).
"""

import itertools

import numpy as np

from ._args import as_array, as_int, as_tuple, float_dtype
from ._windows import windows
from .conv import _check_bias


def conv_transpose2d(
    x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1
):
    """2-D transposed convolution as ``torch.nn.functional.conv_transpose2d``.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W), or (C_in, H, W)
    weight : array_like, shape (C_in, C_out / groups, kH, kW)
        Note the order: input channels first, as in torch.
    bias : array_like, shape (C_out,), optional
    stride, dilation : int or (int, int), >= 1
    padding : int or (int, int), >= 0
        Rows/columns cropped from each side of the full scatter-add result: the input
        padding of the conv2d this operator transposes.
    output_padding : int or (int, int)
        Extra rows/columns on the bottom/right, to pick among the input sizes that a
        strided conv2d maps to the same size; must be < max(stride, dilation).
    groups : int

    Returns
    -------
    ndarray, shape (N, C_out, H_out, W_out)
        ``H_out = (H - 1) s - 2p + d(kH - 1) + output_padding + 1``, likewise W_out.

    Examples
    --------
    >>> conv_transpose2d(np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)), stride=1)[0, 0].tolist()
    [[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]
    """
    return conv_transpose_nd(
        x, weight, bias, stride, padding, output_padding, groups, dilation, spatial_dims=2
    )


def conv_transpose_nd(
    x, weight, bias, stride, padding, output_padding, groups, dilation, spatial_dims
):
    """The body of conv_transpose2d for `spatial_dims` spatial axes (scatter-add)."""
    d = spatial_dims
    x = as_array(x, "x", (d + 1, d + 2))
    if x.ndim == d + 1:
        return conv_transpose_nd(
            x[None], weight, bias, stride, padding, output_padding, groups, dilation, d
        )[0]
    weight = as_array(weight, "weight", d + 2)
    groups = as_int(groups, "groups", minimum=1)
    n, c_in = x.shape[:2]
    if c_in % groups:
        raise ValueError(f"groups={groups} must divide the input channels C_in={c_in}")
    if weight.shape[0] != c_in:
        raise ValueError(
            f"weight has shape {weight.shape}: expected weight.shape[0] = C_in = {c_in} "
            "(a transposed weight is (C_in, C_out / groups, kH, kW))"
        )
    c_out = weight.shape[1] * groups
    bias = _check_bias(bias, c_out)
    stride = as_tuple(stride, d, "stride", minimum=1)
    dilation = as_tuple(dilation, d, "dilation", minimum=1)
    padding = as_tuple(padding, d, "padding", minimum=0)
    output_padding = as_tuple(output_padding, d, "output_padding", minimum=0)
    kernel = weight.shape[2:]
    for op, s, dil in zip(output_padding, stride, dilation):
        if op >= max(s, dil):
            raise ValueError(
                f"output_padding={output_padding} must be smaller than stride {stride} "
                f"or dilation {dilation} on every axis"
            )
    full = [
        (i - 1) * s + dil * (k - 1) + 1 + op
        for i, k, s, dil, op in zip(x.shape[2:], kernel, stride, dilation, output_padding)
    ]
    if any(f - 2 * p < 1 for f, p in zip(full, padding)):
        raise ValueError(f"padding={padding} is too large: the output would be empty")
    dtype = float_dtype(x, weight, bias)
    # x as (N, g, C_in/g, L); weight as (g, K, C_out/g, C_in/g): one matrix per group and tap
    xs = x.astype(dtype, copy=False).reshape(n, groups, c_in // groups, -1)
    w = weight.astype(dtype, copy=False).reshape(groups, c_in // groups, c_out // groups, -1)
    w = np.ascontiguousarray(w.transpose(0, 3, 2, 1))
    out = np.zeros((n, c_out, *full), dtype)
    view = windows(out, kernel, stride, dilation, writeable=True)
    view = view[(Ellipsis, *(slice(0, i) for i in x.shape[2:])) + (slice(None),) * d]
    for t, tap in enumerate(itertools.product(*map(range, kernel))):
        scattered = (w[:, t] @ xs).reshape(n, c_out, *x.shape[2:])  # (N, C_out, *in)
        view[(Ellipsis, *tap)] += scattered  # one tap: no two pixels write the same cell
    out = out[(Ellipsis, *(slice(p, f - p) for f, p in zip(full, padding)))]
    if bias is not None:
        out += bias.astype(dtype).reshape((1, -1) + (1,) * d)
    return out
