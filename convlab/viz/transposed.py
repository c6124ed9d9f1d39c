"""Figures for notebook 05: transposed convolution.

The helpers compute what the figures show with convlab's operators: the recipe's input
(zeros inserted, then padded), nearest and bilinear up-sampling, and the response of a
stack of up-sampling layers to a flat input (the overlap counts behind checkerboard
artifacts). ``TransposedView`` and ``CheckerboardView`` draw once and then recolour
their artists on ``update``; the explorers in ``convlab.widgets.transposed`` drive them.
"""

import numpy as np
from matplotlib import colormaps
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..conv import conv2d
from ..matrix import conv_matrix
from ..transpose import conv_transpose2d

__all__ = [
    "UPSAMPLING_METHODS",
    "CheckerboardView",
    "TransposedView",
    "flat_response",
    "insert_zeros",
    "interior_slice",
    "plot_conv_matrix",
    "plot_overlap_counts",
    "plot_recipe",
    "plot_scatter_add_1d",
    "plot_upsampling",
    "recipe_input",
    "upsample",
    "upsample_layers",
]

UPSAMPLING_METHODS = ("transposed", "nearest", "bilinear")
COLOURS = {
    "pixel": (1.0, 1.0, 1.0),
    "zero": (0.99, 0.96, 0.82),  # a zero inserted between pixels
    "padding": (0.86, 0.86, 0.86),
    "contributes": (1.0, 0.6, 0.2),
    "chosen": (0.85, 0.15, 0.15),
}
BLUES, ORANGES = colormaps["Blues"], colormaps["YlOrBr"]


def _pair(value, name, minimum):
    pair = (value, value) if np.ndim(value) == 0 else tuple(value)
    if len(pair) != 2 or any(int(v) != v or v < minimum for v in pair):
        raise ValueError(f"{name} must be an int >= {minimum} or a pair of them, got {value!r}")
    return tuple(int(v) for v in pair)


def _zeros(count):
    """'1 zero', '2 zeros'."""
    return f"{count} zero{'' if count == 1 else 's'}"


def example_input(size):
    """The explorer's input: ``1, 2, ..., size²`` in a size x size grid, as floats.

    >>> example_input(2).tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    return np.arange(1.0, size * size + 1).reshape(size, size)


def example_kernel(size):
    """The explorer's kernel: ``1, 2, ..., size²``, all taps different so that a flip shows."""
    return example_input(size)


def insert_zeros(x, stride):
    """`x` with ``stride - 1`` zeros inserted between neighbours on its last two axes.

    Parameters
    ----------
    x : array_like, shape (..., H, W)
    stride : int or (int, int), >= 1

    Returns
    -------
    ndarray, shape (..., (H - 1) sH + 1, (W - 1) sW + 1)
        ``x[..., i, j]`` sits at ``(i sH, j sW)``; every other entry is 0.

    Examples
    --------
    >>> insert_zeros([[1, 2], [3, 4]], 2).tolist()
    [[1, 0, 2], [0, 0, 0], [3, 0, 4]]
    """
    x = np.asarray(x)
    sh, sw = _pair(stride, "stride", 1)
    h, w = x.shape[-2:]
    out = np.zeros(x.shape[:-2] + ((h - 1) * sh + 1, (w - 1) * sw + 1), x.dtype)
    out[..., ::sh, ::sw] = x
    return out


def recipe_input(x, kernel_size, stride=1, padding=0, output_padding=0):
    """The input of the recipe's stride-1 convolution: zeros inserted, then padded.

    ``k - p - 1`` zeros go around the zero-inserted input, and ``output_padding`` more
    at the bottom and right. Correlating the result ("valid") with the kernel rotated by
    180° gives ``conv_transpose2d(x, kernel, stride, padding, output_padding)``.

    Parameters
    ----------
    x : array_like, shape (..., H, W)
    kernel_size, stride, padding, output_padding : int or (int, int)
        padding at most ``kernel_size - 1`` (a larger one would crop, not pad).

    Returns
    -------
    ndarray, shape (..., (H - 1) sH + 1 + 2 (kH - pH - 1) + opH, likewise for W)

    Examples
    --------
    >>> recipe_input(np.ones((2, 2)), 3, stride=2, padding=1).shape
    (5, 5)
    """
    k = _pair(kernel_size, "kernel_size", 1)
    p = _pair(padding, "padding", 0)
    op = _pair(output_padding, "output_padding", 0)
    if any(pi > ki - 1 for pi, ki in zip(p, k)):
        raise ValueError(f"padding {padding} must be at most kernel_size - 1 for the recipe")
    spread = insert_zeros(x, stride)
    edges = [(ki - pi - 1, ki - pi - 1 + oi) for ki, pi, oi in zip(k, p, op)]
    return np.pad(spread, [(0, 0)] * (spread.ndim - 2) + edges)


