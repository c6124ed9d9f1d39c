"""Figures for notebook 09: flattened convolution.

A flattened filter is the outer product of three 1-D filters, ``w[c, i, j] = l[c] v[i] h[j]``:
lateral (across the input channels), vertical and horizontal. The figures show the three
filters and the 3-D filter they make, the three stages of a flattened layer on a colour
image, the singular values of a filter's three unfoldings, and how the higher-order power
method finds the best rank-1 approximation. :class:`FlattenedView` is the figure of the
explorer ``convlab.widgets.flattened_fit``.
"""

import numpy as np
from matplotlib.figure import Figure

from .. import data
from .._args import as_array, as_int
from ..conv import conv2d
from ..separable import flattened_weight, rank1_factors
from .separable import separable_example

__all__ = [
    "FLATTENED_EXAMPLES",
    "FlattenedView",
    "fit_errors",
    "flattened_example",
    "pca_filters",
    "plot_flattened_filter",
    "plot_flattened_stages",
    "plot_power_method",
    "plot_unfolding_spectra",
    "power_method_errors",
    "rank1_fit",
    "unfoldings",
]

FLATTENED_EXAMPLES = ("Sobel", "Gabor", "learned-like", "random")
LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R 601: brightness from R, G, B
CMAP = "RdBu_r"  # negative blue, positive red, zero white
FACTOR_NAMES = ("lateral", "vertical", "horizontal")
FACTOR_COLOURS = ("tab:green", "tab:purple", "tab:orange")
# titles at a fixed height: matplotlib then skips placing them clear of the ticks on every draw
TITLE = {"fontsize": 8.5, "y": 1.0}


def flattened_example(name, size=5, angle=30.0, seed=0):
    """An example 3-D filter of shape (3, size, size) for an RGB input, by name.

    - ``"Sobel"``: brightness edges: the ITU-R 601 luma weights (0.299, 0.587, 0.114) across
      the channels times the Sobel kernel of :func:`convlab.viz.separable_example`
      (``outer([1, 2, 1], [-1, 0, 1])`` at size 3). Rank 1. `angle` is not used.
    - ``"Gabor"``: the luma weights times a Gabor patch, ``G(x) G(y) sin(2 pi x' / size)``
      with ``x' = x cos(angle) + y sin(angle)`` (x along the columns, y down the rows) and
      a Gaussian G of standard deviation size / 4. Rank 1 at 0 and 90 degrees; at other
      angles the patch is a sum of two separable terms
      (``sin(a + b) = sin a cos b + cos a sin b``).
    - ``"learned-like"``: a synthetic stand-in for a trained first-layer filter (not taken
      from a network): a colour-opponent Gabor patch at `angle` (red and green against
      blue), plus a blob of another colour mix, plus noise of 0.1 times the largest entry.
    - ``"random"``: standard normal entries.

    Parameters
    ----------
    name : str
        One of :data:`FLATTENED_EXAMPLES`.
    size : int, >= 3
    angle : float
        Degrees, for "Gabor" and "learned-like".
    seed : int
        Seeds the random entries ("learned-like", "random").

    Returns
    -------
    ndarray, shape (3, size, size)

    Examples
    --------
    >>> w = flattened_example("Sobel", 3)
    >>> w.shape, w[1].round(3).tolist()[1]  # green channel, middle row: 0.587 * [-2, 0, 2]
    ((3, 3, 3), [-1.174, 0.0, 1.174])
    """
    size = as_int(size, "size", 3)
    if name not in FLATTENED_EXAMPLES:
        raise ValueError(f"name must be one of {FLATTENED_EXAMPLES}, got {name!r}")
    rng = np.random.default_rng(seed)
    if name == "Sobel":
        return np.einsum("c,ij->cij", LUMA, separable_example("Sobel", size))
    if name == "Gabor":
        return np.einsum("c,ij->cij", LUMA, _gabor(size, angle))
    if name == "random":
        return rng.standard_normal((3, size, size))
    y, x = _grid(size)
    blob = np.exp(-((x - size / 6) ** 2 + (y + size / 8) ** 2) / (2 * (size / 5) ** 2))
    filter_ = np.einsum("c,ij->cij", [1.0, 0.7, -0.9], _gabor(size, angle))
    filter_ += np.einsum("c,ij->cij", [0.3, -0.5, 0.4], blob)
    return filter_ + 0.1 * np.abs(filter_).max() * rng.standard_normal(filter_.shape)


