"""Convolution arithmetic: output sizes, effective kernel sizes and receptive fields.

Pure integer formulas (after Dumoulin & Visin, "A guide to convolution arithmetic").
"""

from ._args import as_int


def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    """Output size of a convolution along one axis.

    ``o = floor((i + 2p - d(k - 1) - 1) / s) + 1``

    Parameters
    ----------
    i : int, input size (>= 1)
    k : int, kernel size (>= 1)
    stride : int (>= 1)
    padding : int (>= 0), zeros added on each side
    dilation : int (>= 1)

    Returns
    -------
    int

    Examples
    --------
    >>> conv_output_size(5, 3)
    3
    >>> conv_output_size(6, 3, stride=2, padding=1)  # (6 + 2 - 3) / 2 is not whole: floor
    3
    """
    i, k = as_int(i, "i", 1), as_int(k, "k", 1)
    stride, padding = as_int(stride, "stride", 1), as_int(padding, "padding", 0)
    span = effective_kernel_size(k, dilation)
    if span > i + 2 * padding:
        raise ValueError(
            f"k: the kernel spans {span} (dilation included), more than the padded input "
            f"i + 2*padding = {i + 2 * padding}"
        )
    return (i + 2 * padding - span) // stride + 1


def conv_transpose_output_size(i, k, stride=1, padding=0, output_padding=0, dilation=1):
    """Output size of a transposed convolution along one axis.

    ``o = (i - 1)s - 2p + d(k - 1) + output_padding + 1``; output_padding must be smaller
    than stride or dilation (it picks one of the sizes that a stride-s convolution maps to i).

    Examples
    --------
    >>> conv_transpose_output_size(2, 3)
    4
    >>> conv_transpose_output_size(3, 3, stride=2, padding=1, output_padding=1)
    6
    """
    i, k = as_int(i, "i", 1), as_int(k, "k", 1)
    stride, padding = as_int(stride, "stride", 1), as_int(padding, "padding", 0)
    dilation = as_int(dilation, "dilation", 1)
    output_padding = as_int(output_padding, "output_padding", 0)
    if output_padding >= max(stride, dilation):
        raise ValueError(
            f"output_padding={output_padding} must be smaller than stride ({stride}) "
            f"or dilation ({dilation})"
        )
    o = (i - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1
    if o < 1:
        raise ValueError(f"padding={padding} is too large: the output size would be {o}")
    return o


def effective_kernel_size(k, dilation):
    """Span of a dilated kernel: ``k + (k - 1)(d - 1)``.

    Examples
    --------
    >>> effective_kernel_size(3, 2)
    5
    """
    k, dilation = as_int(k, "k", 1), as_int(dilation, "dilation", 1)
    return k + (k - 1) * (dilation - 1)


def receptive_field(kernel_sizes, strides=None, dilations=None):
    """Receptive field (in input pixels, along one axis) of a stack of convolutions.

    Layer l adds ``d_l (k_l - 1)`` input steps of the layer below, and one step there is
    the product of the strides below it:

        r = 1 + sum_l d_l (k_l - 1) * prod_{j < l} s_j

    Parameters
    ----------
    kernel_sizes : sequence of int, first layer first
    strides, dilations : sequence of int, same length (default all 1)

    Examples
    --------
    >>> [receptive_field([3] * n, dilations=[1, 2, 4][:n]) for n in (1, 2, 3)]
    [3, 7, 15]
    >>> receptive_field([3, 3], strides=[2, 1])
    7
    """
    kernel_sizes = [as_int(k, "kernel_sizes", 1) for k in kernel_sizes]
    n = len(kernel_sizes)
    if n == 0:
        raise ValueError("kernel_sizes must name at least one layer")
    strides = _per_layer(strides, n, "strides")
    dilations = _per_layer(dilations, n, "dilations")
    field, jump = 1, 1
    for k, s, d in zip(kernel_sizes, strides, dilations):
        field += d * (k - 1) * jump
        jump *= s
    return field


def _per_layer(values, n, name):
    if values is None:
        return [1] * n
    values = [as_int(v, name, 1) for v in values]
    if len(values) != n:
        raise ValueError(f"{name} must have one entry per layer ({n}), got {len(values)}")
    return values
