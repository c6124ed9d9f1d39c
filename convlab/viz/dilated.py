"""Figures for notebook 06: dilated (atrous) convolution.

A dilated layer spreads its k taps ``d`` cells apart. Which input pixels reach one output
of a stack of such layers (stride 1, padding 'same') is counted by :func:`paths_1d`: the
number of ways to walk from the output down to each input pixel, one tap per layer. Zero
counts inside the receptive field are the holes of the *gridding* pattern. With k x k
kernels of ones the 2-D count is the outer product of the 1-D counts (:func:`reach_map`).

``plot_dilated_taps``, ``plot_receptive_field_growth`` and ``plot_gridding`` are the
notebook's static figures; ``StackView`` is the explorer's figure, updated in place.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap, LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..arithmetic import conv_output_size, effective_kernel_size, receptive_field
from ..conv import dilate_kernel

__all__ = [
    "STACKS",
    "StackView",
    "paths_1d",
    "plot_dilated_taps",
    "plot_gridding",
    "plot_receptive_field_growth",
    "reach_map",
    "stack",
    "stack_output_size",
    "tap_offsets",
]

COLOURS = {
    "tap": (1.0, 0.6, 0.2),
    "gap": (1.0, 0.9, 0.75),  # inside the span of the dilated kernel, skipped
    "outside": (1.0, 1.0, 1.0),
    "node": "0.8",
    "reached": (0.85, 0.4, 0.05),
    "edge": (0.85, 0.4, 0.05, 0.35),
}
# Path counts, light to dark orange; a hole (a masked zero count) inside the field is grey.
REACH_CMAP = ListedColormap(
    [(1.0, 0.82 - 0.5 * t, 0.6 - 0.55 * t) for t in np.linspace(0.0, 1.0, 64)]
).with_extremes(bad=(0.86, 0.86, 0.86))

# How each stack of the growth figure is built, `depth` convolutions deep:
# (kernel sizes, strides, dilations), first layer first. A 2 x 2 max pooling of stride 2 has
# the receptive field of a 2 x 2 convolution of stride 2, so it counts as one.
STACKS = {
    "3×3, no dilation": lambda depth: ([3] * depth, [1] * depth, [1] * depth),
    "3×3, rates 1, 2, 4, …": lambda depth: ([3] * depth, [1] * depth, [2**l for l in range(depth)]),
    "3×3, stride 2": lambda depth: ([3] * depth, [2] * depth, [1] * depth),
    "3×3 + 2×2 pooling": lambda depth: ([3, 2] * depth, [1, 2] * depth, [1] * (2 * depth)),
}


def stack(name, depth):
    """(kernel_sizes, strides, dilations) of the stack `name` of :data:`STACKS`, `depth` deep.

    Examples
    --------
    >>> stack("3×3, rates 1, 2, 4, …", 3)
    ([3, 3, 3], [1, 1, 1], [1, 2, 4])
    """
    if name not in STACKS:
        raise ValueError(f"name must be one of {sorted(STACKS)}, got {name!r}")
    if int(depth) != depth or depth < 1:
        raise ValueError(f"depth must be an integer >= 1, got {depth!r}")
    return STACKS[name](int(depth))


def stack_output_size(kernel_sizes, strides, dilations, size):
    """Output size of a stack of layers, each padded by ``d(k - 1) // 2`` on both sides.

    That padding keeps the size of a stride-1 layer with an odd kernel (and adds nothing to
    a 2 x 2 pooling), so only the strides shrink the map.

    Examples
    --------
    >>> stack_output_size([3, 3], [2, 2], [1, 1], 256)  # strided: 256 -> 128 -> 64
    64
    >>> stack_output_size([3, 3], [1, 1], [1, 2], 256)  # dilated: the size is kept
    256
    """
    for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
        size = conv_output_size(size, k, s, d * (k - 1) // 2, d)
    return size


def tap_offsets(kernel_size, dilation):
    """Where the taps of one dilated layer read, relative to the output position.

    Padding 'same' as in PyTorch: ``d(k - 1)`` zeros in all, the odd one at the end, so the
    taps start ``d(k - 1) // 2`` cells before the output position.

    Examples
    --------
    >>> tap_offsets(3, 2).tolist(), tap_offsets(2, 3).tolist()
    ([-2, 0, 2], [-1, 2])
    """
    span = effective_kernel_size(kernel_size, dilation)
    return dilation * np.arange(kernel_size) - (span - 1) // 2


def paths_1d(rates, kernel_size=3):
    """How many paths lead from each input pixel to one output of a stack of dilated layers.

    Along one axis, stride 1: layer l reads the layer below at :func:`tap_offsets` of its
    rate, so an input pixel at offset u is reached once for every way of writing u as a sum
    of one offset per layer. The counts are the convolution of the layers' tap patterns
    (rows of ones spread as :func:`convlab.dilate_kernel` spreads them); the notebook and
    the tests check them against ``convlab.conv2d`` layers.

    Parameters
    ----------
    rates : sequence of int, >= 1
        The dilation of each layer, first layer first.
    kernel_size : int, >= 1
        k of every layer.

    Returns
    -------
    offsets : ndarray of int, shape (r,)
        Input positions relative to the output, r = the receptive field.
    counts : ndarray of int, shape (r,)
        Paths to each; 0 is a hole, an input pixel inside the field that never reaches it.

    Examples
    --------
    >>> offsets, counts = paths_1d([2, 2])
    >>> offsets.tolist(), counts.tolist()
    ([-4, -3, -2, -1, 0, 1, 2, 3, 4], [1, 0, 2, 0, 3, 0, 2, 0, 1])
    """
    rates = [int(d) for d in rates]
    if not rates or min(rates) < 1:
        raise ValueError(f"rates must be one or more integers >= 1, got {rates!r}")
    if int(kernel_size) != kernel_size or kernel_size < 1:
        raise ValueError(f"kernel_size must be an integer >= 1, got {kernel_size!r}")
    counts, start = np.ones(1, dtype=np.int64), 0
    for d in rates:
        taps = np.zeros(d * (kernel_size - 1) + 1, dtype=np.int64)
        taps[::d] = 1  # dilate_kernel of a row of ones; symmetric, so no flip to mind
        counts = np.convolve(counts, taps)
        start -= d * (kernel_size - 1) // 2  # the first tap of tap_offsets
    return start + np.arange(counts.size), counts


def reach_map(rates, kernel_size=3):
    """The 2-D path counts of a stack of k x k dilated layers: outer(counts, counts).

    A k x k kernel of ones is the outer product of two rows of ones, so a path in 2-D is a
    path along the rows and one along the columns.

    Returns
    -------
    offsets : ndarray of int, shape (r,)
        Offsets along each axis.
    counts : ndarray of int, shape (r, r)

    Examples
    --------
    >>> offsets, counts = reach_map([2, 2, 2])
    >>> counts.shape, int(np.count_nonzero(counts))
    ((13, 13), 49)
    """
    offsets, counts = paths_1d(rates, kernel_size)
    return offsets, np.outer(counts, counts)


def plot_dilated_taps(kernel_size=3, dilations=(1, 2, 4), ax=None):
    """One k x k kernel at several dilation rates: its taps, its gaps and its span.

    Parameters
    ----------
    kernel_size : int
    dilations : sequence of int
    ax : sequence of len(dilations) Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    spans = [effective_kernel_size(kernel_size, d) for d in dilations]
    if ax is None:
        figure = Figure(figsize=(2.6 * len(dilations), 2.9))
        figure.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.84, wspace=0.08)
        ax = figure.subplots(1, len(dilations), squeeze=False)[0]
    size = max(spans)
    for axes, d, span in zip(ax, dilations, spans, strict=True):
        cells = np.ones((size, size, 3))
        corner = (size - span) // 2
        inside = slice(corner, corner + span)
        cells[inside, inside] = COLOURS["gap"]
        spread = dilate_kernel(np.ones((kernel_size, kernel_size)), d)
        cells[inside, inside][spread == 1] = COLOURS["tap"]
        axes.imshow(cells, interpolation="nearest")
        _grid_lines(axes, size, size)
        axes.set_axis_off()
        axes.set_title(
            f"d = {d}: spans {span}×{span}\n{kernel_size * kernel_size} weights, "
            f"{span * span - kernel_size**2} gaps",
            fontsize=10,
        )
    return ax[0].figure


