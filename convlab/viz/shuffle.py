"""Figures for notebook 11: channel shuffle and the information flow of grouped convolutions.

``channel_reach`` finds which input channels reach each output of a stack of grouped 1x1
convolutions by running convlab's own operators on one-hot channels. ``FlowView`` draws
that flow (channels as dots, connections as lines, a traced output in black) beside a
heatmap of the input groups reaching each output, and updates its artists in place.
``plot_channel_shuffle`` and ``plot_macs`` are the static figures of the notebook.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..shuffle import channel_shuffle, pointwise_grouped_conv2d
from ._common import GROUP_COLOURS

__all__ = [
    "FlowView",
    "channel_reach",
    "group_colour",
    "group_reach",
    "plot_channel_shuffle",
    "plot_information_flow",
    "plot_macs",
]

# One colour per input group (the palette of every group figure), then the shades of a
# channel that mixes groups.
SOME_GROUPS = (0.6, 0.6, 0.6)  # a channel that carries several input groups, not all
ALL_GROUPS = (0.1, 0.1, 0.1)  # a channel that carries every input group
UNREACHED = (0.96, 0.96, 0.96)
LIMITS = {"groups": 6, "per_group": 6, "layers": 4}


def group_colour(group):
    """The colour of input group `group` (0-based) in every figure of the notebook."""
    return GROUP_COLOURS[group % len(GROUP_COLOURS)]


def _fixed_axes(figsize, rect):
    """The axes of a new Figure at `rect` (left, bottom, width, height in figure fractions).

    A fixed layout, not a layout engine: the notebook's inline display crops the figure to
    its contents anyway, and a layout engine would double the cost of drawing it.
    """
    return Figure(figsize=figsize).add_axes(rect)


def _check(name, value, low, high=None):
    if isinstance(value, bool) or int(value) != value or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    return int(value)


def channel_reach(groups, per_group, layers=2, shuffle=True):
    """Which input channels reach each output of a stack of grouped 1x1 convolutions.

    The stack: `layers` grouped 1x1 convolutions (``convlab.pointwise_grouped_conv2d``) of
    C = groups * per_group channels, with ``convlab.channel_shuffle(., groups)`` between
    consecutive ones when `shuffle`. The stack is linear, so feeding it the C one-hot
    channels (a batch of C images of size 1x1) gives its matrix; with all-one weights every
    path adds a positive amount, so an entry is non-zero exactly when a path connects the two.

    Parameters
    ----------
    groups, per_group : int, >= 1
        g and n; C = g n.
    layers : int, >= 1
    shuffle : bool

    Returns
    -------
    ndarray of bool, shape (C, C)
        ``reach[o, c]``: input channel c can change output channel o.

    Examples
    --------
    >>> channel_reach(2, 2, shuffle=False).astype(int).tolist()
    [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]
    >>> bool(channel_reach(2, 2, shuffle=True).all())
    True
    """
    groups, per_group = _check("groups", groups, 1), _check("per_group", per_group, 1)
    layers = _check("layers", layers, 1)
    channels = groups * per_group
    signal = np.eye(channels).reshape(channels, channels, 1, 1)  # image c: channel c is 1
    ones = np.ones((channels, per_group, 1, 1))
    for layer in range(layers):
        if shuffle and layer:
            signal = channel_shuffle(signal, groups)
        signal = pointwise_grouped_conv2d(signal, ones, groups)
    return signal[:, :, 0, 0].T > 0


def group_reach(groups, per_group, layers=2, shuffle=True):
    """Which input groups reach each output channel: :func:`channel_reach` by input group.

    Returns
    -------
    ndarray of bool, shape (C, groups)
        ``reach[o, j]``: some channel of input group j reaches output channel o.

    Examples
    --------
    >>> group_reach(3, 2, layers=2).sum(axis=1).tolist()  # n = 2 < g = 3: two groups each
    [2, 2, 2, 2, 2, 2]
    """
    reach = channel_reach(groups, per_group, layers, shuffle)
    return reach.reshape(len(reach), groups, per_group).any(axis=2)


def _columns(groups, per_group, layers, shuffle):
    """The flow diagram, column by column, by index arithmetic (no convolution).

    Returns (kinds, links, carried): kinds[i] names column i ("input", "GConv1", "shuffle",
    "GConv2", ...); links[i] lists the (source, target) channel pairs from column i to
    column i + 1; carried[i] is a (C, groups) bool array of the input groups each channel
    of column i carries.
    """
    channels = groups * per_group
    group_of = np.arange(channels) // per_group
    order = channel_shuffle(np.arange(channels)[None], groups)[0] if shuffle else None
    kinds, links, carried = ["input"], [], [np.eye(groups, dtype=bool)[group_of]]
    for layer in range(1, layers + 1):
        if layer > 1:  # a shuffle column, drawn straight when there is no shuffle
            source = order if shuffle else np.arange(channels)
            kinds.append("shuffle" if shuffle else "no shuffle")
            links.append(list(zip(source.tolist(), range(channels))))
            carried.append(carried[-1][source])
        kinds.append(f"GConv{layer}")
        links.append(
            [(a, b) for b in range(channels) for a in np.flatnonzero(group_of == group_of[b])]
        )
        per_group_carried = carried[-1].reshape(groups, per_group, groups).any(axis=1)
        carried.append(per_group_carried[group_of])
    return kinds, links, carried


def _traced(links, channels, output):
    """For each column, the channels on a path to `output` in the last column."""
    on_path = [np.zeros(channels, dtype=bool) for _ in range(len(links) + 1)]
    on_path[-1][output] = True
    for column in range(len(links) - 1, -1, -1):
        for a, b in links[column]:
            if on_path[column + 1][b]:
                on_path[column][a] = True
    return on_path


class FlowView:
    """Information flow through grouped 1x1 convolutions, with or without channel shuffle.

    Left: the channels of each stage as dots (columns: input, GConv1, shuffle, GConv2, ...),
    the connections as grey lines and the paths into one chosen output channel in black.
    A dot has the colour of its input group while it carries that group only, grey when it
    mixes several groups, black when it mixes all of them. Right: for each output channel
    (rows), the input groups (columns) that reach it, in their colours.

    ``update(groups, per_group, layers, shuffle, output)`` redraws in place and returns an
    HTML line with the count of groups that reach every output.

    Parameters
    ----------
    ax : pair of matplotlib Axes (flow, heatmap), optional
        Default: a new 8 x 3.5 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    edges, trace : matplotlib.collections.LineCollection
        All connections, and those on a path into the chosen output.
    nodes : matplotlib.collections.PathCollection
    heatmap : matplotlib.image.AxesImage
        RGB pixels (C, groups): the group's colour where it reaches the output, else pale.
    """

    def __init__(self, ax=None):
        if ax is None:
            # A fixed layout: a layout engine would cost more than the rest of a redraw.
            figure = Figure(figsize=(8, 3.5))
            figure.subplots_adjust(left=0.01, right=0.93, bottom=0.12, top=0.9, wspace=0.1)
            ax = figure.subplots(1, 2, width_ratios=[2.4, 1])
        self.flow, self.heat = ax
        self.figure = self.flow.figure
        self.edges = LineCollection([], colors=[(0.7, 0.7, 0.7)], linewidths=0.5)
        self.trace = LineCollection([], colors=[ALL_GROUPS], linewidths=1.4)
        self.flow.add_collection(self.edges)
        self.flow.add_collection(self.trace)
        self.nodes = self.flow.scatter([], [], zorder=3, linewidths=0.8)
        self.labels = [
            self.flow.text(0, 0, "", ha="center", va="bottom", fontsize=8)
            for _ in range(2 * LIMITS["layers"])
        ]
        self.flow.set_axis_off()
        self.heatmap = self.heat.imshow(np.ones((1, 1, 3)), interpolation="nearest", aspect="auto")
        self.marker = Rectangle((0, 0), 1, 1, fill=False, edgecolor=ALL_GROUPS, linewidth=1.5)
        self.heat.add_patch(self.marker)
        # Plain texts and fixed title heights: matplotlib would otherwise measure every tick
        # label on each redraw to place the axis labels and the titles.
        self.heat.text(
            0.5,
            -0.07,
            "input group",
            fontsize=8,
            ha="center",
            va="top",
            transform=self.heat.transAxes,
        )
        self.heat.text(
            1.13,
            0.5,
            "output channel",
            fontsize=8,
            ha="left",
            va="center",
            rotation=90,
            transform=self.heat.transAxes,
        )
        self.heat.yaxis.tick_right()
        self.heat.tick_params(labelsize=7, length=2, pad=1)

    def update(self, groups, per_group, layers=2, shuffle=True, output=0):
        """Redraw for g = `groups`, n = `per_group`, `layers` grouped 1x1 layers, `shuffle`,
        tracing output channel `output` (clamped to 0..C-1). Returns the HTML message."""
        channels = groups * per_group
        output = min(max(output, 0), channels - 1)
        kinds, links, carried = _columns(groups, per_group, layers, shuffle)
        on_path = _traced(links, channels, output)
        reach = group_reach(groups, per_group, layers, shuffle)
        self._draw_flow(kinds, links, carried, on_path, channels)
        self._draw_heatmap(reach, groups, output)
        seen = reach.sum(axis=1)
        self.flow.set_title(
            f"{groups} groups of {per_group} channels (C = {channels}), {layers} grouped 1×1 "
            f"layer{'s' if layers > 1 else ''}, " + ("shuffled" if shuffle else "no shuffle"),
            fontsize=9,
            y=1.0,
        )
        low, high = int(seen.min()), int(seen.max())
        count = str(low) if low == high else f"{low} to {high}"
        self.heat.set_title(f"{count} of {groups} groups reach each output", fontsize=9, y=1.0)
        sources = np.flatnonzero(on_path[0])
        return (
            f"Output channel {output} depends on <b>{len(sources)} of {channels}</b> input "
            f"channels, from <b>{int(seen[output])} of {groups}</b> input groups. "
            + (
                f"With a shuffle between layers every output sees min(g, n<sup>L−1</sup>) = "
                f"min({groups}, {per_group}<sup>{layers - 1}</sup>) = {int(seen.min())} groups."
                if shuffle
                else "Without a shuffle each output sees one group, however many layers."
            )
        )

    def _draw_flow(self, kinds, links, carried, on_path, channels):
        self._draw_edges(links, on_path, channels)
        self._draw_nodes(carried, on_path, channels)
        for column, label in enumerate(self.labels):
            label.set_visible(column < len(kinds))
            if column < len(kinds):
                label.set_text(kinds[column])
                label.set_position((column, -0.9))
        self.flow.set_xlim(-0.5, len(kinds) - 0.5)
        self.flow.set_ylim(channels - 0.4, -1.6)

    def _draw_edges(self, links, on_path, channels):
        """Grey connections; those on a path into the traced output in black."""
        segments, traced = [], []
        for column, pairs in enumerate(links):
            for a, b in pairs:
                on_trace = on_path[column][a] and on_path[column + 1][b]
                (traced if on_trace else segments).append([(column, a), (column + 1, b)])
        self.edges.set_segments(segments)
        self.trace.set_segments(traced)
        self.trace.set_linewidths([1.4 if channels <= 16 else 0.9])

    def _draw_nodes(self, carried, on_path, channels):
        """Dots in the colour of the one input group they carry, grey or black when mixed."""
        groups = carried[0].shape[1]
        colours, outlines = [], []
        for column, carries in enumerate(carried):
            counts = carries.sum(axis=1)
            for channel in range(channels):
                if counts[channel] == 1:
                    colours.append(group_colour(int(np.argmax(carries[channel]))))
                else:
                    colours.append(ALL_GROUPS if counts[channel] == groups else SOME_GROUPS)
                outlines.append(ALL_GROUPS if on_path[column][channel] else (1.0, 1.0, 1.0))
        columns, rows = np.meshgrid(np.arange(len(carried)), np.arange(channels), indexing="ij")
        self.nodes.set_offsets(np.column_stack([columns.ravel(), rows.ravel()]))
        self.nodes.set_facecolors(colours)
        self.nodes.set_edgecolors(outlines)
        row = 0.8 * self.figure.get_figheight() * 72 / (channels + 2)  # points per channel
        self.nodes.set_sizes([min(36.0, (0.6 * row) ** 2)])

    def _draw_heatmap(self, reach, groups, output):
        channels = len(reach)
        pixels = np.empty((channels, groups, 3))
        pixels[:] = UNREACHED
        for group in range(groups):
            pixels[reach[:, group], group] = group_colour(group)
        self.heatmap.set_data(pixels)
        self.heatmap.set_extent((-0.5, groups - 0.5, channels - 0.5, -0.5))
        self.heat.set_xlim(-0.5, groups - 0.5)
        self.heat.set_ylim(channels - 0.5, -0.5)
        self.heat.set_xticks(range(groups))
        self.heat.set_yticks(range(0, channels, max(1, channels // 6)))
        self.marker.set_xy((-0.5, output - 0.5))
        self.marker.set_width(groups)


def plot_information_flow(groups=3, per_group=4, layers=2, shuffle=True, output=0, ax=None):
    """The flow diagram and group heatmap of :class:`FlowView`, as a static figure.

    Parameters
    ----------
    groups, per_group : int
        g and n, C = g n.
    layers : int
        Grouped 1x1 layers in the stack.
    shuffle : bool
        Whether a channel shuffle sits between consecutive layers.
    output : int
        The output channel whose paths are drawn in black.
    ax : pair of Axes (flow, heatmap), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check("groups", groups, 1, LIMITS["groups"])
    _check("per_group", per_group, 1, LIMITS["per_group"])
    _check("layers", layers, 1, LIMITS["layers"])
    _check("output", output, 0, groups * per_group - 1)
    view = FlowView(ax)
    view.update(groups, per_group, layers, shuffle, output)
    return view.figure