def upsample(image, factor, mode="nearest"):
    """Resize by an integer factor on the last two axes, as ``torch.nn.Upsample``.

    Parameters
    ----------
    image : array_like, shape (..., H, W)
    factor : int or (int, int), >= 1
    mode : {"nearest", "bilinear"}
        nearest: every pixel becomes a factor x factor block. bilinear: PyTorch's
        ``align_corners=False`` rule (pixel centres at half-integers, the border repeated).

    Returns
    -------
    ndarray, shape (..., H fH, W fW)

    Examples
    --------
    >>> upsample([[0.0, 1.0]], 2, "nearest").tolist()
    [[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0]]
    >>> upsample([[0.0, 1.0]], (1, 2), "bilinear").tolist()
    [[0.0, 0.25, 0.75, 1.0]]
    """
    image = np.asarray(image, dtype=float)
    fh, fw = _pair(factor, "factor", 1)
    if mode == "nearest":
        return image.repeat(fh, axis=-2).repeat(fw, axis=-1)
    if mode == "bilinear":
        return _linear(image.shape[-2], fh) @ image @ _linear(image.shape[-1], fw).T
    raise ValueError(f"mode must be 'nearest' or 'bilinear', got {mode!r}")


def _linear(n, factor):
    """(n factor, n) matrix of 1-D linear interpolation weights (align_corners=False)."""
    source = np.clip((np.arange(n * factor) + 0.5) / factor - 0.5, 0, n - 1)
    low = np.floor(source).astype(int)
    high = np.minimum(low + 1, n - 1)
    weights = np.zeros((n * factor, n))
    rows = np.arange(n * factor)
    np.add.at(weights, (rows, low), 1 - (source - low))
    np.add.at(weights, (rows, high), source - low)
    return weights


def _layer(x, kernel, stride, method):
    """One up-sampling layer on (N, C, H, W): a transposed conv, or a resize then a conv."""
    if method == "transposed":
        return conv_transpose2d(x, kernel[None, None], stride=stride)
    if method in ("nearest", "bilinear"):
        return conv2d(upsample(x, stride, method), kernel[None, None], padding="same")
    raise ValueError(f"method must be one of {UPSAMPLING_METHODS}, got {method!r}")


def _stack(x, kernel, stride, layers, method):
    _pair(stride, "stride", 1)
    if int(layers) != layers or layers < 1:
        raise ValueError(f"layers must be an integer >= 1, got {layers!r}")
    for _ in range(layers):
        x = _layer(x, kernel, stride, method)
    return x


def flat_response(n, kernel_size, stride, layers=1, method="transposed", ndim=2):
    """What a stack of up-sampling layers makes of a flat input: the overlap counts.

    The input is all ones (n samples, or n x n pixels) and every kernel is all ones, so
    each output cell holds the number of (input pixel, kernel tap) products that reach
    it. A transposed convolution whose stride does not divide its kernel size gives
    uneven counts: the pattern behind checkerboard artifacts.

    Parameters
    ----------
    n : int
        Input length (or height and width).
    kernel_size, stride : int
        The same for every layer and both axes.
    layers : int
        How many layers are stacked.
    method : {"transposed", "nearest", "bilinear"}
        transposed: ``conv_transpose2d`` (no padding). nearest, bilinear: :func:`upsample`
        by `stride`, then ``conv2d`` with padding "same".
    ndim : {1, 2}

    Returns
    -------
    ndarray, 1-D or 2-D

    Examples
    --------
    >>> flat_response(4, 3, 2, ndim=1).tolist()
    [1.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 1.0]
    """
    if ndim not in (1, 2):
        raise ValueError(f"ndim must be 1 or 2, got {ndim!r}")
    if int(kernel_size) != kernel_size or kernel_size < 1:
        raise ValueError(f"kernel_size must be an integer >= 1, got {kernel_size!r}")
    shape = (n, n) if ndim == 2 else (1, n)
    kernel = np.ones((kernel_size, kernel_size) if ndim == 2 else (1, kernel_size))
    stride = (stride, stride) if ndim == 2 else (1, stride)
    out = _stack(np.ones((1, 1) + shape), kernel, stride, layers, method)[0, 0]
    return out if ndim == 2 else out[0]


def interior_slice(n, kernel_size, stride, layers=1, method="transposed"):
    """The cells of :func:`flat_response` (1-D) that the ends of the input do not reach.

    They are the cells whose count stays the same when the input grows by one sample at
    each end: there the pattern repeats with period ``stride ** layers``, as it would on
    an endless input.

    Returns
    -------
    slice

    Examples
    --------
    >>> interior_slice(4, 3, 2)
    slice(1, 8, None)
    """
    counts = flat_response(n, kernel_size, stride, layers, method, ndim=1)
    grown = flat_response(n + 2, kernel_size, stride, layers, method, ndim=1)
    shift = stride**layers  # one more input sample moves the output this far
    same = np.flatnonzero(np.isclose(counts, grown[shift : shift + counts.size]))
    return slice(int(same[0]), int(same[-1]) + 1) if same.size else slice(0, 0)


