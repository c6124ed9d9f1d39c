"""Figures for notebook 07: spatially separable convolution.

A kernel is separable when it is the outer product of a column and a row (rank 1). The
figures show the split, the two 1-D passes, the positions each pass scans, what the split
saves, and the singular values that decide whether a kernel can be split.
:class:`SeparableView` is the figure of the explorer ``convlab.widgets.separability``.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullLocator

from .._args import as_array, as_int
from ..correlation import correlate2d
from ..counts import separable_multiplications
from ..separable import separate_kernel

__all__ = [
    "SEPARABLE_EXAMPLES",
    "SeparableView",
    "plot_outer_product",
    "plot_scanned_positions",
    "plot_separable_passes",
    "plot_separable_savings",
    "plot_singular_values",
    "separable_approximation",
    "separable_example",
]

SEPARABLE_EXAMPLES = ("Sobel", "Gaussian", "box", "disc", "random", "learned-like")
FLOOR = 1e-17  # singular values below FLOOR * s1 are drawn at FLOOR: zero up to rounding
CMAP = "RdBu_r"  # negative blue, positive red, zero white
# titles at a fixed height: matplotlib then skips placing them clear of the ticks on every draw
TITLE = {"fontsize": 9, "y": 1.02}
# plain-text labels: the default 10^k labels go through mathtext, slow to draw the first time
LOG_TICKS = ([1e-16, 1e-12, 1e-8, 1e-4, 1.0], ["1e-16", "1e-12", "1e-8", "1e-4", "1"])


def separable_example(name, size=3, seed=0):
    """An example kernel of size x size, by name (one of :data:`SEPARABLE_EXAMPLES`).

    - ``"Sobel"``: binomial smoothing down the column, a derivative along the row:
      ``outer([1, 2, 1], [-1, 0, 1])`` for size 3, ``outer([1, 4, 6, 4, 1], [-1, -2, 0, 2, 1])``
      for size 5 (rank 1).
    - ``"Gaussian"``: ``exp(-(x^2 + y^2) / (2 sigma^2))`` with sigma = size / 4, summing to 1;
      rank 1, because ``exp(a + b) = exp(a) exp(b)``.
    - ``"box"``: every entry 1 / size^2 (rank 1).
    - ``"disc"``: 1 where ``x^2 + y^2 <= r^2``, r^2 = ((size - 1) / 2)^2 (+ 1 at even sizes),
      summing to 1 (rank > 1).
    - ``"random"``: standard normal entries (rank `size`, with probability 1).
    - ``"learned-like"``: a synthetic stand-in for a trained first-layer filter (not taken
      from a network): an edge detector turned by 30 degrees (a Gabor patch) plus a little
      noise. Oblique, so not separable.

    Parameters
    ----------
    name : str
    size : int, >= 3
    seed : int
        Seeds the random entries ("random", "learned-like").

    Returns
    -------
    ndarray, shape (size, size)

    Raises
    ------
    ValueError
        For an unknown `name` or a `size` below 3 (the message names the argument).

    Examples
    --------
    >>> separable_example("Sobel").astype(int).tolist()
    [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    """
    size = as_int(size, "size", 3)
    if name not in SEPARABLE_EXAMPLES:
        raise ValueError(f"name must be one of {SEPARABLE_EXAMPLES}, got {name!r}")
    x = np.arange(size) - (size - 1) / 2
    y, x = np.meshgrid(x, x, indexing="ij")
    rng = np.random.default_rng(seed)
    if name == "Sobel":
        smooth = _binomial(size - 1)
        derivative = np.convolve(_binomial(size - 3), [-1.0, 0.0, 1.0])
        return np.outer(smooth, derivative)
    if name == "Gaussian":
        kernel = np.exp(-(x**2 + y**2) / (2 * (size / 4) ** 2))
    elif name == "box":
        kernel = np.ones((size, size))
    elif name == "disc":
        # at even sizes the cells sit at half-integers: one more unit keeps the disc round
        kernel = (x**2 + y**2 <= ((size - 1) / 2) ** 2 + (size + 1) % 2 + 1e-9).astype(float)
    elif name == "random":
        return rng.standard_normal((size, size))
    else:  # learned-like
        turned = x * np.cos(np.pi / 6) + y * np.sin(np.pi / 6)
        gabor = np.exp(-(x**2 + y**2) / (2 * (size / 3) ** 2)) * np.sin(2 * np.pi * turned / size)
        return gabor / np.abs(gabor).max() + 0.1 * rng.standard_normal((size, size))
    return kernel / kernel.sum()


def _binomial(n):
    """Row n of Pascal's triangle: [1], [1, 1], [1, 2, 1], ..."""
    row = np.ones(1)
    for _ in range(n):
        row = np.convolve(row, [1.0, 1.0])
    return row


def separable_approximation(kernel):
    """The best separable (rank-1) approximation of a kernel, and how far it is.

    With the singular values s1 >= s2 >= ... and singular vectors u1, v1 of the kernel,
    the closest rank-1 matrix in the Frobenius norm is ``s1 u1 v1^T`` (Eckart-Young), and
    its error is ``sqrt(s2^2 + s3^2 + ...)``.

    Parameters
    ----------
    kernel : array_like, shape (kH, kW)

    Returns
    -------
    column : ndarray, shape (kH,)
    row : ndarray, shape (kW,)
        ``sqrt(s1) u1`` and ``sqrt(s1) v1``, signed as :func:`convlab.separate_kernel` signs
        them (the largest entry of `column` is positive).
    singular_values : ndarray, shape (min(kH, kW),)
    relative_error : float
        ``||kernel - outer(column, row)|| / ||kernel||`` (0 for a zero kernel).

    Examples
    --------
    >>> column, row, s, error = separable_approximation([[1.0, 0.0], [0.0, 1.0]])
    >>> s.tolist(), round(error, 6)  # the identity: half its energy is lost
    ([1.0, 1.0], 0.707107)
    """
    kernel = as_array(kernel, "kernel", 2).astype(float)
    u, s, vt = np.linalg.svd(kernel)
    column, row = np.sqrt(s[0]) * u[:, 0], np.sqrt(s[0]) * vt[0]
    if column[np.argmax(np.abs(column))] < 0:
        column, row = -column, -row
    total = np.sqrt(np.sum(s**2))
    error = float(np.sqrt(np.sum(s[1:] ** 2)) / total) if total else 0.0
    return column, row, s, error


def _heatmap(axes, array, values=False):
    """`array` in CMAP, symmetric about zero, with its entries written in when `values`."""
    array = np.atleast_2d(array)
    limit = np.abs(array).max() or 1.0
    axes.imshow(array, cmap=CMAP, vmin=-limit, vmax=limit)
    if values:
        for (i, j), value in np.ndenumerate(array):
            colour = "white" if abs(value) > 0.6 * limit else "black"  # readable on dark cells
            axes.text(j, i, f"{value:g}", ha="center", va="center", fontsize=10, color=colour)
    axes.set_xticks([])
    axes.set_yticks([])


def plot_outer_product(column, row, ax=None):
    """A column, a row, and their outer product ``kernel[i, j] = column[i] * row[j]``.

    Parameters
    ----------
    column : array_like, shape (kH,)
    row : array_like, shape (kW,)
    ax : sequence of 3 matplotlib Axes (column, row, kernel), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    column = as_array(column, "column", 1).astype(float)
    row = as_array(row, "row", 1).astype(float)
    if ax is None:
        figure = Figure(figsize=(6.5, 2.6))  # fixed layouts: a layout engine doubles the cost
        figure.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.9, wspace=0.15)
        ax = figure.subplots(1, 3, width_ratios=[1, row.size, row.size])
    _heatmap(ax[0], column[:, None], values=True)
    ax[0].set_title("column", fontsize=10)
    _heatmap(ax[1], row[None, :], values=True)
    ax[1].set_title("row", fontsize=10)
    _heatmap(ax[2], np.outer(column, row), values=True)
    ax[2].set_title("outer(column, row)", fontsize=10)
    return ax[0].figure


def plot_separable_passes(image, column, row, ax=None):
    """The column pass, then the row pass, next to one pass with the 2-D kernel ('same').

    Parameters
    ----------
    image : array_like, shape (H, W)
    column : array_like, shape (kH,)
    row : array_like, shape (kW,)
    ax : sequence of 4 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    image = as_array(image, "image", 2).astype(float)
    column = as_array(column, "column", 1).astype(float)
    row = as_array(row, "row", 1).astype(float)
    if ax is None:
        figure = Figure(figsize=(9, 2.6))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
        ax = figure.subplots(1, 4)
    tall = correlate2d(image, column[:, None], "same")
    panels = [
        (image, "image"),
        (tall, f"column pass ({column.size}×1)"),
        (correlate2d(tall, row[None, :], "same"), f"then row pass (1×{row.size})"),
        (correlate2d(image, np.outer(column, row), "same"), "one 2-D pass (outer product)"),
    ]
    for axes, (picture, title) in zip(ax, panels):
        axes.imshow(picture, cmap="gray", interpolation="nearest")  # cheaper than antialiasing
        axes.set_title(title, fontsize=10)
        axes.set_axis_off()
    return ax[0].figure


def plot_scanned_positions(n=5, m=3, ax=None):
    """Where an m x m kernel, its m x 1 column and its 1 x m row are applied ('valid').

    Left: the direct 2-D pass visits (n-m+1)^2 positions of the n x n image, m^2
    multiplications each. Middle: the column pass visits (n-m+1) x n positions, m each, and
    makes an (n-m+1) x n intermediate. Right: the row pass visits (n-m+1)^2 positions of
    that intermediate, m each. A dot marks the centre of each window; the first window is
    outlined.

    Parameters
    ----------
    n : int
        Image size (at most 12, so that the grid stays readable).
    m : int
        Kernel size, 1 <= m <= n.
    ax : sequence of 3 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    n, m = as_int(n, "n", 1), as_int(m, "m", 1)
    if n > 12:
        raise ValueError(f"n must be at most 12 to be drawn, got {n}")
    direct, separable = separable_multiplications(n, m)  # checks m <= n
    out = n - m + 1
    if ax is None:
        figure = Figure(figsize=(9, 3.4))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.78, wspace=0.1)
        ax = figure.subplots(1, 3)
    panels = [  # (grid rows, window rows, window cols, positions (rows, cols), taps, title)
        (n, m, m, (out, out), m * m, "direct 2-D pass"),
        (n, m, 1, (out, n), m, f"column pass ({m}×1)"),
        (out, 1, m, (out, out), m, f"row pass (1×{m}) on {out}×{n}"),
    ]
    for axes, (rows, kh, kw, (pr, pc), taps, title) in zip(ax, panels):
        _grid(axes, rows, n)
        centres_r, centres_c = np.meshgrid(
            np.arange(pr) + (kh - 1) / 2, np.arange(pc) + (kw - 1) / 2, indexing="ij"
        )
        axes.plot(centres_c.ravel(), centres_r.ravel(), "o", color="tab:red", markersize=5)
        axes.add_patch(
            Rectangle((-0.5, -0.5), kw, kh, fill=False, edgecolor="tab:orange", linewidth=2.5)
        )
        axes.set_title(f"{title}\n{pr * pc} positions × {taps} = {pr * pc * taps}", fontsize=10)
    ax[0].figure.suptitle(
        f"{n}×{n} image, {m}×{m} kernel: direct {direct} multiplications, "
        f"separable {separable} (the two passes together)",
        fontsize=11,
    )
    return ax[0].figure


def _grid(axes, rows, cols):
    axes.imshow(np.ones((rows, cols, 3)) * 0.96, extent=(-0.5, cols - 0.5, rows - 0.5, -0.5))
    segments = [[(-0.5, y), (cols - 0.5, y)] for y in np.arange(-0.5, rows)]
    segments += [[(x, -0.5), (x, rows - 0.5)] for x in np.arange(-0.5, cols)]
    axes.add_collection(LineCollection(segments, colors="0.6", linewidths=0.8))
    axes.set_xlim(-0.6, cols - 0.4)
    axes.set_ylim(rows - 0.4, -0.6)
    axes.set_axis_off()


def plot_separable_savings(n_max=64, sizes=(1, 2, 3, 5, 7), ax=None):
    """Separable / direct multiplications against the image size n, one curve per kernel size m.

    The ratio ``(2n - m + 1) / (m (n - m + 1))`` falls towards ``2 / m`` (dashed) as n grows;
    above 1 (grey line) the split costs more than it saves.

    Parameters
    ----------
    n_max : int
        The largest image size drawn.
    sizes : sequence of int
        Kernel sizes m, each at most `n_max`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_max = as_int(n_max, "n_max", 2)
    if ax is None:
        figure = Figure(figsize=(6.5, 3.6))
        figure.subplots_adjust(left=0.11, right=0.98, bottom=0.14, top=0.92)
        ax = figure.add_subplot()
    for index, m in enumerate(sizes):
        m = as_int(m, "sizes", 1)
        n = np.arange(max(m, 2), n_max + 1)
        counts = np.array([separable_multiplications(int(i), m) for i in n])
        line = ax.plot(n, counts[:, 1] / counts[:, 0], label=f"m = {m}", color=f"C{index}")
        ax.axhline(2 / m, color=line[0].get_color(), linestyle="--", linewidth=0.8)
    ax.axhline(1.0, color="0.5", linewidth=1.0)
    ax.set_xlabel("image size n (n×n image, 'valid')")
    ax.set_ylabel("separable / direct multiplications")
    ax.set_ylim(0, 2.1)
    ax.legend(fontsize=9, ncol=3, loc="upper right", bbox_to_anchor=(1, 0.92))
    ax.set_title("what the split saves; dashed: the limit 2/m", fontsize=10)
    return ax.figure


def plot_singular_values(kernels, rtol=1e-7, ax=None):
    """Kernels side by side, each above its singular values s_i / s1 (log scale).

    A kernel is separable when ``s2 <= rtol * s1``: every bar after its first one below the
    dashed line (bars above it are red). Values under ``1e-17 s1`` (zero up to rounding) are
    drawn at 1e-17. Each kernel is scaled to its largest magnitude (red positive, blue
    negative); its label gives the relative error of its best rank-1 approximation
    (:func:`separable_approximation`).

    Parameters
    ----------
    kernels : dict of str -> array_like (kH, kW)
    rtol : float
    ax : pair of matplotlib Axes (kernels, singular values), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not kernels:
        raise ValueError("kernels must name at least one kernel")
    kernels = {name: as_array(k, "kernels", 2).astype(float) for name, k in kernels.items()}
    if ax is None:
        # two axes with a fixed layout: one axes per kernel would cost several times more
        figure = Figure(figsize=(1.45 * len(kernels) + 0.6, 3.9))
        figure.subplots_adjust(left=0.09, right=0.99, bottom=0.07, top=0.86, hspace=0.08)
        ax = figure.subplots(2, 1, height_ratios=[1, 1.1])
    top, bottom = ax
    side = max(max(k.shape) for k in kernels.values())
    step = side + 1  # one empty column between kernels
    tiles = np.full((side, step * len(kernels) - 1), np.nan)
    for index, (name, kernel) in enumerate(kernels.items()):
        column, row, s, error = separable_approximation(kernel)
        kh, kw = kernel.shape
        r0, c0 = (side - kh) // 2, index * step + (side - kw) // 2
        tiles[r0 : r0 + kh, c0 : c0 + kw] = kernel / (np.abs(kernel).max() or 1.0)
        centre = index * step + (side - 1) / 2
        top.text(
            centre,
            -0.8,
            f"{name}\nrank-1 error {100 * error:.0f}%",
            ha="center",
            va="bottom",
            fontsize=8.5,
        )
        ratios = np.maximum(s / s[0], FLOOR) if s[0] else np.full(s.shape, FLOOR)
        positions = index * step + (side - s.size) / 2 + np.arange(s.size)
        colours = ["tab:blue"] + ["tab:red" if r > rtol else "tab:blue" for r in ratios[1:]]
        bottom.bar(positions, ratios - FLOOR, bottom=FLOOR, color=colours, width=0.8)
    top.imshow(
        tiles, cmap=CMAP, vmin=-1, vmax=1, extent=(-0.5, tiles.shape[1] - 0.5, side - 0.5, -0.5)
    )
    top.set_axis_off()
    bottom.set_yscale("log")
    bottom.set_ylim(FLOOR / 3, 3)
    bottom.set_yticks(*LOG_TICKS)
    bottom.yaxis.set_minor_locator(NullLocator())  # minor log ticks are slow to draw
    bottom.axhline(rtol, color="tab:red", linestyle="--", linewidth=1)
    bottom.set_xlim(-0.5, tiles.shape[1] - 0.5)
    bottom.set_xticks([])
    bottom.tick_params(labelsize=8)
    bottom.set_ylabel(f"s_i / s_1\n(dashed: rtol={rtol:g})", fontsize=8)
    return top.figure


class SeparableView:
    """The explorer's figure: a kernel, its best rank-1 approximation, its singular values
    and the multiplications of a direct and a separable pass on an n x n image.

    ``update(kernel, n)`` changes the artists in place (image data, bar heights, texts) and
    returns an HTML message with the numbers. Kernels up to :attr:`MAX_SIZE` on a side.

    Parameters
    ----------
    rtol : float
        The separability threshold drawn and used (``s2 <= rtol * s1``).

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    kernel_image, approximation_image : matplotlib.image.AxesImage
    singular_bars, count_bars : matplotlib.container.BarContainer
    """

    MAX_SIZE = 7

    def __init__(self, rtol=1e-7):
        self.rtol = rtol
        # a fixed layout: a layout engine would cost more than the rest of a redraw
        self.figure = Figure(figsize=(8, 3.2))
        self.figure.subplots_adjust(left=0.02, right=0.98, bottom=0.16, top=0.84, wspace=0.45)
        grid = self.figure.add_gridspec(1, 4, width_ratios=[1, 1, 1.15, 1.15])
        axes = [self.figure.add_subplot(cell) for cell in grid]
        self.kernel_axes, self.approximation_axes, self.singular_axes, self.count_axes = axes
        blank = np.zeros((1, 1))
        self.kernel_image = self.kernel_axes.imshow(blank, cmap=CMAP)
        self.approximation_image = self.approximation_axes.imshow(blank, cmap=CMAP)
        for image_axes in axes[:2]:
            image_axes.set_axis_off()
        positions = np.arange(1, self.MAX_SIZE + 1)
        self.singular_bars = self.singular_axes.bar(positions, 1.0, bottom=FLOOR)
        self.singular_axes.set_yscale("log")
        self.singular_axes.set_ylim(FLOOR / 3, 3)
        self.singular_axes.set_yticks(*LOG_TICKS)
        self.singular_axes.yaxis.set_minor_locator(NullLocator())
        self.singular_axes.axhline(rtol, color="tab:red", linestyle="--", linewidth=1)
        self.singular_axes.set_title(f"s_i / s_1 (dashed: rtol {rtol:g})", **TITLE)
        self.count_bars = self.count_axes.bar(
            [0, 1, 1], [1, 1, 1], color=["tab:gray", "tab:blue", "tab:cyan"], width=0.6
        )
        self.count_axes.set_xticks([0, 1], ["direct", "separable"])
        self.count_axes.legend(
            self.count_bars[1:], ["column pass", "row pass"], fontsize=7, loc="upper right"
        )
        self.count_labels = [
            self.count_axes.text(x, 0, "", ha="center", va="bottom", fontsize=8) for x in (0, 1)
        ]
        for bar_axes in (self.singular_axes, self.count_axes):
            bar_axes.tick_params(labelsize=7)

    def update(self, kernel, n, name="kernel"):
        """Show `kernel` (square, up to MAX_SIZE on a side), titled `name`, and the costs of
        correlating an n x n image with it, directly and as two 1-D passes."""
        kernel = as_array(kernel, "kernel", 2).astype(float)
        kh, kw = kernel.shape
        if max(kh, kw) > self.MAX_SIZE or kh != kw:
            raise ValueError(f"kernel must be square, at most {self.MAX_SIZE} on a side")
        column, row, s, error = separable_approximation(kernel)
        limit = np.abs(kernel).max() or 1.0
        for image, data in (
            (self.kernel_image, kernel),
            (self.approximation_image, np.outer(column, row)),
        ):
            image.set_data(data)
            image.set_extent((-0.5, kw - 0.5, kh - 0.5, -0.5))
            image.set_clim(-limit, limit)
        self.kernel_axes.set_title(f"{name} {kh}×{kw}", **TITLE)
        self.approximation_axes.set_title(f"best rank 1: error {_percent(error)}", **TITLE)
        ratios = np.maximum(s / s[0], FLOOR) if s[0] else np.full(s.shape, FLOOR)
        for index, bar in enumerate(self.singular_bars):
            bar.set_visible(index < s.size)
            if index < s.size:
                bar.set_height(ratios[index] - FLOOR)
                above = index > 0 and ratios[index] > self.rtol
                bar.set_facecolor("tab:red" if above else "tab:blue")
        self.singular_axes.set_xlim(0.4, s.size + 0.6)
        self.singular_axes.set_xticks(np.arange(1, s.size + 1))
        separable = s.size == 1 or s[1] <= self.rtol * s[0]
        return self._verdict(kernel, s, error, separable) + "<br>" + self._show_counts(n, kh)

    def _show_counts(self, n, m):
        direct, separable = separable_multiplications(n, m)
        out = n - m + 1
        column_pass = out * n * m
        heights = [direct, column_pass, separable - column_pass]
        for bar, height, bottom in zip(self.count_bars, heights, [0, 0, column_pass]):
            bar.set_height(height)
            bar.set_y(bottom)
        for label, count in zip(self.count_labels, (direct, separable)):
            label.set_position((label.get_position()[0], count))
            label.set_text(f"{count:,}")
        self.count_axes.set_ylim(0, 1.6 * max(direct, separable))  # room for the legend
        self.count_axes.set_title(f"multiplications, {n}×{n} image", **TITLE)
        return (
            f"On a {n}×{n} image ('valid'): direct {out * out:,} positions × {m * m} = "
            f"<b>{direct:,}</b>; separable {out * n:,} × {m} + {out * out:,} × {m} = "
            f"<b>{separable:,}</b> (ratio {separable / direct:.3f}; 2/m = {2 / m:.3f})."
        )

    def _verdict(self, kernel, s, error, separable):
        shown = ", ".join(f"{value:.3g}" for value in s)
        ratio = s[1] / s[0] if s.size > 1 and s[0] else 0.0
        if separable:
            column, row = separate_kernel(kernel, self.rtol)
            return (
                f"Singular values {shown}: s2/s1 = {ratio:.1e} ≤ rtol, <b>separable</b>: "
                f"column ∝ {_shape_of(column)}, row ∝ {_shape_of(row)}."
            )
        return (
            f"Singular values {shown}: s2/s1 = {ratio:.1e} > rtol, <b>not separable</b>; "
            f"the best rank-1 approximation is off by {_percent(error)} (relative norm)."
        )


def _percent(fraction):
    """A relative error as a percentage, 0% below 1e-12 (rounding of an exact split)."""
    return "0%" if fraction < 1e-12 else f"{100 * fraction:.2g}%"


def _shape_of(vector):
    """A vector scaled so that its largest entry is 1, as a short list."""
    peak = vector[np.argmax(np.abs(vector))]
    return "[" + ", ".join(f"{v + 0.0:.3g}" for v in vector / peak) + "]"  # + 0.0: no -0
