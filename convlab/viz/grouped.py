"""Figures for notebook 10: grouped convolution as a block-diagonal connectivity.

``group_connectivity`` computes which input channels each output channel of a grouped
convolution reads, from ``convlab.conv2d`` itself (one-hot channels through the layer).
``plot_group_connectivity`` draws it; ``GroupView`` is the explorer's figure, updated in
place: the connectivity matrix beside the parameter counts of the dense, grouped and
depthwise layers.
"""

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ..conv import conv2d
from ..counts import conv_params
from ._common import GROUP_COLOURS, new_axes

__all__ = [
    "GroupView",
    "common_divisors",
    "group_connectivity",
    "plot_group_connectivity",
    "plot_groups_side_by_side",
]

# Group g is drawn in colour g % 8 (index 0 is "not connected").
# "not connected" in light grey, then one colour per group
COLOURS = ListedColormap([(0.96, 0.96, 0.96), *GROUP_COLOURS])
MAX_CHANNELS = 32


def common_divisors(c_in, c_out):
    """The group counts a layer from `c_in` to `c_out` channels allows, in increasing order.

    Examples
    --------
    >>> common_divisors(12, 8)
    [1, 2, 4]
    """
    c_in, c_out = _channels(c_in, "c_in"), _channels(c_out, "c_out")
    return [g for g in range(1, min(c_in, c_out) + 1) if c_in % g == 0 and c_out % g == 0]


def group_connectivity(c_in, c_out, groups):
    """Which input channels each output channel of a grouped convolution reads.

    Runs ``convlab.conv2d`` with all-one 1x1 weights on the `c_in` one-hot channels (a batch
    of `c_in` images of one pixel): entry (o, c) is the group of the connection, counted
    from 1, or 0 where output o never sees input c.

    Parameters
    ----------
    c_in, c_out : int, >= 1
    groups : int, dividing both

    Returns
    -------
    ndarray of int, shape (c_out, c_in)

    Examples
    --------
    >>> group_connectivity(4, 2, 2).tolist()
    [[1, 1, 0, 0], [0, 0, 2, 2]]
    """
    if groups not in common_divisors(c_in, c_out):
        raise ValueError(f"groups={groups!r} must divide c_in={c_in} and c_out={c_out}")
    one_hot = np.eye(c_in).reshape(c_in, c_in, 1, 1)
    reach = conv2d(one_hot, np.ones((c_out, c_in // groups, 1, 1)), groups=groups)[:, :, 0, 0]
    group_of_output = np.arange(c_out) // (c_out // groups) + 1
    return np.where(reach.T > 0, group_of_output[:, None], 0)


def plot_group_connectivity(c_in, c_out, groups, ax=None):
    """The (C_out, C_in) connectivity matrix of a grouped convolution, coloured by group."""
    ax = new_axes(ax, figsize=(4, 4))
    _draw_matrix(ax, group_connectivity(c_in, c_out, groups))
    ax.set_title(f"groups = {groups}: {c_in} -> {c_out} channels")
    return ax.figure


def plot_groups_side_by_side(c_in, c_out, groups):
    """The connectivity matrices of one layer with each group count in `groups`, in a row.

    Parameters
    ----------
    c_in, c_out : int
    groups : sequence of int, each dividing both

    Returns
    -------
    matplotlib.figure.Figure
    """
    figure = Figure(figsize=(2.6 * len(groups), 2.9), layout="constrained")
    for ax, g in zip(figure.subplots(1, len(groups), squeeze=False)[0], groups):
        plot_group_connectivity(c_in, c_out, g, ax=ax)
        ax.set_title(f"groups = {g}", fontsize=10)
    return figure


def _draw_matrix(ax, matrix):
    image = ax.imshow(
        _colour_index(matrix),
        cmap=COLOURS,
        vmin=0,
        vmax=8,
        interpolation="nearest",
        extent=(-0.5, matrix.shape[1] - 0.5, matrix.shape[0] - 0.5, -0.5),
    )
    ax.set_xlabel("input channel")
    ax.set_ylabel("output channel")
    return image


def _colour_index(matrix):
    """Group g (from 1) -> colour 1..8, cycling; 0 (not connected) stays 0."""
    return np.where(matrix > 0, (matrix - 1) % 8 + 1, 0)


class GroupView:
    """The explorer's figure: connectivity matrix and parameter bars, updated in place."""

    def __init__(self):
        self.figure = Figure(figsize=(8.0, 3.6))
        self.matrix_ax = self.figure.add_axes((0.08, 0.14, 0.38, 0.74))
        self.bars_ax = self.figure.add_axes((0.62, 0.14, 0.36, 0.74))
        self.image = _draw_matrix(self.matrix_ax, np.zeros((1, 1), int))
        self.title = self.matrix_ax.set_title("", fontsize=10)
        labels = ["dense\n(g = 1)", "grouped", "depthwise\n(g = C_in)"]
        self.bars = self.bars_ax.bar(labels, [1, 1, 1], color=["0.6", "tab:blue", "0.8"])
        self.values = [
            self.bars_ax.text(i, 0, "", ha="center", va="bottom", fontsize=9) for i in range(3)
        ]
        self.bars_ax.set_ylabel("weights (kH = kW = k, no bias)")
        self.bars_ax.set_title("parameters", fontsize=10)

    def update(self, c_in, c_out, groups, k):
        """Draw the layer; returns the explorer's message (HTML)."""
        matrix = group_connectivity(c_in, c_out, groups)
        self.image.set_data(_colour_index(matrix))
        self.image.set_extent((-0.5, c_in - 0.5, c_out - 0.5, -0.5))
        self.title.set_text(f"{groups} group{'s' if groups > 1 else ''}: {c_in} -> {c_out}")
        counts = [conv_params(c_in, c_out, k, groups=g) for g in (1, groups)]
        depthwise = conv_params(c_in, c_out, k, groups=c_in) if c_out % c_in == 0 else None
        for bar, text, (i, value) in zip(
            self.bars, self.values, enumerate(counts + [depthwise or 0])
        ):
            bar.set_height(value)
            text.set_position((i, value))
            text.set_text(f"{value:,}" if i < 2 or depthwise else "C_out not\na multiple")
        self.bars_ax.set_ylim(0, 1.2 * counts[0])
        per_group_in, per_group_out = c_in // groups, c_out // groups
        return (
            f"each output channel reads <b>{per_group_in}</b> of {c_in} input channels; "
            f"each group makes {per_group_out} of {c_out} outputs; "
            f"parameters <b>{counts[1]:,}</b> = {counts[0]:,} / {groups}"
        )


def _channels(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    return int(value)