def plot_receptive_field_growth(depth=6, size=256, ax=None):
    """Receptive field and output size of the :data:`STACKS`, against their depth.

    Parameters
    ----------
    depth : int
        The deepest stack drawn (convolutions; pooling layers not counted).
    size : int
        The input size whose down-sampling the right panel shows.
    ax : pair of Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        figure = Figure(figsize=(9, 3.4))
        figure.subplots_adjust(left=0.06, right=0.99, bottom=0.15, top=0.91, wspace=0.16)
        ax = figure.subplots(1, 2)
    depths = np.arange(1, depth + 1)
    # The dilated and the strided stacks have the same fields, the strided and the pooled
    # ones the same sizes: the dilated line is wide and pale, the strided one dashed on top.
    styles = [
        dict(marker="o"),
        dict(marker="s", lw=5, alpha=0.4),
        dict(marker="v", ls="--", zorder=3),
        dict(marker="^"),
    ]
    for (name, build), style in zip(STACKS.items(), styles, strict=True):
        layers = [build(n) for n in depths]
        fields = [receptive_field(*layer) for layer in layers]
        sizes = [stack_output_size(*layer, size) for layer in layers]
        ax[0].plot(depths, fields, label=name, **style)
        ax[1].plot(depths, sizes, label=name, **style)
    ax[0].set_title("receptive field (input pixels)", fontsize=10)
    ax[1].set_title(f"output size for a {size}-pixel input", fontsize=10)
    for axes in ax:
        axes.set_yscale("log", base=2)
        low, high = np.log2(axes.get_ylim())
        powers = [2**e for e in range(int(np.ceil(low)), int(np.floor(high)) + 1)]
        axes.set_yticks(powers, [str(p) for p in powers])  # plain labels: no mathtext to set
        axes.minorticks_off()
        axes.set_xlabel("convolution layers")
        axes.set_xticks(depths)
        axes.grid(alpha=0.3)
    ax[0].legend(fontsize=8)
    return ax[0].figure


def plot_gridding(rate_sets=((2, 2, 2), (1, 2, 4), (1, 2, 5)), kernel_size=3, ax=None):
    """Which input pixels reach one output of each stack (darker: more paths; grey: none).

    Parameters
    ----------
    rate_sets : sequence of sequences of int
        The rates of each stack, first layer first.
    kernel_size : int
    ax : sequence of len(rate_sets) Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    maps = [reach_map(rates, kernel_size) for rates in rate_sets]
    if ax is None:
        figure = Figure(figsize=(3.1 * len(rate_sets), 3.4))
        figure.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.86, wspace=0.08)
        ax = figure.subplots(1, len(rate_sets), squeeze=False)[0]
    reach = max(int(max(-offsets[0], offsets[-1])) for offsets, _ in maps)
    for axes, rates, (offsets, counts) in zip(ax, rate_sets, maps, strict=True):
        low, high = offsets[0] - 0.5, offsets[-1] + 0.5
        axes.imshow(
            np.ma.masked_equal(counts, 0),
            cmap=REACH_CMAP,
            norm=LogNorm(1, max(counts.max(), 2)),
            extent=(low, high, high, low),
            interpolation="nearest",
        )
        axes.add_patch(Rectangle((low, low), high - low, high - low, fill=False, lw=1.2))
        axes.plot([0], [0], marker="+", color="k", markersize=9)
        axes.set_xlim(-reach - 0.5, reach + 0.5)
        axes.set_ylim(reach + 0.5, -reach - 0.5)
        axes.set_xticks([])
        axes.set_yticks([])
        r = counts.shape[0]
        axes.set_title(
            f"rates {', '.join(map(str, rates))}: field {r}×{r}\n"
            f"{np.count_nonzero(counts)} of {r * r} pixels reach the output",
            fontsize=10,
        )
    return ax[0].figure