def _grid(size):
    """(y, x): row and column coordinates centred on the middle of a size x size patch."""
    t = np.arange(size) - (size - 1) / 2
    return np.meshgrid(t, t, indexing="ij")


def _gabor(size, angle):
    y, x = _grid(size)
    theta = np.deg2rad(angle)
    turned = x * np.cos(theta) + y * np.sin(theta)
    return np.exp(-(x**2 + y**2) / (2 * (size / 4) ** 2)) * np.sin(2 * np.pi * turned / size)


def unfoldings(filter_):
    """The three unfoldings of a 3-D filter: each axis in turn becomes the rows.

    Parameters
    ----------
    filter_ : array_like, shape (C_in, kH, kW)

    Returns
    -------
    tuple of three ndarrays
        Shapes (C_in, kH kW) (lateral), (kH, C_in kW) (vertical), (kW, C_in kH) (horizontal).
        A rank-1 filter ``l ⊗ v ⊗ h`` has unfoldings ``outer(l, ...)``, ``outer(v, ...)``
        and ``outer(h, ...)``: all three of rank 1.

    Examples
    --------
    >>> [u.shape for u in unfoldings(np.zeros((3, 4, 5)))]
    [(3, 20), (4, 15), (5, 12)]
    """
    filter_ = as_array(filter_, "filter_", 3).astype(float)
    return tuple(
        np.moveaxis(filter_, axis, 0).reshape(filter_.shape[axis], -1) for axis in range(3)
    )


def fit_errors(weight, lateral, vertical, horizontal):
    """Relative error of each filter's flattened approximation.

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, kH, kW)
    lateral, vertical, horizontal : array_like, shapes (C_out, C_in), (C_out, kH), (C_out, kW)

    Returns
    -------
    ndarray, shape (C_out,)
        ``||W[o] - l[o] ⊗ v[o] ⊗ h[o]|| / ||W[o]||`` (Frobenius norms; 0 for a zero filter).

    Examples
    --------
    >>> fit_errors([[[[3.0, 4.0]]]], [[1.0]], [[1.0]], [[3.0, 0.0]]).tolist()  # misses the 4
    [0.8]
    """
    weight = as_array(weight, "weight", 4).astype(float)
    approximation = flattened_weight(lateral, vertical, horizontal)
    if approximation.shape != weight.shape:
        raise ValueError(
            f"the factors make filters of shape {approximation.shape}, weight is {weight.shape}"
        )
    rows = len(weight)
    norms = np.linalg.norm(weight.reshape(rows, -1), axis=1)
    residual = np.linalg.norm((weight - approximation).reshape(rows, -1), axis=1)
    return residual / np.where(norms == 0, 1.0, norms)


def rank1_fit(weight):
    """The best flattened (rank-1) approximation of each filter and its relative error.

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, kH, kW) or (C_in, kH, kW)

    Returns
    -------
    approximation : ndarray, the shape of `weight`
        ``flattened_weight(*rank1_factors(weight))``.
    relative_error : ndarray, shape (C_out,), or a float for a single filter
        :func:`fit_errors` of convlab's factors.

    Examples
    --------
    >>> approximation, error = rank1_fit(flattened_example("Sobel"))
    >>> bool(error < 1e-12)
    True
    """
    weight = as_array(weight, "weight", (3, 4)).astype(float)
    single = weight.ndim == 3
    stack = weight[None] if single else weight
    factors = rank1_factors(stack)
    approximation, error = flattened_weight(*factors), fit_errors(stack, *factors)
    return (approximation[0], float(error[0])) if single else (approximation, error)