def upsample_layers(image, kernel_size, stride, layers=1, method="transposed"):
    """An image through a stack of up-sampling layers with uniform (box) kernels.

    The kernels are scaled to keep the mean brightness: ``(s / k)²`` per tap for a
    transposed convolution (a pixel is covered ``(k / s)²`` times on average), ``1 / k²``
    after a resize. Any unevenness of the overlap shows as a pattern.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel_size, stride, layers : int
    method : {"transposed", "nearest", "bilinear"}
        As in :func:`flat_response`.

    Returns
    -------
    ndarray, 2-D
    """
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise ValueError(f"image must be 2-D, got shape {image.shape}")
    scale = (stride / kernel_size) ** 2 if method == "transposed" else kernel_size**-2
    kernel = np.full((kernel_size, kernel_size), scale)
    return _stack(image[None, None], kernel, stride, layers, method)[0, 0]


# ------------------------------------------------------------------ static figures
# Fixed layouts (no layout engine) and no ticks: a notebook draws these in a few ms each.


def _grid_axes(shapes, cell=0.42, gap=0.5, left=0.1, right=0.1, top=0.42, bottom=0.08):
    """A Figure with one Axes per (rows, cols) grid, side by side, cells `cell` inches square."""
    width = left + sum(cols for _, cols in shapes) * cell + gap * (len(shapes) - 1) + right
    tallest = max(rows for rows, _ in shapes)
    height = bottom + tallest * cell + top
    figure = Figure(figsize=(width, height))
    axes, x = [], left
    for rows, cols in shapes:
        y = bottom + (tallest - rows) * cell  # top-aligned
        rect = [x / width, y / height, cols * cell / width, rows * cell / height]
        axes.append(figure.add_axes(rect))
        x += cols * cell + gap
    return figure, axes


def _cells(ax, values, colours, fontsize=9, text_colours=None):
    """A grid of coloured cells (RGB rows) with their values written in (None: no text)."""
    colours = np.asarray(colours, dtype=float)
    rows, cols = colours.shape[:2]
    ax.imshow(colours, interpolation="nearest", extent=(-0.5, cols - 0.5, rows - 0.5, -0.5))
    for r in range(rows):
        for c in range(cols):
            if values[r][c] is not None:
                colour = "black" if text_colours is None else text_colours[r][c]
                text = f"{values[r][c]:g}"
                ax.text(c, r, text, ha="center", va="center", fontsize=fontsize, color=colour)
    segments = [[(-0.5, y), (cols - 0.5, y)] for y in np.arange(-0.5, rows)]
    segments += [[(x, -0.5), (x, rows - 0.5)] for x in np.arange(-0.5, cols)]
    ax.add_collection(LineCollection(segments, colors="0.6", linewidths=0.6, clip_on=False))
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_axis_off()


def plot_scatter_add_1d(x, kernel, stride=1, ax=None):
    """Each sample of `x` stamps ``x[j] * kernel`` at ``j * stride``; the last row adds them.

    The sum is ``convlab.conv_transpose2d`` of the 1-D arrays (as 1 x n images).

    Parameters
    ----------
    x, kernel : array_like, 1-D
    stride : int
    ax : matplotlib Axes, optional
        Labels are drawn to the left of the grid, outside the Axes.

    Returns
    -------
    matplotlib.figure.Figure
    """
    x, kernel = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    if x.ndim != 1 or kernel.ndim != 1:
        raise ValueError(f"x and kernel must be 1-D, got shapes {x.shape} and {kernel.shape}")
    total = conv_transpose2d(x[None, None, None], kernel[None, None, None], stride=(1, stride))
    total = total[0, 0, 0]
    width, k = total.size, kernel.size
    if ax is None:
        _, (ax,) = _grid_axes([(x.size + 1, width)], left=2.0)
    values = [[None] * width for _ in range(x.size)] + [list(total)]
    colours = np.ones((x.size + 1, width, 3))
    colours[-1] = BLUES(0.3)[:3]
    for j, value in enumerate(x):
        for a in range(k):
            values[j][j * stride + a] = value * kernel[a]
            colours[j, j * stride + a] = ORANGES(0.15 + 0.4 * j / max(x.size - 1, 1))[:3]
    _cells(ax, values, colours)
    for j, value in enumerate(x):
        ax.text(-0.8, j, f"x[{j}]·w = {value:g}·w", ha="right", va="center", fontsize=9)
    ax.text(-0.8, x.size, "sum: the output", ha="right", va="center", fontsize=9, weight="bold")
    ax.set_title(f"stamps of w = {kernel.tolist()}, stride {stride}", fontsize=10)
    return ax.figure


