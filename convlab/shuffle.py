"""Channel shuffle (ShuffleNet): let grouped convolutions exchange information."""

from ._args import as_array, as_int


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