def pca_filters(image, size=5, count=16):
    """Filters learned from an image: the principal components of its colour patches.

    Every size x size window of the (C, H, W) image is a vector of C size^2 numbers; after
    removing their mean, the leading right singular vectors of the matrix of all windows
    (PCA) are the directions along which the patches vary most. Reshaped, they form a
    filter bank that resembles the first layer of a trained network (blobs, edges,
    colour-opponent patterns): a cheap, data-driven stand-in for learned filters.

    Parameters
    ----------
    image : array_like, shape (C, H, W)
    size : int
        Filter height and width.
    count : int
        Number of filters, at most C size^2.

    Returns
    -------
    filters : ndarray, shape (count, C, size, size)
        Unit norm, by decreasing variance of the patches along them.
    variances : ndarray, shape (count,)
        The patches' variance along each filter.
    """
    image = as_array(image, "image", 3).astype(float)
    size, count = as_int(size, "size", 1), as_int(count, "count", 1)
    c = image.shape[0]
    if count > c * size * size:
        raise ValueError(f"count must be at most C size^2 = {c * size * size}, got {count}")
    windows = np.lib.stride_tricks.sliding_window_view(image, (size, size), axis=(1, 2))
    patches = np.moveaxis(windows, 0, 2).reshape(-1, c * size * size)
    patches = patches - patches.mean(axis=0)
    # the eigenvectors of the patches' covariance are the right singular vectors of `patches`
    variances, vectors = np.linalg.eigh(patches.T @ patches / len(patches))
    order = np.argsort(variances)[::-1][:count]
    return vectors[:, order].T.reshape(count, c, size, size), variances[order]


def _tiles(filter_, gap=1):
    """The channels of a (C, kH, kW) filter side by side, NaN columns between them."""
    c, kh, kw = filter_.shape
    tiles = np.full((kh, c * (kw + gap) - gap), np.nan)
    for index in range(c):
        tiles[:, index * (kw + gap) : index * (kw + gap) + kw] = filter_[index]
    return tiles


def _heatmap(axes, array, limit, values=False):
    axes.imshow(array, cmap=CMAP, vmin=-limit, vmax=limit)
    if values:
        for (i, j), value in np.ndenumerate(array):
            if np.isfinite(value):
                colour = "white" if abs(value) > 0.6 * limit else "black"
                axes.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=7, color=colour)
    axes.set_xticks([])
    axes.set_yticks([])