def plot_channel_shuffle(groups=3, per_group=4, ax=None):
    """The channels before and after ``channel_shuffle(x, groups)``, coloured by group.

    Top row: channels 0..C-1 in g groups of n. Bottom row: the shuffled order, with the
    blocks of n that the next grouped layer reads outlined; lines join each channel's old
    and new positions.

    Parameters
    ----------
    groups, per_group : int
        g and n, C = g n.
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    groups = _check("groups", groups, 1, LIMITS["groups"])
    per_group = _check("per_group", per_group, 1, LIMITS["per_group"])
    channels = groups * per_group
    ax = ax or _fixed_axes((max(5.0, 0.42 * channels + 1.5), 2.4), (0.01, 0.01, 0.98, 0.88))
    order = channel_shuffle(np.arange(channels)[None], groups)[0]
    bottom = 3.0
    for position, channel in enumerate(order):
        colour = group_colour(channel // per_group)
        ax.plot([channel, position], [0.45, bottom - 0.45], color=colour, linewidth=1)
    for row, labels in ((0.0, np.arange(channels)), (bottom, order)):
        for position, channel in enumerate(labels):
            colour = group_colour(int(channel) // per_group)
            ax.add_patch(Rectangle((position - 0.45, row - 0.45), 0.9, 0.9, color=colour))
            ax.text(position, row, str(channel), ha="center", va="center", fontsize=7, color="w")
        for block in range(groups):  # the blocks that a grouped layer reads
            ax.add_patch(
                Rectangle(
                    (block * per_group - 0.5, row - 0.55),
                    per_group,
                    1.1,
                    fill=False,
                    edgecolor="0.2",
                    linewidth=1,
                )
            )
    label = {"ha": "right", "va": "center", "fontsize": 8}
    ax.text(-0.8, 0, "before:\ng groups of n", **label)
    ax.text(-0.8, bottom, "after: the groups\nthe next layer reads", **label)
    ax.set_xlim(-4.2, channels - 0.4)
    ax.set_ylim(bottom + 0.7, -0.7)
    ax.set_axis_off()
    ax.set_title(
        f"channel_shuffle with g = {groups}, n = {per_group}: reshape (g, n), transpose, flatten",
        fontsize=9,
    )
    return ax.figure


def plot_macs(breakdown, ax=None):
    """Stacked horizontal bars: the multiply-accumulates of each model, by layer kind.

    Parameters
    ----------
    breakdown : dict of str -> dict of str -> int
        ``{model: {layer kind: MACs}}``; kinds keep one colour across the bars.
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not breakdown:
        raise ValueError("breakdown must name at least one model")
    kinds = list(dict.fromkeys(kind for parts in breakdown.values() for kind in parts))
    palette = GROUP_COLOURS + [SOME_GROUPS]
    colours = {kind: palette[i % len(palette)] for i, kind in enumerate(kinds)}
    height = 0.9 + 0.45 * len(breakdown)
    ax = ax or _fixed_axes((7.5, height), (0.3, 0.55 / height, 0.62, 1 - 0.7 / height))
    for row, parts in enumerate(breakdown.values()):
        left = 0.0
        for kind in kinds:
            width = parts.get(kind, 0) / 1e6
            ax.barh(row, width, left=left, color=colours[kind], height=0.6)
            left += width
        ax.text(left, row, f" {left:,.1f} M", va="center", fontsize=8)
    ax.set_yticks(range(len(breakdown)), list(breakdown), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("million multiply-accumulates (MACs)", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.margins(x=0.12)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=colours[kind], label=kind) for kind in kinds]
    ax.legend(handles=handles, fontsize=7, loc="lower right", frameon=False)
    return ax.figure
