"""Channel shuffle and the ShuffleNet unit: let grouped convolutions exchange information."""

import numpy as np

from ._args import as_array, as_int
from .separable import depthwise_conv2d, pointwise_conv2d


def channel_shuffle(x, groups):
    """Interleave the channels of `groups` groups, as ``torch.nn.functional.channel_shuffle``.

    Channels ``(g, n)`` -> ``(n, g)``: view the C channels as a (groups, C / groups) grid,
    transpose it, and read it out again, so that each group of the next grouped
    convolution receives one channel from every group of this one.

    Parameters
    ----------
    x : array_like, shape (N, C, ...)
    groups : int, dividing C

    Returns
    -------
    ndarray, shape (N, C, ...): ``out[:, i * groups + j] = x[:, j * (C // groups) + i]``

    Examples
    --------
    >>> channel_shuffle(np.arange(6).reshape(1, 6), 2).tolist()
    [[0, 3, 1, 4, 2, 5]]
    """
    x = as_array(x, "x")
    if x.ndim < 2:
        raise ValueError(f"x must have shape (N, C, ...), got {x.shape}")
    groups = as_int(groups, "groups", minimum=1)
    n, c = x.shape[:2]
    if c % groups:
        raise ValueError(f"groups={groups} must divide the number of channels C={c}")
    grid = x.reshape((n, groups, c // groups) + x.shape[2:])
    return grid.swapaxes(1, 2).reshape(x.shape)


def pointwise_grouped_conv2d(x, weight, groups, bias=None):
    """1x1 convolution in `groups` groups: a block-diagonal mixing of the channels.

    ``pointwise_conv2d(x, weight, bias, groups=groups)``; the cost of a 1x1 layer divided
    by `groups`, and no output channel sees the input channels of another group.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
    weight : array_like, shape (C_out, C_in / groups, 1, 1)
    groups : int, dividing C_in and C_out
    bias : array_like, shape (C_out,), optional

    Returns
    -------
    ndarray, shape (N, C_out, H, W)
    """
    return pointwise_conv2d(x, weight, bias, groups=groups)


def shufflenet_unit(x, weight1, depthwise_weight, weight2, groups, stride=1):
    """A ShuffleNet unit (Zhang et al., 2018), batch normalisation left out.

    Branch: grouped 1x1 conv (`weight1`) -> ReLU -> channel shuffle -> 3x3 depthwise conv
    (`depthwise_weight`, padding 1, `stride`) -> grouped 1x1 conv (`weight2`). With
    stride 1 the branch is added to `x` (so it must keep C channels); with stride 2 it is
    concatenated after a 3x3 average pool of `x` (stride 2, padding 1, zeros counted in
    the average as in torch's ``avg_pool2d`` default). A ReLU ends the unit.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W)
    weight1 : array_like, shape (C_mid, C / groups, 1, 1)
    depthwise_weight : array_like, shape (C_mid, 1, 3, 3)
    weight2 : array_like, shape (C_branch, C_mid / groups, 1, 1)
        C_branch = C for stride 1.
    groups : int
    stride : {1, 2}

    Returns
    -------
    ndarray, shape (N, C, H, W) for stride 1, (N, C + C_branch, ceil(H/2), ceil(W/2)) for 2
    """
    x = as_array(x, "x", 4)
    if stride not in (1, 2):
        raise ValueError(f"stride must be 1 or 2, got {stride!r}")
    hidden = np.maximum(pointwise_grouped_conv2d(x, weight1, groups), 0)
    hidden = depthwise_conv2d(
        channel_shuffle(hidden, groups), depthwise_weight, stride=stride, padding=1
    )
    branch = pointwise_grouped_conv2d(hidden, weight2, groups)
    if stride == 1:
        if branch.shape != x.shape:
            raise ValueError(
                f"weight2: a stride-1 unit adds the branch to x, so it must make C={x.shape[1]} "
                f"channels, got {branch.shape[1]}"
            )
        return np.maximum(x + branch, 0)
    c = x.shape[1]
    pooled = depthwise_conv2d(x, np.full((c, 1, 3, 3), 1 / 9, x.dtype), stride=2, padding=1)
    return np.maximum(np.concatenate([pooled, branch], axis=1), 0)