def plot_flattened_filter(lateral, vertical, horizontal, ax=None):
    """Three 1-D filters and the 3-D filter they make, ``w[c, i, j] = l[c] v[i] h[j]``.

    Left: the lateral filter (one weight per input channel), the vertical one (a column) and
    the horizontal one (a row). Right: each channel c of the 3-D filter, which is
    ``l[c] * outer(v, h)``: the same 2-D kernel, scaled.

    Parameters
    ----------
    lateral : array_like, shape (C_in,)
    vertical : array_like, shape (kH,)
    horizontal : array_like, shape (kW,)
    ax : sequence of 3 + C_in matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    lateral = as_array(lateral, "lateral", 1).astype(float)
    vertical = as_array(vertical, "vertical", 1).astype(float)
    horizontal = as_array(horizontal, "horizontal", 1).astype(float)
    filter_ = flattened_weight(lateral[None], vertical[None], horizontal[None])[0]
    if ax is None:
        c, kw = lateral.size, horizontal.size
        figure = Figure(figsize=(1.2 + 1.8 * c, 2.4))
        figure.subplots_adjust(left=0.02, right=0.98, bottom=0.04, top=0.8, wspace=0.3)
        ax = figure.subplots(1, 3 + c, width_ratios=[1, 1, kw] + [kw] * c)
    limit = np.abs(filter_).max() or 1.0
    for axes, (vector, shape, name) in zip(
        ax[:3],
        [
            (lateral, (-1, 1), "lateral l"),
            (vertical, (-1, 1), "vertical v"),
            (horizontal, (1, -1), "horizontal h"),
        ],
    ):
        _heatmap(axes, vector.reshape(shape), np.abs(vector).max() or 1.0, values=True)
        axes.set_title(name, fontsize=9)
    for c, axes in enumerate(ax[3:]):
        _heatmap(axes, filter_[c], limit, values=True)
        axes.set_title(f"channel {c}:\nl[{c}] · outer(v, h)", fontsize=9)
    return ax[0].figure


def _stages(image, lateral, vertical, horizontal):
    """The three stages of one flattened filter on one (C, H, W) image, 'same' padding."""
    kh, kw = vertical.size, horizontal.size
    mixed = conv2d(image[None], lateral.reshape(1, -1, 1, 1))
    tall = conv2d(mixed, vertical.reshape(1, 1, -1, 1), padding=((kh - 1) // 2, 0))
    wide = conv2d(tall, horizontal.reshape(1, 1, 1, -1), padding=(0, (kw - 1) // 2))
    return mixed[0, 0], tall[0, 0], wide[0, 0]


def plot_flattened_stages(image, lateral, vertical, horizontal, weight=None, ax=None):
    """A colour image through the three stages of a flattened filter ('same' padding, odd k).

    Panels: the image; after the lateral stage (a 1x1 convolution: one channel, a weighted
    sum of R, G and B); after the vertical stage (kH x 1); after the horizontal stage (1 x kW),
    which is the flattened layer's output. With `weight`, a last panel shows one
    ``conv2d`` with that 3-D filter, for comparison.

    Parameters
    ----------
    image : array_like, shape (C_in, H, W)
    lateral : array_like, shape (C_in,)
    vertical : array_like, shape (kH,), kH odd
    horizontal : array_like, shape (kW,), kW odd
    weight : array_like, shape (C_in, kH, kW), optional
    ax : sequence of 4 (5 with `weight`) matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    image = as_array(image, "image", 3).astype(float)
    lateral = as_array(lateral, "lateral", 1).astype(float)
    vertical = as_array(vertical, "vertical", 1).astype(float)
    horizontal = as_array(horizontal, "horizontal", 1).astype(float)
    if vertical.size % 2 == 0 or horizontal.size % 2 == 0:
        raise ValueError("vertical and horizontal must have odd lengths ('same' padding)")
    panels = [(np.moveaxis(image, 0, -1) if image.shape[0] == 3 else image[0], "image")]
    names = ["lateral (1×1)", f"vertical ({vertical.size}×1)", f"horizontal (1×{horizontal.size})"]
    panels += list(zip(_stages(image, lateral, vertical, horizontal), names))
    if weight is not None:
        weight = as_array(weight, "weight", 3).astype(float)
        pad = ((weight.shape[1] - 1) // 2, (weight.shape[2] - 1) // 2)
        panels.append((conv2d(image[None], weight[None], padding=pad)[0, 0], "one conv2d"))
    if ax is None:
        figure = Figure(figsize=(1.7 * len(panels), 2.2))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.88, wspace=0.06)
        ax = figure.subplots(1, len(panels))
    for axes, (picture, title) in zip(ax, panels):
        shown = np.clip(picture, 0, 1) if picture.ndim == 3 else picture
        axes.imshow(shown, cmap="gray", interpolation="nearest")
        axes.set_title(title, fontsize=9)
        axes.set_axis_off()
    return ax[0].figure


def _spectra(filter_):
    """Singular values of the three unfoldings, each divided by its largest (0 for zeros)."""
    spectra = []
    for matrix in unfoldings(filter_):
        s = np.linalg.svd(matrix, compute_uv=False)
        spectra.append(s / s[0] if s[0] else np.zeros_like(s))
    return spectra


def _group_positions(sizes, gap=1):
    """Bar positions of consecutive groups of `sizes` bars, `gap` empty slots between."""
    starts = np.cumsum([0] + [n + gap for n in sizes[:-1]])
    return [start + np.arange(n) for start, n in zip(starts, sizes)]