def plot_recipe(x, kernel, stride=1, padding=0, output_padding=0, ax=None):
    """The recipe on a small example: input; zeros inserted and padded; the output.

    The middle panel marks the flipped kernel at its first position (small orange figures),
    inserted zeros in yellow and padding in grey. The output is
    ``convlab.conv_transpose2d(x, kernel, stride, padding, output_padding)``.

    Parameters
    ----------
    x, kernel : array_like, shape (H, W) and (kH, kW)
    stride, padding, output_padding : int
    ax : sequence of 3 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    x, kernel = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    grid = recipe_input(x, kernel.shape, stride, padding, output_padding)
    out = conv_transpose2d(
        x[None, None], kernel[None, None], None, stride, padding, output_padding
    )[0, 0]
    if ax is None:
        _, ax = _grid_axes([x.shape, grid.shape, out.shape], cell=0.36, gap=0.6, top=0.62)
    _cells(ax[0], x.tolist(), np.ones(x.shape + (3,)))
    ax[0].set_title("input x", fontsize=10)
    kh, kw = kernel.shape
    edge = kh - padding - 1, kw - padding - 1
    real = recipe_input(np.ones_like(x), kernel.shape, stride, padding, output_padding) == 1
    inside = np.zeros(grid.shape, bool)
    inside[edge[0] : edge[0] + (x.shape[0] - 1) * stride + 1,
           edge[1] : edge[1] + (x.shape[1] - 1) * stride + 1] = True  # fmt: skip
    colours = np.empty(grid.shape + (3,))
    colours[:] = COLOURS["padding"]
    colours[inside] = COLOURS["zero"]
    colours[real] = COLOURS["pixel"]
    values = np.where(real, grid, np.nan).tolist()  # zeros are shown by their colour only
    _cells(ax[1], [[None if v != v else v for v in row] for row in values], colours)
    flipped = kernel[::-1, ::-1]
    for a in range(kh):
        for b in range(kw):
            ax[1].text(b + 0.45, a + 0.45, f"{flipped[a, b]:g}", ha="right", va="bottom",
                       fontsize=6, color="#8a4000")  # fmt: skip
    ax[1].add_patch(Rectangle((-0.5, -0.5), kw, kh, fill=False, ec="tab:orange", lw=2.5))
    extra = f", +{output_padding} at the end" if output_padding else ""
    ax[1].set_title(
        f"{_zeros(stride - 1)} between pixels, {edge[0]} around{extra};\n"
        "the flipped kernel on its first window",
        fontsize=10,
    )
    _cells(ax[2], out.tolist(), np.broadcast_to(BLUES(0.2)[:3], out.shape + (3,)))
    ax[2].set_title(f"output {out.shape[0]}×{out.shape[1]}", fontsize=10)
    return ax[0].figure


def plot_conv_matrix(matrix, ax=None, title=None):
    """A convolution matrix as a grid: zeros white, the kernel taps coloured and written.

    Parameters
    ----------
    matrix : array_like, 2-D
        For example ``convlab.conv_matrix((4, 4), kernel)``, or its transpose.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"matrix must be 2-D, got shape {matrix.shape}")
    if ax is None:
        _, (ax,) = _grid_axes([matrix.shape], cell=min(0.4, 9 / matrix.shape[1]))
    scale = np.abs(matrix).max() or 1.0
    colours = ORANGES(0.15 + 0.6 * np.abs(matrix) / scale)[..., :3]
    colours[matrix == 0] = 1.0
    values = [[v if v and matrix.size <= 400 else None for v in row] for row in matrix]
    _cells(ax, values, colours, fontsize=8)
    ax.set_title(title or f"{matrix.shape[0]}×{matrix.shape[1]} matrix", fontsize=10)
    return ax.figure


def plot_overlap_counts(kernel_sizes=(2, 3, 4, 5), strides=(1, 2), n=6, ax=None):
    """1-D overlap counts of one transposed convolution, per kernel size and stride.

    One panel per (stride, kernel size): :func:`flat_response` (1-D) as bars over faint lines
    at every integer count, blue where the ends of the input do not reach
    (:func:`interior_slice`), grey near the ends. Each panel's label says whether the
    interior is even and lists its counts.

    Parameters
    ----------
    kernel_sizes, strides : sequence of int
    n : int
        Input length.
    ax : matplotlib Axes, optional
        All panels are drawn in this one Axes.

    Returns
    -------
    matplotlib.figure.Figure
    """
    panels = {(s, k): flat_response(n, k, s, ndim=1) for s in strides for k in kernel_sizes}
    longest = max(counts.size for counts in panels.values())
    tallest = int(max(counts.max() for counts in panels.values()))
    if ax is None:
        figure = Figure(figsize=(0.13 * (longest + 2) * len(kernel_sizes), 1.5 * len(strides)))
        ax = figure.add_axes([0.01, 0.01, 0.98, 0.98])
    lefts, bottoms, heights, colours, levels = [], [], [], [], []
    for (s, k), counts in panels.items():
        row, col = list(strides).index(s), list(kernel_sizes).index(k)
        x0, y0 = col * (longest + 2), -row * (tallest + 2.2)
        inner = np.zeros(counts.size, bool)
        inner[interior_slice(n, k, s)] = True
        lefts += list(x0 + np.arange(counts.size))
        bottoms += [y0] * counts.size
        heights += list(counts)
        colours += ["tab:blue" if i else "0.7" for i in inner]
        levels += [
            [(x0 - 0.5, y0 + h), (x0 + counts.size - 0.5, y0 + h)] for h in range(tallest + 1)
        ]
        values = _values(counts[inner])
        label = f"k = {k}, s = {s}: {'even' if ',' not in values else 'UNEVEN'} ({values})"
        ax.text(x0 - 0.5, y0 + tallest + 0.6, label, fontsize=9, va="bottom")
    ax.add_collection(LineCollection(levels, colors="0.85", linewidths=0.6, zorder=0))
    ax.bar(lefts, heights, bottom=bottoms, color=colours, width=0.85)
    ax.set_xlim(-1, len(kernel_sizes) * (longest + 2) - 1)
    ax.set_ylim(-(len(strides) - 1) * (tallest + 2.2) - 0.3, tallest + 1.8)
    ax.set_axis_off()
    return ax.figure