def _reached(rates, kernel_size):
    """The offsets that one output reaches through the layers `rates` (just 0 for none)."""
    if not rates:
        return np.zeros(1, int)
    offsets, counts = paths_1d(rates, kernel_size)
    return offsets[counts > 0]


def _grid_lines(axes, rows, cols, **kwargs):
    """Cell borders of an image of `rows` x `cols` cells, as one collection."""
    lines = axes.add_collection(
        LineCollection([], colors=kwargs.get("colors", "0.6"), linewidths=0.6, clip_on=False)
    )
    lines.set_segments(
        [[(-0.5, y), (cols - 0.5, y)] for y in np.arange(-0.5, rows)]
        + [[(x, -0.5), (x, rows - 0.5)] for x in np.arange(-0.5, cols)]
    )
    return lines


class StackView:
    """The explorer's figure: a stack of dilated layers in 1-D, and the 2-D reach of one output.

    Left, the stack along one axis: rows are the input and the outputs of layers 1 to n;
    the lines run from one output of layer `depth` down through the taps of every layer
    to the input pixels they reach (orange dots; grey: not reached). Right, the same in 2-D
    for k x k kernels: the path count of each input pixel inside the receptive field
    (outlined), grey where there is none (the holes of gridding).

    ``update(rates, depth, kernel_size)`` redraws in place and returns an HTML line with the
    receptive field, the pixels reached and the weights.

    Parameters
    ----------
    ax : pair of Axes (stack, map), optional
        Default: a new 8 x 3.5 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    """

    MAX_LAYERS = 6

    def __init__(self, ax=None):
        if ax is None:
            # A fixed layout: a layout engine would cost more than the rest of a redraw.
            figure = Figure(figsize=(8, 3.5))
            figure.subplots_adjust(left=0.11, right=0.99, bottom=0.03, top=0.86, wspace=0.06)
            ax = figure.subplots(1, 2, width_ratios=[1.45, 1])
        self.tree, self.map = ax
        self.figure = self.tree.figure
        self.span = self.tree.add_patch(
            Rectangle((0, -0.35), 1, 0.7, color=COLOURS["gap"], zorder=0, lw=0)
        )
        self.edges = self.tree.add_collection(
            LineCollection([], colors=[COLOURS["edge"]], linewidths=0.8)
        )
        self.nodes = self.tree.scatter([], [], s=9, color=COLOURS["node"], zorder=2)
        self.reached = self.tree.scatter([], [], s=16, color=COLOURS["reached"], zorder=3)
        self.labels = [
            self.tree.text(
                -0.01,
                row,
                "",
                ha="right",
                va="center",
                fontsize=8,
                transform=self.tree.get_yaxis_transform(),
            )
            for row in range(self.MAX_LAYERS + 1)
        ]
        # Titles as plain texts at a fixed height: set_title would re-place them on each draw.
        self.tree_title, self.map_title = (
            axes.text(0.5, 1.03, "", ha="center", va="bottom", fontsize=9, transform=axes.transAxes)
            for axes in ax
        )
        self.image = self.map.imshow(
            np.ma.masked_equal(np.zeros((1, 1)), 0),
            cmap=REACH_CMAP,
            norm=LogNorm(1, 2),  # path counts span orders of magnitude
            interpolation="nearest",
        )
        self.outline = self.map.add_patch(Rectangle((0, 0), 1, 1, fill=False, lw=1.2))
        (self.centre,) = self.map.plot([0], [0], marker="+", color="k", markersize=9)
        for axes in ax:
            axes.set_xticks([])
            axes.set_yticks([])
        self.tree.set_axis_off()

    def update(self, rates, depth, kernel_size):
        """Redraw for the stack `rates` (first layer first) seen from layer `depth`."""
        rates, k = [int(d) for d in rates], int(kernel_size)
        n = len(rates)
        if not 1 <= n <= self.MAX_LAYERS:
            raise ValueError(f"rates must have 1 to {self.MAX_LAYERS} layers, got {n}")
        if not 1 <= depth <= n:
            raise ValueError(f"depth must be in 1..{n}, got {depth!r}")
        whole, _ = paths_1d(rates, k)  # the x range: the field of the whole stack
        offsets, counts = paths_1d(rates[:depth], k)
        self._draw_tree(rates, depth, k, whole)
        self._draw_map(offsets, counts, whole)
        r = counts.size
        reached = int(np.count_nonzero(counts)) ** 2
        terms = " + ".join(map(str, rates[:depth]))
        self.tree_title.set_text(f"{k}×{k} layers, rates {', '.join(map(str, rates))}")
        self.map_title.set_text(f"field {r}×{r}: {reached} pixels reach the output")
        holes = r * r - reached
        return (
            f"After layer {depth}: receptive field r = 1 + {k - 1}·({terms}) = <b>{r}</b>"
            f" (r×r = {r * r}); <b>{reached}</b> of them reach the output"
            + (f", <b>{holes} holes</b>" if holes else ", no holes")
            + f". Weights per channel pair: {depth}·{k}² = {depth * k * k}"
            f" (one dense {r}×{r} kernel: {r * r})."
        )

    def _draw_tree(self, rates, depth, k, whole):
        n = len(rates)
        positions = np.arange(whole[0], whole[-1] + 1)
        self.nodes.set_offsets([(x, row) for row in range(depth) for x in positions] + [(0, depth)])
        segments, lit = [], [(0, depth)]
        for row in range(depth, 0, -1):  # from the output down, one layer at a time
            above = _reached(rates[row:depth], k)  # the nodes of this row on some path
            steps = tap_offsets(k, rates[row - 1])
            segments += [[(x, row), (x + step, row - 1)] for x in above for step in steps]
            lit += [(x, row - 1) for x in _reached(rates[row - 1 : depth], k)]
        self.edges.set_segments(segments)
        self.reached.set_offsets(lit)
        field = paths_1d(rates[:depth], k)[0]
        self.span.set_bounds(field[0] - 0.5, -0.35, field.size, 0.7)
        names = ["input"] + [f"layer {row}, d={rates[row - 1]}" for row in range(1, n + 1)]
        for row, label in enumerate(self.labels):
            label.set_text(names[row] if row <= n else "")
            label.set_color("k" if row <= depth else "0.65")
        self.tree.set_xlim(whole[0] - 0.8, whole[-1] + 0.8)
        self.tree.set_ylim(-0.6, n + 0.5)

    def _draw_map(self, offsets, counts, whole):
        low, high = offsets[0] - 0.5, offsets[-1] + 0.5
        counts2d = np.outer(counts, counts)
        self.image.set_data(np.ma.masked_equal(counts2d, 0))
        self.image.set_extent((low, high, high, low))
        self.image.set_clim(1, max(counts2d.max(), 2))
        self.outline.set_bounds(low, low, high - low, high - low)
        self.map.set_xlim(whole[0] - 0.5, whole[-1] + 0.5)
        self.map.set_ylim(whole[-1] + 0.5, whole[0] - 0.5)
