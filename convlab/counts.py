"""Parameter and multiply-accumulate (MAC) counts of the convolutions in the course.

A MAC is one multiplication and one addition; a layer's MACs are its weights (bias left
out) times the number of output pixels they are applied at. Sizes are ints; `kernel_size`
is an int (square) or (kH, kW), `out_size` an int (square) or (H_out, W_out).
"""

from ._args import as_int, as_tuple


def conv_params(c_in, c_out, kernel_size, groups=1, bias=False):
    """Weights of a (grouped) convolution: ``C_out (C_in / g) kH kW`` (+ C_out with a bias).

    Examples
    --------
    >>> conv_params(16, 32, 3)  # the seed articles' example, 3x3x16x32
    4608
    >>> conv_params(256, 256, 3, groups=8) * 8 == conv_params(256, 256, 3)
    True
    """
    c_in, c_out, groups = _channels(c_in, c_out, groups)
    kh, kw = as_tuple(kernel_size, 2, "kernel_size", 1)
    return c_out * (c_in // groups) * kh * kw + (c_out if bias else 0)


def conv_macs(c_in, c_out, kernel_size, out_size, groups=1):
    """MACs of a (grouped) convolution: ``C_out (C_in / g) kH kW H_out W_out``."""
    h, w = as_tuple(out_size, 2, "out_size", 1)
    return conv_params(c_in, c_out, kernel_size, groups) * h * w


def depthwise_separable_params(c_in, c_out, kernel_size, multiplier=1, bias=False):
    """Weights of depthwise (``C_in m kH kW``) plus pointwise (``C_in m C_out``).

    Examples
    --------
    >>> depthwise_separable_params(16, 32, 3)  # 144 + 512
    656
    """
    multiplier = as_int(multiplier, "multiplier", 1)
    depthwise = conv_params(c_in, c_in * multiplier, kernel_size, groups=c_in)
    return depthwise + conv_params(c_in * multiplier, c_out, 1, bias=bias)


def depthwise_separable_macs(c_in, c_out, kernel_size, out_size, multiplier=1):
    """MACs of depthwise then pointwise; their ratio to a standard convolution is
    ``1 / C_out + 1 / (kH kW)`` (for m = 1)."""
    h, w = as_tuple(out_size, 2, "out_size", 1)
    return depthwise_separable_params(c_in, c_out, kernel_size, multiplier) * h * w


def flattened_params(c_in, c_out, kernel_size, bias=False):
    """Weights of a flattened convolution: ``C_out (C_in + kH + kW)``."""
    c_in, c_out, _ = _channels(c_in, c_out, 1)
    kh, kw = as_tuple(kernel_size, 2, "kernel_size", 1)
    return c_out * (c_in + kh + kw) + (c_out if bias else 0)


def bottleneck_macs(c_in, c_reduced, c_out, kernel_size, out_size):
    """MACs of a 1x1 reduction to `c_reduced` channels followed by a k x k convolution.

    Examples
    --------
    >>> bottleneck_macs(192, 16, 32, 5, 28) < conv_macs(192, 32, 5, 28) / 9
    True
    """
    return conv_macs(c_in, c_reduced, 1, out_size) + conv_macs(
        c_reduced, c_out, kernel_size, out_size
    )


def separable_multiplications(n, m):
    """Multiplications of an m x m kernel on an n x n image (stride 1, no padding, 'valid'):
    (direct, separable) = ``((n-m+1)^2 m^2, (n-m+1)(2n-m+1) m)``; the separable pass does
    m per pixel of an (n-m+1) x n intermediate, then m per output pixel.

    Examples
    --------
    >>> separable_multiplications(5, 3)  # the seed articles' 81 vs 72
    (81, 72)
    """
    n, m = as_int(n, "n", 1), as_int(m, "m", 1)
    if m > n:
        raise ValueError(f"m={m} must not exceed the image size n={n}")
    out = n - m + 1
    return out * out * m * m, out * (2 * n - m + 1) * m


def _channels(c_in, c_out, groups):
    c_in, c_out = as_int(c_in, "c_in", 1), as_int(c_out, "c_out", 1)
    groups = as_int(groups, "groups", 1)
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide c_in={c_in} and c_out={c_out}")
    return c_in, c_out, groups