def plot_upsampling(image, kernel_size=3, stride=2, layers=2, ax=None):
    """An image up-sampled three ways by :func:`upsample_layers`, side by side.

    Transposed convolutions, nearest-neighbour resize + convolution, and bilinear resize +
    convolution, all with box kernels of `kernel_size` and the same total factor
    ``stride ** layers``; the input is shown enlarged by nearest neighbour.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel_size, stride, layers : int
    ax : sequence of 4 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    image = np.asarray(image, dtype=float)
    if ax is None:
        figure = Figure(figsize=(9, 2.6))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.9, wspace=0.05)
        ax = figure.subplots(1, 4)
    factor = stride**layers
    panels = [(upsample(image, factor), f"input {image.shape[0]}×{image.shape[1]}")]
    for method, name in zip(
        UPSAMPLING_METHODS, ("transposed conv", "nearest + conv", "bilinear + conv")
    ):
        out = upsample_layers(image, kernel_size, stride, layers, method)
        stack = f"{layers} layers" if layers > 1 else "1 layer"
        panels.append((out, f"{name}: {stack}, k={kernel_size}, s={stride}"))
    for axes, (picture, title) in zip(ax, panels):
        axes.imshow(picture, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        axes.set_title(title, fontsize=9)
        axes.set_axis_off()
    return ax[0].figure


# ------------------------------------------------------------------ explorer views


def _set_grid(image, lines, pixels):
    """Show RGB `pixels` (rows, cols, 3) in `image`, one cell per pixel, with cell borders."""
    rows, cols = pixels.shape[:2]
    image.set_data(pixels)
    image.set_extent((-0.5, cols - 0.5, rows - 0.5, -0.5))
    image.axes.set_xlim(-0.5, cols - 0.5)
    image.axes.set_ylim(rows - 0.5, -0.5)
    if lines is not None:
        lines.set_segments(
            [[(-0.5, y), (cols - 0.5, y)] for y in np.arange(-0.5, rows)]
            + [[(x, -0.5), (x, rows - 0.5)] for x in np.arange(-0.5, cols)]
        )


def _text_pool(ax, count, **style):
    return [ax.text(0, 0, "", ha="center", va="center", **style) for _ in range(count)]


def _place(texts, items):
    """Show `items` ((x, y, text) triples) on the first texts of the pool; hide the rest."""
    for text, item in zip(texts, items):
        text.set_position(item[:2])
        text.set_text(item[2])
        text.set_visible(True)
    for text in texts[len(items) :]:
        text.set_visible(False)


class TransposedView:
    """One output cell of a transposed convolution, computed three ways, side by side.

    ``update(i, k, stride, padding, output_padding, out_row, out_col)`` redraws, for the
    square input :func:`example_input` (i) and kernel :func:`example_kernel` (k):

    1. the input, with the pixels that reach the chosen output cell in orange;
    2. scatter-add: the full result of stamping the kernel once per input pixel (blue:
       how many stamps cover a cell; grey tint: the `padding` rows and columns that are
       cropped; dashed: the output), the stamps of the orange pixels outlined, the chosen
       cell in red;
    3. the recipe: zeros inserted (yellow), ``k - p - 1`` zeros padded around (grey,
       ``output_padding`` more at the bottom and right), and the flipped kernel (small
       orange figures) in the window that makes the chosen cell;
    4. Cᵀ, the transpose of ``convlab.conv_matrix`` of the convolution this one transposes,
       with the chosen cell's row outlined: its non-zero entries sit on the orange pixels.

    It returns an HTML message: the output size and the chosen cell's sum of products.

    Parameters
    ----------
    ax : sequence of 4 matplotlib Axes, optional
        Default: a new 8 x 3.4 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    input_image, scatter_image, recipe_image, matrix_image : matplotlib.image.AxesImage
        The four panels, one RGB pixel per cell (colours in :data:`COLOURS`).
    chosen, kept, window, row : matplotlib.patches.Rectangle
        The chosen cell and the output region (scatter-add), the kernel window (recipe),
        the row of Cᵀ.
    stamps : list of matplotlib.patches.Rectangle
        Outlines of the stamps that reach the chosen cell (hidden when unused).
    """

    MAX_STAMPS = 16  # ceil(k / s) ** 2 <= 16 for k <= 4

    def __init__(self, ax=None):
        if ax is None:
            # A fixed layout: a layout engine would cost more than the rest of a redraw.
            figure = Figure(figsize=(8, 3.4))
            figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.84, wspace=0.15)
            ax = figure.subplots(1, 4, width_ratios=[1, 1.9, 2.1, 1.0])
        self.axes = list(ax)
        self.figure = self.axes[0].figure
        blank = np.ones((1, 1, 3))
        images = [axes.imshow(blank, interpolation="nearest") for axes in self.axes]
        self.input_image, self.scatter_image, self.recipe_image, self.matrix_image = images
        self.matrix_image.axes.set_aspect("auto")
        self.lines = [
            axes.add_collection(LineCollection([], colors="0.6", linewidths=0.6, clip_on=False))
            for axes in self.axes
        ]
        outline = {"fill": False, "linewidth": 2.0}
        self.stamps = [
            self.axes[1].add_patch(Rectangle((0, 0), 1, 1, ec="tab:orange", **outline))
            for _ in range(self.MAX_STAMPS)
        ]
        self.kept = self.axes[1].add_patch(
            Rectangle((0, 0), 1, 1, fill=False, ec="black", linestyle="--", linewidth=1.2)
        )
        self.chosen = self.axes[1].add_patch(
            Rectangle((0, 0), 1, 1, ec=COLOURS["chosen"], **outline)
        )
        self.window = self.axes[2].add_patch(Rectangle((0, 0), 1, 1, ec="tab:orange", **outline))
        self.row = self.axes[3].add_patch(
            Rectangle((0, 0), 1, 1, ec=COLOURS["chosen"], clip_on=False, **outline)
        )
        self.input_texts = _text_pool(self.axes[0], 16, fontsize=9)
        self.recipe_texts = _text_pool(self.axes[2], 16, fontsize=8)
        self.tap_texts = [
            self.axes[2].text(0, 0, "", ha="right", va="bottom", fontsize=6, color="#8a4000")
            for _ in range(16)
        ]
        for axes in self.axes:
            axes.set_axis_off()  # the cell lines replace ticks, which are slow to draw
            axes.set_anchor("N")  # titles in one line whatever the grid sizes

    def update(self, i, k, stride, padding, output_padding, out_row, out_col):
        """Redraw for input size `i`, kernel size `k`, ... and output cell (out_row, out_col).

        The output cell is clamped to the output grid. Returns the HTML message to show.
        """
        x, kernel = example_input(i), example_kernel(k)
        s, p, op = stride, padding, output_padding
        full = (i - 1) * s + k + op  # the scatter-add result before cropping
        out = conv_transpose2d(x[None, None], kernel[None, None], None, s, p, op)[0, 0]
        o = out.shape[0]
        r, c = min(out_row, o - 1), min(out_col, o - 1)
        R, C = r + p, c + p  # the chosen cell in the coordinates of the full result
        sources = [
            (a, b) for a in range(i) for b in range(i) if 0 <= R - a * s < k and 0 <= C - b * s < k
        ]
        self._draw_input(x, sources)
        self._draw_scatter(i, k, s, p, full, sources, R, C)
        self._draw_recipe(x, kernel, s, p, op, r, c, sources)
        self._draw_matrix(kernel, s, p, o, i, r * o + c)
        terms = " + ".join(f"x[{a},{b}]·w[{R - a * s},{C - b * s}]" for a, b in sources)
        products = " + ".join(f"{x[a, b]:g}·{kernel[R - a * s, C - b * s]:g}" for a, b in sources)
        return (
            f"o = (i−1)s − 2p + (k−1) + output_padding + 1 = ({i}−1)·{s} − {2 * p} + {k - 1}"
            f" + {op} + 1 = <b>{o}</b>; recipe: {_zeros(s - 1)} between pixels, k−p−1 = "
            f"{k - p - 1} around{f' (+{op} bottom/right)' if op else ''}.<br>"
            f"out[{r}, {c}] = {terms or 'nothing: no stamp reaches it'}"
            f"{f' = {products}' if sources else ''} = <b>{out[r, c]:g}</b>"
            f" (row {r * o + c} of Cᵀ)"
        )

    def _draw_input(self, x, sources):
        pixels = np.ones(x.shape + (3,))
        for a, b in sources:
            pixels[a, b] = COLOURS["contributes"]
        _set_grid(self.input_image, self.lines[0], pixels)
        _place(
            self.input_texts, [(b, a, f"{x[a, b]:g}") for a in range(len(x)) for b in range(len(x))]
        )
        self.axes[0].set_title(f"input x {len(x)}×{len(x)}", fontsize=9)

    def _draw_scatter(self, i, k, s, p, full, sources, R, C):
        counts = np.zeros((full, full))
        for a in range(i):
            for b in range(i):
                counts[a * s : a * s + k, b * s : b * s + k] += 1
        pixels = BLUES(0.08 + 0.7 * counts / max(counts.max(), 4))[..., :3]
        cropped = np.ones((full, full), bool)
        cropped[p : full - p, p : full - p] = False
        pixels[cropped] = 0.4 * pixels[cropped] + 0.6 * np.array(COLOURS["padding"])
        _set_grid(self.scatter_image, self.lines[1], pixels)
        for patch, (a, b) in zip(self.stamps, sources):
            patch.set_bounds(b * s - 0.5, a * s - 0.5, k, k)
            patch.set_visible(True)
        for patch in self.stamps[len(sources) :]:
            patch.set_visible(False)
        self.kept.set_bounds(p - 0.5, p - 0.5, full - 2 * p, full - 2 * p)
        self.chosen.set_bounds(C - 0.5, R - 0.5, 1, 1)
        self.axes[1].set_title(f"scatter-add: {i * i} stamps; output in dashes", fontsize=9)

    def _draw_recipe(self, x, kernel, s, p, op, r, c, sources):
        k, i = len(kernel), len(x)
        grid = recipe_input(np.ones_like(x), k, s, p, op)  # 1 on the pixels
        edge = k - p - 1
        pixels = np.empty(grid.shape + (3,))
        pixels[:] = COLOURS["padding"]
        pixels[edge : edge + (i - 1) * s + 1, edge : edge + (i - 1) * s + 1] = COLOURS["zero"]
        pixels[grid == 1] = COLOURS["pixel"]
        for a, b in sources:
            pixels[edge + a * s, edge + b * s] = COLOURS["contributes"]
        _set_grid(self.recipe_image, self.lines[2], pixels)
        _place(
            self.recipe_texts,
            [(edge + b * s, edge + a * s, f"{x[a, b]:g}") for a in range(i) for b in range(i)],
        )
        flipped = kernel[::-1, ::-1]
        taps = [
            (c + v + 0.45, r + u + 0.45, f"{flipped[u, v]:g}") for u in range(k) for v in range(k)
        ]
        _place(self.tap_texts, taps)
        self.window.set_bounds(c - 0.5, r - 0.5, k, k)
        self.axes[2].set_title(
            f"recipe: {grid.shape[0]}×{grid.shape[1]}, kernel flipped", fontsize=9
        )

    def _draw_matrix(self, kernel, s, p, o, i, row):
        matrix = conv_matrix((o, o), kernel, s, p).T  # (o², i²)
        pixels = ORANGES(0.15 + 0.6 * matrix / kernel.max())[..., :3]
        pixels[matrix == 0] = 1.0
        _set_grid(self.matrix_image, None, pixels)
        # a line between columns, and one per block of o rows (one output row each)
        self.lines[3].set_segments(
            [[(x, -0.5), (x, o * o - 0.5)] for x in np.arange(-0.5, i * i)]
            + [[(-0.5, y), (i * i - 0.5, y)] for y in np.arange(-0.5, o * o, o)]
        )
        self.row.set_bounds(-0.5, row - 0.5, i * i, 1)
        self.axes[3].set_title(f"Cᵀ {o * o}×{i * i}", fontsize=9)


def _reach(kernel_size, stride, layers):
    """Kernel size of the single transposed convolution that a stack of them equals."""
    return (kernel_size - 1) * sum(stride**j for j in range(layers)) + 1


def _centre(length, size):
    start = max((length - size) // 2, 0)
    return slice(start, min(start + size, length))


def _values(counts):
    """The distinct values of `counts`, as short text: '1, 2, 4'."""
    return ", ".join(f"{v:g}" for v in np.unique(np.round(counts, 9)))


class CheckerboardView:
    """Where checkerboard artifacts come from: overlap counts in 1-D and 2-D, and an image.

    ``update(kernel_size, stride, layers, method)`` redraws three panels for a stack of
    `layers` identical up-sampling layers (:func:`flat_response`, :func:`upsample_layers`):

    1. the 1-D counts of a flat input (shaded: the interior, which the ends do not reach);
    2. the 2-D counts (a heatmap), the outer product of the 1-D ones;
    3. a crop of Grace Hopper's portrait (or `image`) through the same layers.

    Long outputs are shown through a window of about two periods (stride ** layers) from
    their middle, at most 64 cells (112 pixels for the image), so that the pattern is
    never blurred or aliased by the display. Returns an HTML message with the interior
    values and their max/min ratio.

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        At least 114 x 114. Default: ``convlab.data.grace_hopper(size=128)``, around the face.
    ax : sequence of 3 matplotlib Axes, optional
        Default: a new 8 x 3.2 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    stairs : matplotlib.patches.StepPatch
        The 1-D counts.
    heatmap, picture : matplotlib.image.AxesImage
        The 2-D counts and the image.
    """

    CELLS, PIXELS = 64, 112

    def __init__(self, image=None, ax=None):
        if image is None:
            from ..data import grace_hopper

            image, self.centre = grace_hopper(size=128), (64, 68)  # her face
        else:
            image = np.asarray(image, dtype=float)
            if image.ndim != 2 or min(image.shape) < self.PIXELS + 2:
                raise ValueError(
                    f"image must be 2-D and at least {self.PIXELS + 2} pixels on a side, "
                    f"got shape {image.shape}"
                )
            self.centre = (image.shape[0] // 2, image.shape[1] // 2)
        self.image = image
        if ax is None:
            # At 90 dpi the image Axes is 2 * PIXELS screen pixels wide: each pixel of the
            # up-sampled image is drawn as a 2 x 2 block, and no pattern is aliased.
            figure = Figure(figsize=(8, 3.2))
            side = 2 * self.PIXELS / 90 / np.array([8, 3.2])
            ax = [
                figure.add_axes([0.06, 0.09, 0.33, 0.77]),
                figure.add_axes([0.42, 0.09, 0.26, 0.77]),
                figure.add_axes([0.995 - side[0], 0.02, *side]),
            ]
        self.profile_ax, self.heatmap_ax, self.image_ax = ax
        self.figure = self.profile_ax.figure
        self.span = self.profile_ax.add_patch(
            Rectangle(
                (0, 0), 1, 1, color="0.9", zorder=0, transform=self.profile_ax.get_xaxis_transform()
            )
        )
        self.stairs = self.profile_ax.stairs([0.0], [0.0, 1.0], fill=True, color="tab:blue")
        self.profile_ax.tick_params(labelsize=8)
        self.heatmap = self.heatmap_ax.imshow(
            np.zeros((1, 1)), cmap="Blues", interpolation="nearest"
        )
        self.picture = self.image_ax.imshow(
            np.zeros((1, 1)), cmap="gray", vmin=0, vmax=1, interpolation="nearest"
        )
        for axes in (self.heatmap_ax, self.image_ax):
            axes.set_axis_off()

    def update(self, kernel_size, stride, layers, method):
        """Redraw for `layers` layers of kernel size `kernel_size` and stride `stride`.

        `method` is one of :data:`UPSAMPLING_METHODS`. Returns the HTML message to show.
        """
        k, s, period = kernel_size, stride, stride**layers
        n = max(-(-(_reach(k, s, layers) - 1) // period) + 3, -(-20 // period) + 2)
        counts = flat_response(n, k, s, layers, method, ndim=1)
        counts2d = flat_response(n, k, s, layers, method, ndim=2)
        inner = interior_slice(n, k, s, layers, method)
        shown = _centre(counts.size, min(max(2 * period, 24), self.CELLS))
        self.stairs.set_data(counts[shown], np.arange(shown.start, shown.stop + 1) - 0.5)
        self.profile_ax.set_xlim(shown.start - 0.5, shown.stop - 0.5)
        self.profile_ax.set_ylim(0, counts.max() * 1.15)
        self.span.set_x(inner.start - 0.5)
        self.span.set_width(inner.stop - inner.start)
        self.profile_ax.set_title("1-D counts (shaded: interior)", fontsize=9)
        self.heatmap.set_data(counts2d[shown, shown])
        self.heatmap.set_clim(0, counts2d.max())
        self.heatmap.set_extent(
            (shown.start - 0.5, shown.stop - 0.5, shown.stop - 0.5, shown.start - 0.5)
        )
        self.heatmap_ax.set_title(f"2-D counts, cells {shown.start}–{shown.stop - 1}", fontsize=9)
        self._draw_picture(k, s, layers, method, period)
        return self._message(k, s, layers, method, counts[inner], counts2d[inner, inner])

    def _draw_picture(self, k, s, layers, method, period):
        size = -(-self.PIXELS // period) + 2  # enough input for PIXELS output pixels
        top, left = self.centre[0] - size // 2, self.centre[1] - size // 2
        crop = self.image[max(top, 0) : top + size, max(left, 0) : left + size]
        out = upsample_layers(crop, k, s, layers, method)
        rows, cols = _centre(out.shape[0], self.PIXELS), _centre(out.shape[1], self.PIXELS)
        self.picture.set_data(out[rows, cols])
        height, width = out[rows, cols].shape
        self.picture.set_extent((-0.5, width - 0.5, height - 0.5, -0.5))
        self.image_ax.set_xlim(-0.5, width - 0.5)
        self.image_ax.set_ylim(height - 0.5, -0.5)
        self.image_ax.set_title(f"a {crop.shape[0]}×{crop.shape[1]} crop, ×{period}", fontsize=9)

    @staticmethod
    def _message(k, s, layers, method, inner, inner2d):
        stack = f"{layers} layers" if layers > 1 else "one layer"
        if method != "transposed":
            head = f"{method.capitalize()} resize ×{s}, then a {k}×{k} conv, {stack}"
        elif k % s == 0:
            head = f"Transposed conv, {stack}: s = {s} divides k = {k}, <b>even overlap</b>"
        elif k < s:
            head = f"Transposed conv, {stack}: k = {k} < s = {s}, <b>gaps</b> between stamps"
        else:
            head = f"Transposed conv, {stack}: k mod s = {k % s}, <b>uneven overlap</b>"
        counts = f"Interior counts: 1-D {{{_values(inner)}}}, 2-D {{{_values(inner2d)}}}"
        if inner.min() == 0:
            verdict = "some cells get no product at all"
        elif inner.max() > inner.min():
            ratio = inner.max() / inner.min()
            verdict = f"max/min {ratio:.3g} in 1-D, {ratio**2:.3g} = {ratio:.3g}² in 2-D"
        else:
            verdict = "flat: no checkerboard"
        uneven = method == "transposed" and inner.max() > inner.min()
        period = f", repeating every {s**layers} cells" if uneven else ""
        return f"{head}.<br>{counts}: {verdict}{period}."