def plot_unfolding_spectra(filters, ax=None):
    """Filters side by side, each above the singular values of its three unfoldings.

    Each filter (C_in, kH, kW) is drawn channel by channel, scaled to its largest magnitude
    (red positive, blue negative). Under it, three groups of bars: the singular values
    s_i / s_1 of its lateral, vertical and horizontal unfolding (:func:`unfoldings`). A
    filter is rank 1 (flattens exactly) when every group has a single nonzero bar. Labels
    give the relative error of the best rank-1 approximation (:func:`rank1_fit`).

    Parameters
    ----------
    filters : dict of str -> array_like (C_in, kH, kW)
        Filters of one shape.
    ax : pair of matplotlib Axes (filters, singular values), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not filters:
        raise ValueError("filters must name at least one filter")
    filters = {name: as_array(f, "filters", 3).astype(float) for name, f in filters.items()}
    shapes = {f.shape for f in filters.values()}
    if len(shapes) > 1:
        raise ValueError(f"filters must all have one shape, got {sorted(shapes)}")
    (c, kh, kw) = shapes.pop()
    width = max(c * (kw + 1) - 1, c + kh + kw + 2)  # room for the tiles and for the bars
    step = width + 3  # empty columns between filters
    if ax is None:
        # two axes with a fixed layout: one axes per filter would cost several times more
        columns = step * len(filters) - 3
        inches = 1.75 * len(filters) + 0.5
        cell = 0.93 * inches / columns  # square cells: the image axes is kH cells high
        heights = [0.45, kh * cell, 0.15, 1.3, 0.1]  # label, filters, gap, bars, margin
        figure = Figure(figsize=(inches, sum(heights)))
        figure.subplots_adjust(
            left=0.06,
            right=0.99,
            bottom=heights[4] / sum(heights),
            top=1 - heights[0] / sum(heights),
            hspace=heights[2] / np.mean(heights[1:4:2]),
        )
        ax = figure.subplots(2, 1, height_ratios=[heights[1], heights[3]])
    top, bottom = ax
    tiles = np.full((kh, step * len(filters) - 3), np.nan)
    for index, (name, filter_) in enumerate(filters.items()):
        start = index * step
        tile = _tiles(filter_ / (np.abs(filter_).max() or 1.0))
        tiles[:, start : start + tile.shape[1]] = tile
        label = f"{name}\nrank-1 error {_percent(rank1_fit(filter_)[1])}"
        top.text(start + (width - 1) / 2, -0.7, label, ha="center", va="bottom", fontsize=8.5)
        spectra = _spectra(filter_)
        centred = start + (width - (c + kh + kw + 2)) / 2  # the bars under the tiles
        for x, s, colour in zip(_group_positions([c, kh, kw]), spectra, FACTOR_COLOURS):
            bottom.bar(centred + x, s, color=colour, width=0.8)
    top.imshow(tiles, cmap=CMAP, vmin=-1, vmax=1, interpolation="nearest", aspect="auto")
    top.set_axis_off()
    bottom.set_xlim(top.get_xlim())
    bottom.set_ylim(0, 1.3)  # room for the legend above the bars
    bottom.set_xticks([])
    bottom.set_yticks([0, 0.5, 1], ["0", "0.5", "1"])
    bottom.tick_params(labelsize=7)
    bottom.set_ylabel("s_i / s_1", fontsize=8)
    handles = [bottom.patches[index] for index in np.cumsum([0, c, kh])]
    bottom.legend(
        handles, [f"{n} unfolding" for n in FACTOR_NAMES], fontsize=7, ncol=3, loc="upper center"
    )
    return top.figure


def plot_power_method(filters, iterations=12, ax=None):
    """Relative error of the rank-1 fit after each sweep of the higher-order power method.

    Sweep 0 is the start: the leading singular vectors of the three unfoldings (a truncated
    HOSVD), scaled at best. Each sweep then updates the lateral, vertical and horizontal
    filter in turn, each the best one for the other two fixed
    (``convlab.rank1_factors(weight, max_iterations=k)``). The dashed lines are lower bounds
    that no rank-1 filter can beat: the largest, over the three unfoldings, of the part of
    the filter the unfolding's best rank-1 matrix misses (Eckart-Young).

    Parameters
    ----------
    filters : dict of str -> array_like (C_in, kH, kW)
    iterations : int
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not filters:
        raise ValueError("filters must name at least one filter")
    iterations = as_int(iterations, "iterations", 1)
    if ax is None:
        figure = Figure(figsize=(6, 2.8))
        figure.subplots_adjust(left=0.11, right=0.97, bottom=0.17, top=0.9)
        ax = figure.add_subplot()
    for index, (name, filter_) in enumerate(filters.items()):
        filter_ = as_array(filter_, "filters", 3).astype(float)
        errors, bound = power_method_errors(filter_, iterations)
        colour = f"C{index}"
        ax.plot(range(iterations + 1), errors, "o-", color=colour, markersize=4, label=name)
        ax.axhline(bound, color=colour, linestyle="--", linewidth=0.8)
    ax.set_xlabel("sweep (0: the HOSVD start)")
    ax.set_ylabel("relative error")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("best rank-1 fit, sweep by sweep; dashed: lower bounds", fontsize=10)
    return ax.figure


