"""Figures for notebook 02: the arithmetic of a convolution layer.

``ArithmeticView`` draws a padded input grid and the output grid as two images whose
pixels are recoloured on each update (no artist is rebuilt), with the window of one output
cell highlighted, dilation gaps included.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..arithmetic import conv_output_size, effective_kernel_size
from ..conv import conv2d

__all__ = [
    "ArithmeticView",
    "formula_html",
    "output_size",
    "plot_feature_maps",
    "unvisited",
    "window_cells",
]

COLOURS = {
    "input": (1.0, 1.0, 1.0),
    "padding": (0.88, 0.88, 0.88),
    "span": (1.0, 0.9, 0.75),  # inside the dilated window but skipped
    "tap": (1.0, 0.6, 0.2),
    "unvisited": (0.95, 0.7, 0.7),
    "output": (0.8, 0.88, 0.97),
    "chosen": (0.9, 0.3, 0.3),
}


def window_cells(out_row, out_col, kernel_size, stride=1, dilation=1):
    """The padded-input cells (row, col) that output cell (out_row, out_col) reads.

    Tap (a, b) reads ``(out_row * s + a * d, out_col * s + b * d)``, in the coordinates of the
    zero-padded input.

    Parameters
    ----------
    out_row, out_col : int, >= 0
        The output cell.
    kernel_size : int, >= 1
        k of a square k x k kernel.
    stride, dilation : int, >= 1

    Returns
    -------
    list of (int, int)
        The k * k cells read, tap by tap in row-major order (im2col's column order).

    Raises
    ------
    ValueError
        If an argument is not an integer in its range (the message names it).

    Examples
    --------
    >>> window_cells(1, 0, 2, stride=2, dilation=2)
    [(2, 0), (2, 2), (4, 0), (4, 2)]
    """
    for name, value, low in (
        ("out_row", out_row, 0),
        ("out_col", out_col, 0),
        ("kernel_size", kernel_size, 1),
        ("stride", stride, 1),
        ("dilation", dilation, 1),
    ):
        if int(value) != value or value < low:
            raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    return [
        (out_row * stride + a * dilation, out_col * stride + b * dilation)
        for a in range(kernel_size)
        for b in range(kernel_size)
    ]


def unvisited(i, k, stride=1, padding=0, dilation=1):
    """Rows (or columns) at the end of the padded input that no window reaches.

    ``(i + 2p - d(k - 1) - 1) mod s``: the remainder the floor in the output-size formula
    throws away. Zero when the stride steps exactly onto the last position.

    Parameters
    ----------
    i, k, stride, padding, dilation : int
        As in :func:`convlab.conv_output_size`.

    Returns
    -------
    int
        How many of the last rows (columns) of the padded input, of size i + 2p, no window reads.

    Raises
    ------
    ValueError
        If the dilated kernel does not fit in the padded input (the message names k).

    Examples
    --------
    >>> unvisited(8, 3, stride=2), unvisited(7, 3, stride=2)
    (1, 0)
    """
    span = effective_kernel_size(k, dilation)
    if span > i + 2 * padding:
        raise ValueError(
            f"k: the kernel spans {span}, more than the padded input {i + 2 * padding}"
        )
    return (i + 2 * padding - span) % stride


def output_size(i, k, stride=1, padding=0, dilation=1):
    """:func:`convlab.conv_output_size`, or 0 when the dilated kernel does not fit.

    Examples
    --------
    >>> output_size(8, 3, stride=2), output_size(2, 5)
    (3, 0)
    """
    if effective_kernel_size(k, dilation) > i + 2 * padding:
        return 0
    return conv_output_size(i, k, stride, padding, dilation)


def formula_html(i, k, stride=1, padding=0, dilation=1):
    """The output-size formula with the numbers filled in, as one line of HTML.

    A second line warns when ``(i + 2p - d(k-1) - 1) mod s != 0``: the rows and columns
    that no window reaches.

    Parameters
    ----------
    i, k, stride, padding, dilation : int
        As in :func:`convlab.conv_output_size`.

    Returns
    -------
    str

    Examples
    --------
    >>> formula_html(7, 3, stride=2)
    'o = ⌊(i + 2p − d(k−1) − 1) / s⌋ + 1 = ⌊(7 + 0 − 2 − 1) / 2⌋ + 1 = <b>3</b>'
    """
    span = effective_kernel_size(k, dilation)
    left_over = unvisited(i, k, stride, padding, dilation)
    out = output_size(i, k, stride, padding, dilation)
    html = (
        f"o = ⌊(i + 2p − d(k−1) − 1) / s⌋ + 1 = ⌊({i} + {2 * padding} − {span - 1}"
        f" − 1) / {stride}⌋ + 1 = <b>{out}</b>"
    )
    if left_over:
        html += (
            f"<br>⚠ (i + 2p − d(k−1) − 1) mod s = {left_over}: the last {left_over} "
            f"row(s) and column(s) (red) are never read; the floor drops them."
        )
    return html


class ArithmeticView:
    """The padded input and the output of a square convolution, with one window highlighted.

    ``update(i, k, stride, padding, dilation, out_row, out_col)`` recolours the two grids in
    place and returns an HTML line with the output-size formula (and a warning when windows
    miss the end of the input); an impossible configuration returns a message instead.

    Parameters
    ----------
    ax : pair of matplotlib Axes (input, output), optional
        Default: a new 9 x 4.6 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    input_image, output_image : matplotlib.image.AxesImage
        The cells as RGB pixels, one per cell (colours in :data:`COLOURS`).
    """

    def __init__(self, ax=None):
        if ax is None:
            # A fixed layout: a layout engine would cost more than the rest of a redraw.
            figure = Figure(figsize=(9, 4.6))
            figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.92, wspace=0.08)
            ax = figure.subplots(1, 2, width_ratios=[3, 2])
        self.left, self.right = ax
        self.figure = self.left.figure
        blank = np.ones((1, 1, 3))
        self.input_image = self.left.imshow(blank, interpolation="nearest")
        self.output_image = self.right.imshow(blank, interpolation="nearest")
        self.input_lines, self.output_lines = (
            # unclipped, so the outer border is drawn whole
            axes.add_collection(LineCollection([], colors="0.55", linewidths=0.8, clip_on=False))
            for axes in (self.left, self.right)
        )
        for axes in (self.left, self.right):
            axes.set_axis_off()  # the cell lines replace ticks, which are slow to draw

    def update(self, i, k, stride, padding, dilation, out_row, out_col):
        """Redraw for input size `i`, kernel `k`, ... and output cell (out_row, out_col).

        The output cell is clamped to the output grid. Returns the HTML message to show.
        """
        size = i + 2 * padding
        span = effective_kernel_size(k, dilation)
        grid = np.empty((size, size, 3))
        grid[:] = COLOURS["padding"]
        grid[padding : padding + i, padding : padding + i] = COLOURS["input"]
        out = output_size(i, k, stride, padding, dilation)
        if not out:
            self._show(self.input_image, self.input_lines, grid)
            self._show(self.output_image, self.output_lines, np.ones((1, 1, 3)))
            self.output_lines.set_segments([])  # nothing to show
            self.left.set_title(f"padded input {size}×{size}", fontsize=10)
            self.right.set_title("no output", fontsize=10)
            return (
                f"<b>The kernel does not fit</b>: it spans d(k−1)+1 = {span} cells but the "
                f"padded input has only i+2p = {size}."
            )
        out_row, out_col = min(out_row, out - 1), min(out_col, out - 1)
        left_over = unvisited(i, k, stride, padding, dilation)
        if left_over:
            grid[size - left_over :, :] = COLOURS["unvisited"]
            grid[:, size - left_over :] = COLOURS["unvisited"]
        top, left = out_row * stride, out_col * stride
        grid[top : top + span, left : left + span] = COLOURS["span"]
        for r, c in window_cells(out_row, out_col, k, stride, dilation):
            grid[r, c] = COLOURS["tap"]
        output = np.empty((out, out, 3))
        output[:] = COLOURS["output"]
        output[out_row, out_col] = COLOURS["chosen"]
        self._show(self.input_image, self.input_lines, grid)
        self._show(self.output_image, self.output_lines, output)
        self.left.set_title(
            f"padded input {size}×{size} (grey: padding, orange: the taps)", fontsize=10
        )
        self.right.set_title(f"output {out}×{out}, cell ({out_row}, {out_col})", fontsize=10)
        return formula_html(i, k, stride, padding, dilation)

    @staticmethod
    def _show(image, lines, pixels):
        rows, cols = pixels.shape[:2]
        image.set_data(pixels)
        image.set_extent((-0.5, cols - 0.5, rows - 0.5, -0.5))
        image.axes.set_xlim(-0.5, cols - 0.5)
        image.axes.set_ylim(rows - 0.5, -0.5)
        lines.set_segments(
            [[(-0.5, y), (cols - 0.5, y)] for y in np.arange(-0.5, rows)]
            + [[(x, -0.5), (x, rows - 0.5)] for x in np.arange(-0.5, cols)]
        )


def plot_feature_maps(image, kernels, ax=None):
    """An image and its convolution (``convlab.conv2d``, padding 'same') with each kernel.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernels : dict of str -> array_like (kH, kW)
    ax : sequence of 1 + len(kernels) Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        figure = Figure(figsize=(3 * (1 + len(kernels)), 3.3), layout="constrained")
        ax = figure.subplots(1, 1 + len(kernels))
    image = np.asarray(image, dtype=float)
    weight = np.stack([np.asarray(k, dtype=float) for k in kernels.values()])[:, None]
    maps = conv2d(image[None, None], weight, padding="same")[0]
    ax[0].imshow(image, cmap="gray")
    ax[0].set_title("input", fontsize=10)
    for axes, name, feature in zip(ax[1:], kernels, maps):
        axes.imshow(feature, cmap="gray")
        axes.set_title(name, fontsize=10)
    for axes in ax:
        axes.set_axis_off()
    return ax[0].figure