def power_method_errors(filter_, iterations):
    """Relative errors of the rank-1 fit after 0, 1, ..., `iterations` sweeps, and the lower
    bound of :func:`plot_power_method` (relative too).

    Parameters
    ----------
    filter_ : array_like, shape (C_in, kH, kW)
    iterations : int

    Returns
    -------
    errors : ndarray, shape (iterations + 1,)
    bound : float
    """
    filter_ = as_array(filter_, "filter_", 3).astype(float)
    norm = np.linalg.norm(filter_) or 1.0
    errors = []
    for k in range(as_int(iterations, "iterations", 0) + 1):
        approximation = flattened_weight(*rank1_factors(filter_[None], max_iterations=k))[0]
        errors.append(np.linalg.norm(filter_ - approximation) / norm)
    tails = [np.linalg.svd(u, compute_uv=False)[1:] for u in unfoldings(filter_)]
    return np.array(errors), max(np.sqrt(np.sum(t**2)) for t in tails) / norm


def _percent(fraction):
    """A relative error as a percentage, 0% below 1e-12 (rounding of an exact split)."""
    if fraction < 1e-12:
        return "0%"
    return f"{100 * fraction:.2g}%" if fraction < 0.1 else f"{100 * fraction:.0f}%"


class FlattenedView:
    """The explorer's figure: a 3-D filter, its best flattened approximation, the three 1-D
    filters, the singular values of its unfoldings, and both filters on a colour image.

    ``update(filter_, name)`` changes the artists in place (image data, bar heights, texts)
    and returns an HTML message with the numbers. Filters of shape (3, 5, 5).

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    filter_image, approximation_image : matplotlib.image.AxesImage
        The filter and its approximation, channels side by side.
    factor_bars, spectrum_bars : matplotlib.container.BarContainer
        The three 1-D filters of :func:`convlab.rank1_factors` (each scaled to its largest
        magnitude, signed so that the largest lateral and vertical weights are positive), and
        the singular values s_i / s_1 of the three unfoldings; lateral, vertical, horizontal
        in turn.
    stage_images : list of matplotlib.image.AxesImage
        The image; after the lateral, vertical and horizontal stage; one conv2d with the filter.
    """

    SHAPE = (3, 5, 5)
    IMAGE_SIZE = 48

    def __init__(self):
        self.image = data.grace_hopper_rgb(self.IMAGE_SIZE)[:, : self.IMAGE_SIZE]
        # a fixed layout: a layout engine would cost more than the rest of a redraw
        self.figure = Figure(figsize=(8, 3.7))
        self.figure.subplots_adjust(left=0.015, right=0.985, bottom=0.04, top=0.9, hspace=0.5)
        rows = self.figure.add_gridspec(2, 1, height_ratios=[1, 1.15])
        top = rows[0].subgridspec(1, 4, width_ratios=[1.5, 1.5, 1.2, 1.2], wspace=0.25)
        bottom = rows[1].subgridspec(1, 5, wspace=0.08)
        axes = [self.figure.add_subplot(cell) for cell in [*top, *bottom]]
        self.filter_axes, self.approximation_axes, self.factor_axes, self.spectrum_axes = axes[:4]
        self.stage_axes = axes[4:]
        blank = _tiles(np.zeros(self.SHAPE))
        self.filter_image = self.filter_axes.imshow(blank, cmap=CMAP, interpolation="nearest")
        self.approximation_image = self.approximation_axes.imshow(
            blank, cmap=CMAP, interpolation="nearest"
        )
        for image_axes in (self.filter_axes, self.approximation_axes, *self.stage_axes):
            image_axes.set_axis_off()
        self.filter_axes.set_title("filter: R, G, B slices", **TITLE)
        positions = _group_positions([self.SHAPE[0], self.SHAPE[1], self.SHAPE[2]])
        colours = [c for x, c in zip(positions, FACTOR_COLOURS) for _ in x]
        self.factor_bars = self.factor_axes.bar(np.concatenate(positions), 0.0, color=colours)
        self.factor_axes.set_ylim(-1.15, 1.15)
        self.factor_axes.axhline(0.0, color="0.5", linewidth=0.6)
        self.factor_axes.set_title("the three 1-D filters (scaled)", **TITLE)
        self.spectrum_bars = self.spectrum_axes.bar(np.concatenate(positions), 0.0, color=colours)
        self.spectrum_axes.set_ylim(0, 1.05)
        self.spectrum_axes.set_title("unfoldings: s_i / s_1", **TITLE)
        for bar_axes in (self.factor_axes, self.spectrum_axes):
            # group names as plain texts, no ticks: tick layout would be most of a redraw
            bar_axes.set_xticks([])
            bar_axes.set_yticks([])
            bar_axes.set_xlim(-0.8, positions[-1][-1] + 0.8)
            for x, name in zip(positions, ("lateral", "vertical", "horizontal")):
                bar_axes.text(
                    x.mean(),
                    -0.02,
                    name,
                    ha="center",
                    va="top",
                    fontsize=7,
                    transform=bar_axes.get_xaxis_transform(),
                )
        rgb = np.moveaxis(self.image, 0, -1)
        self.stage_images = [self.stage_axes[0].imshow(rgb, interpolation="nearest")]
        gray = np.zeros(self.image.shape[1:])
        self.stage_images += [
            a.imshow(gray, cmap="gray", interpolation="nearest") for a in self.stage_axes[1:]
        ]
        titles = ["image", "lateral 1×1", "then vertical 5×1", "then horizontal 1×5", "the filter"]
        for axes, title in zip(self.stage_axes, titles):
            axes.set_title(title, **TITLE)

    def update(self, filter_, name="filter"):
        """Show `filter_` (shape (3, 5, 5)), titled `name`, and its best flattened version."""
        filter_ = as_array(filter_, "filter_", 3).astype(float)
        if filter_.shape != self.SHAPE:
            raise ValueError(f"filter_ must have shape {self.SHAPE}, got {filter_.shape}")
        lateral, vertical, horizontal = (f[0] for f in rank1_factors(filter_[None]))
        # shown with the largest lateral and vertical weights positive, the sign moved into
        # the horizontal filter (the same filter): a brightness stays a brightness
        signs = [np.sign(f[np.argmax(np.abs(f))]) or 1.0 for f in (lateral, vertical)]
        lateral, vertical = signs[0] * lateral, signs[1] * vertical
        horizontal = signs[0] * signs[1] * horizontal
        approximation = flattened_weight(lateral[None], vertical[None], horizontal[None])[0]
        norm = np.linalg.norm(filter_) or 1.0
        error = np.linalg.norm(filter_ - approximation) / norm
        limit = np.abs(filter_).max() or 1.0
        for image, shown in (
            (self.filter_image, filter_),
            (self.approximation_image, approximation),
        ):
            image.set_data(_tiles(shown))
            image.set_clim(-limit, limit)
        self.approximation_axes.set_title(f"best flattened: error {_percent(error)}", **TITLE)
        factors = [f / (np.abs(f).max() or 1.0) for f in (lateral, vertical, horizontal)]
        spectra = _spectra(filter_)
        for bars, heights in ((self.factor_bars, factors), (self.spectrum_bars, spectra)):
            for bar, height in zip(bars, np.concatenate(heights)):
                bar.set_height(height)
        output_error = self._show_stages(filter_, lateral, vertical, horizontal)
        ratios = ", ".join(
            f"{axis} {s[1]:.2f}" for axis, s in zip(("lateral", "vertical", "horizontal"), spectra)
        )
        c, kh, kw = self.SHAPE
        return (
            f"<b>{name}</b>: best flattened approximation off by <b>{_percent(error)}</b> "
            f"(relative norm); s2/s1 of the unfoldings: {ratios}. On the image, the flattened "
            f"layer's output is off by <b>{_percent(output_error)}</b>. "
            f"Weights: {c} + {kh} + {kw} = {c + kh + kw} instead of "
            f"{c} × {kh} × {kw} = {c * kh * kw}."
        )

    def _show_stages(self, filter_, lateral, vertical, horizontal):
        """The stages of the flattened filter, and the full filter, on the image; the
        relative error of the flattened output."""
        stages = _stages(self.image, lateral, vertical, horizontal)
        full = conv2d(self.image[None], filter_[None], padding=2)[0, 0]
        for image, picture in zip(self.stage_images[1:], [*stages, full]):
            image.set_data(picture)
            low, high = picture.min(), picture.max()
            image.set_clim(low, high if high > low else low + 1.0)
        return np.linalg.norm(stages[2] - full) / (np.linalg.norm(full) or 1.0)
