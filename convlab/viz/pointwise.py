"""Figures for notebook 04: pointwise (1x1) convolution.

A 1x1 convolution is a fully connected layer over the channels, the same (C_out, C_in)
matrix applied at every pixel. The figures show it as one matrix product (pixels as the
columns of a (C_in, H W) matrix), what a 1x1 reduction saves in front of a k x k
convolution, and, as the explorer's figure (``ChannelMixerView``), a colour photograph's
three channels mixed by a chosen matrix, pixel by pixel.
"""

from collections import namedtuple

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .. import data
from ..counts import bottleneck_macs, conv_macs
from ..separable import pointwise_conv2d
from ._common import new_axes

__all__ = [
    "MIXINGS",
    "ChannelMixerView",
    "Mixing",
    "colour_photo",
    "plot_bottleneck_macs",
    "plot_pointwise_as_matmul",
]

COLOURS = {"direct": "0.6", "reduce": "tab:blue", "spatial": "tab:orange", "pixel": "gold"}
CHANNEL_TINTS = ("tab:red", "tab:green", "tab:blue")  # R, G, B cells of the pixel vector
LEFT = {"W": 0.0, "x": 3.6, "b": 5.2, "y": 6.8}  # left edges in the drawing of y = W x + b

Mixing = namedtuple("Mixing", "weight bias outputs")
Mixing.__doc__ = """A 1x1 layer on an RGB image: weight (C_out, 3), bias (C_out,), output names."""


def _mixing(weight, outputs, bias=None):
    weight = np.array(weight, dtype=float) + 0.0  # + 0.0: no -0 to print
    bias = np.zeros(len(weight)) if bias is None else np.array(bias, dtype=float) + 0.0
    return Mixing(weight, bias, tuple(outputs))


# The explorer's channel-mixing matrices, on (R, G, B) in [0, 1].
MIXINGS = {
    "opponent colours, 3 → 3": _mixing(
        [[1 / 3, 1 / 3, 1 / 3], [1, -1, 0], [0.5, 0.5, -1]],
        ["brightness", "red − green", "yellow − blue"],
    ),
    "grey (ITU-R 601 luma), 3 → 1": _mixing([[0.299, 0.587, 0.114]], ["grey"]),
    "identity, 3 → 3": _mixing(np.eye(3), ["R", "G", "B"]),
    "swap red and blue, 3 → 3": _mixing(np.eye(3)[::-1], ["R (was B)", "G", "B (was R)"]),
    "sepia, 3 → 3": _mixing(
        [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]],
        ["sepia R", "sepia G", "sepia B"],
    ),
    "light and dark, 3 → 6 (with a bias)": _mixing(
        np.repeat(np.eye(3), 2, axis=0) * np.tile([1.0, -1.0], 3)[:, None],
        ["R − ½", "½ − R", "G − ½", "½ − G", "B − ½", "½ − B"],
        bias=np.tile([-0.5, 0.5], 3),
    ),
}


def colour_photo(size=64):
    """Grace Hopper's portrait in colour (matplotlib's sample data), channels first.

    Parameters
    ----------
    size : int, >= 1
        Downsample by block averaging so that the width is about `size` pixels.

    Returns
    -------
    ndarray, shape (3, H, W), float64 in [0, 1]
        The R, G and B channels: a (C_in, H, W) image for a 1x1 convolution.

    Examples
    --------
    >>> colour_photo(64).shape
    (3, 75, 64)
    """
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be an integer >= 1, got {size!r}")
    return data.grace_hopper_rgb(int(size))


# ------------------------------------------------------------------ the matrix view


def plot_pointwise_as_matmul(x, weight, pixel=(0, 0), ax=None):
    """A 1x1 convolution as one matrix product: ``W (C_out, C_in) @ X (C_in, H W)``.

    Every pixel of the image is a column of X (pixel (i, j) is column ``i W + j``); the
    output's columns are the output pixels. The chosen pixel's column is framed in X and
    in the product: the same matrix W turns each input column into its output column.
    Each block has its own colour scale, symmetric about 0 (red positive, blue negative).

    Parameters
    ----------
    x : array_like, shape (C_in, H, W)
        One image.
    weight : array_like, shape (C_out, C_in, 1, 1) or (C_out, C_in)
    pixel : (int, int)
        The (row, column) of the pixel to frame.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    x = np.asarray(x, dtype=float)
    matrix = np.asarray(weight, dtype=float)
    if matrix.ndim == 4:
        matrix = matrix[:, :, 0, 0] if matrix.shape[2:] == (1, 1) else None
    if x.ndim != 3 or matrix is None or matrix.ndim != 2 or matrix.shape[1] != x.shape[0]:
        raise ValueError(
            f"weight must have shape (C_out, C_in) or (C_out, C_in, 1, 1) and x (C_in, H, W); "
            f"got weight {np.shape(weight)} and x {x.shape}"
        )
    c_in, h, w = x.shape
    row, col = pixel
    if not (0 <= row < h and 0 <= col < w):
        raise ValueError(f"pixel must be inside the {h}x{w} image, got {pixel!r}")
    columns = x.reshape(c_in, h * w)
    product = pointwise_conv2d(x[None], matrix[:, :, None, None])[0].reshape(-1, h * w)
    c_out, gap = len(matrix), 1.2
    lefts = (0.0, c_in + 2 * gap, c_in + 4 * gap + h * w)  # W, X, W X
    height = max(c_in, c_out)
    ax = new_axes(ax, figsize=(min(12.0, 0.28 * (lefts[2] + h * w) + 0.6), 0.3 * height + 1.4))
    blocks = (matrix, columns, product)
    titles = (
        f"W: {c_out}×{c_in}",
        f"X: pixels as columns, {c_in}×{h * w}",
        f"W X: {c_out}×{h * w}",
    )
    for left, block, title in zip(lefts, blocks, titles):
        top = (height - len(block)) / 2
        extent = (left, left + block.shape[1], top + len(block), top)
        bound = np.abs(block).max() or 1.0
        ax.imshow(block, cmap="RdBu_r", vmin=-bound, vmax=bound, extent=extent)
        ax.text(left + block.shape[1] / 2, -0.35, title, ha="center", va="bottom", fontsize=9)
    ax.text(lefts[1] - gap, height / 2, "@", ha="center", va="center", fontsize=14)
    ax.text(lefts[2] - gap, height / 2, "=", ha="center", va="center", fontsize=14)
    index = row * w + col
    for left, block in zip(lefts[1:], blocks[1:]):
        top = (height - len(block)) / 2
        frame = Rectangle((left + index, top), 1, len(block), fill=False, ec="k", lw=2)
        ax.add_patch(frame)
        ax.text(
            left + index + 0.5,
            top + len(block) + 0.2,
            f"pixel ({row}, {col}): column {index}",
            ha="center",
            va="top",
            fontsize=8,
        )
    ax.set_xlim(-0.3, lefts[2] + h * w + 0.3)
    ax.set_ylim(height + 1.1, -1.2)
    ax.set_axis_off()
    return ax.figure


# ------------------------------------------------------------------ cost of a reduction


def plot_bottleneck_macs(branches, out_size, ax=None):
    """MACs of k x k convolutions, direct and after a 1x1 reduction, side by side.

    For each branch ``(c_in, c_reduced, c_out, kernel_size)``: a grey bar for the direct
    ``conv_macs(c_in, c_out, kernel_size, out_size)``, and a stacked bar for the 1x1
    reduction to `c_reduced` channels (blue) and the k x k convolution on them (orange),
    whose sum is ``bottleneck_macs``; each bar is labelled in millions, with the ratio.

    Parameters
    ----------
    branches : sequence of (int, int, int, int or (int, int))
    out_size : int or (int, int)
        The output's height and width (every layer keeps it: 'same' padding, stride 1).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    branches = [tuple(b) for b in branches]
    if not branches or any(len(b) != 4 for b in branches):
        raise ValueError(
            f"branches must be (c_in, c_reduced, c_out, kernel_size) tuples, got {branches!r}"
        )
    ax = new_axes(ax, figsize=(7.5, 0.9 + 1.1 * len(branches)))
    labels = []
    for n, (c_in, c_reduced, c_out, kernel) in enumerate(branches):
        k = f"{kernel}×{kernel}" if np.ndim(kernel) == 0 else f"{kernel[0]}×{kernel[1]}"
        direct = conv_macs(c_in, c_out, kernel, out_size) / 1e6
        reduce = conv_macs(c_in, c_reduced, 1, out_size) / 1e6
        total = bottleneck_macs(c_in, c_reduced, c_out, kernel, out_size) / 1e6
        y = 2.6 * (len(branches) - 1 - n)
        ax.barh(y + 1, direct, color=COLOURS["direct"])
        ax.barh(y, reduce, color=COLOURS["reduce"])
        ax.barh(y, total - reduce, left=reduce, color=COLOURS["spatial"])
        ax.text(direct, y + 1, f" {direct:.1f} M", va="center", fontsize=8)
        ax.text(total, y, f" {total:.1f} M: {direct / total:.1f}× fewer", va="center", fontsize=8)
        labels += [
            (y + 1, f"{k}, {c_in} → {c_out}"),
            (y, f"1×1 to {c_reduced}, then {k}"),
        ]
    ys, texts = zip(*labels)
    ax.set_yticks(ys, texts, fontsize=8)
    ax.set_xlim(0, 1.35 * max(conv_macs(b[0], b[2], b[3], out_size) for b in branches) / 1e6)
    ax.set_xlabel("million multiply-accumulates")
    h, w = (out_size, out_size) if np.ndim(out_size) == 0 else out_size
    ax.set_title(
        f"k×k convolutions with a {h}×{w} output, direct or after a 1×1 reduction", fontsize=10
    )
    handles = [Rectangle((0, 0), 1, 1, color=COLOURS[key]) for key in COLOURS if key != "pixel"]
    ax.legend(
        handles,
        ["direct", "1×1 reduction", "k×k on the reduced channels"],
        fontsize=8,
        loc="lower right",
    )
    return ax.figure


# ------------------------------------------------------------------ the explorer's figure


class ChannelMixerView:
    """A colour photo, the per-pixel product ``y = W x + b`` at one pixel, and an output map.

    Left: the (R, G, B) input with the chosen pixel framed. Middle: the mixing matrix W
    (C_out x 3, its row for the chosen output channel framed), that pixel's input vector x,
    the bias b and the output vector y, with their numbers. Right: the chosen output
    channel over the whole image, ``pointwise_conv2d`` of the photo (after a ReLU when asked).
    Every artist is made once; ``update`` changes data, colours, texts and positions.

    Parameters
    ----------
    image : array_like, shape (3, H, W), optional
        The input; by default ``colour_photo(64)``.
    mixings : dict of str -> Mixing, optional
        The matrices to choose from (by default :data:`MIXINGS`); weights within [-1, 1].
    """

    MAX_OUT = 6  # rows drawn for W, b and y at most

    def __init__(self, image=None, mixings=None):
        self.image = colour_photo(64) if image is None else np.asarray(image, dtype=float)
        self.mixings = dict(MIXINGS if mixings is None else mixings)
        if self.image.ndim != 3 or len(self.image) != 3:
            raise ValueError(f"image must have shape (3, H, W), got {self.image.shape}")
        for name, mixing in self.mixings.items():
            if mixing.weight.shape[1:] != (3,) or not 1 <= len(mixing.weight) <= self.MAX_OUT:
                raise ValueError(f"mixings[{name!r}] must have a (C_out <= 6, 3) weight")
        self._outputs = {}
        self.figure = Figure(figsize=(8.0, 3.3))
        self._build()

    def output(self, name, relu=False):
        """The (C_out, H, W) output of mixing `name` on the image: convlab's pointwise_conv2d."""
        if name not in self._outputs:
            mixing = self.mixings[name]
            out = pointwise_conv2d(self.image[None], mixing.weight[:, :, None, None], mixing.bias)
            self._outputs[name] = out[0]
        return np.maximum(self._outputs[name], 0.0) if relu else self._outputs[name]

    def _build(self):
        fig, (_, h, w) = self.figure, self.image.shape
        self.input_axes = fig.add_axes((0.01, 0.04, 0.25, 0.8))
        self.equation_axes = fig.add_axes((0.28, 0.02, 0.42, 0.86))
        self.output_axes = fig.add_axes((0.72, 0.04, 0.25, 0.8))
        self.input_axes.imshow(self.image.transpose(1, 2, 0))
        self.output_image = self.output_axes.imshow(np.zeros((h, w)), cmap="gray")
        self.markers = [
            axes.plot([0], [0], "s", ms=8, mfc="none", mec=COLOURS["pixel"], mew=2)[0]
            for axes in (self.input_axes, self.output_axes)
        ]
        self.input_axes.set_title("input x: R, G, B", fontsize=9)
        self.output_title = self.output_axes.set_title("", fontsize=9)
        for axes in (self.input_axes, self.output_axes):
            axes.set_xticks([])
            axes.set_yticks([])
        self._build_equation()

    def _build_equation(self):
        ax, rows, small = self.equation_axes, self.MAX_OUT, {"ha": "center", "va": "center"}
        # every cell is 1 x 1, rows go down; W, b and y have C_out rows, centred vertically
        images = {"W": ("RdBu_r", 3), "b": ("RdBu_r", 1), "y": ("gray", 1)}
        self.blocks = {
            name: ax.imshow(
                np.zeros((1, width)), cmap=cmap, vmin=-1, vmax=1, extent=(0, width, 1, 0)
            )
            for name, (cmap, width) in images.items()
        }
        self.texts = {
            name: [
                [ax.text(0, 0, "", fontsize=8, **small) for _ in range(width)] for _ in range(rows)
            ]
            for name, (_, width) in images.items()
        }
        self.labels = {name: ax.text(0, 0, name, ha="center", fontsize=9) for name in images}
        self.frames = {
            name: ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec="k", lw=2)) for name in images
        }
        top = (rows - 3) / 2  # x: always 3 rows (R, G, B)
        self.x_cells = [
            ax.add_patch(Rectangle((LEFT["x"], top + c), 1, 1, ec="0.3", lw=0.8)) for c in range(3)
        ]
        self.x_texts = [
            ax.text(LEFT["x"] + 0.5, top + c + 0.5, "", fontsize=8, **small) for c in range(3)
        ]
        ax.text(LEFT["x"] + 0.5, top - 0.3, "x", ha="center", fontsize=9)
        for sign, x in (("·", LEFT["x"] - 0.3), ("+", LEFT["b"] - 0.3), ("=", LEFT["y"] - 0.3)):
            ax.text(x, rows / 2, sign, fontsize=12, **small)
        self.title = ax.text(3.9, -0.9, "", ha="center", va="bottom", fontsize=9)
        ax.set_xlim(-0.2, LEFT["y"] + 1.2)
        ax.set_ylim(rows + 0.2, -1.4)
        ax.set_axis_off()

    def update(self, mixing, channel, row, col, relu=False):
        """Show mixing `mixing` (a key of `mixings`), output `channel`, pixel (row, col).

        Returns
        -------
        str
            HTML: the output value at the pixel as the sum of its products, and the cost.
        """
        if mixing not in self.mixings:
            raise ValueError(f"mixing must be one of {list(self.mixings)}, got {mixing!r}")
        weight, bias, names = self.mixings[mixing]
        c_out, (_, h, w) = len(weight), self.image.shape
        if not (0 <= channel < c_out and 0 <= row < h and 0 <= col < w):
            raise ValueError(f"channel, row, col must be within ({c_out}, {h}, {w})")
        out = self.output(mixing, relu)
        pixel = self.image[:, row, col]
        y = out[:, row, col]
        for marker in self.markers:
            marker.set_data([col], [row])
        self._show_output(out[channel], names[channel], channel, relu)
        self._show_equation(weight, bias, pixel, y, channel, relu)
        return self._message(weight, bias, pixel, y, channel, names, relu, (h, w))

    def _show_output(self, plane, name, channel, relu):
        # each channel with its own contrast: grey when it has no negative values, else a
        # diverging map centred on 0 (the y column of the drawing shares the colours)
        if plane.min() >= 0:
            self.output_image.set_cmap("gray")
            self.output_image.set_clim(0, max(plane.max(), 1e-9))
        else:
            bound = np.abs(plane).max()
            self.output_image.set_cmap("RdBu_r")
            self.output_image.set_clim(-bound, bound)
        self.output_image.set_data(plane)
        self.blocks["y"].set_cmap(self.output_image.get_cmap())
        self.blocks["y"].set_clim(*self.output_image.get_clim())
        relu_note = "ReLU of " if relu else ""
        self.output_title.set_text(f"{relu_note}output channel {channel}: {name}")

    def _show_equation(self, weight, bias, pixel, y, channel, relu):
        c_out = len(weight)
        top = (self.MAX_OUT - c_out) / 2
        shown = {"W": weight, "b": bias[:, None], "y": y[:, None]}
        for name, values in shown.items():
            left, width = LEFT[name], values.shape[1]
            self.blocks[name].set_data(values)
            self.blocks[name].set_extent((left, left + width, top + c_out, top))
            self.frames[name].set_bounds(left, top + channel, width, 1)
            self.labels[name].set_position((left + width / 2, top - 0.3))
            for r, row in enumerate(self.texts[name]):
                for c, text in enumerate(row):
                    text.set_visible(r < c_out)
                    if r < c_out:
                        value = values[r, c]
                        text.set_position((left + c + 0.5, top + r + 0.5))
                        text.set_text(_two(value) if name == "y" else _short(value))
                        text.set_color(_contrast(self.blocks[name], value))
        for cell, text, value, tint in zip(self.x_cells, self.x_texts, pixel, CHANNEL_TINTS):
            cell.set_facecolor(tuple(1 - value * (1 - np.array(to_rgb(tint)))))
            text.set_text(f"{value:.2f}")
        formula = "y = max(0, W x + b)" if relu else "y = W x + b"
        self.title.set_text(f"one pixel: {formula}, W of shape {c_out}×3")

    @staticmethod
    def _message(weight, bias, pixel, y, channel, names, relu, size):
        terms = " + ".join(f"{_short(w)}·{v:.2f}" for w, v in zip(weight[channel], pixel))
        terms = terms.replace("+ −", "− ")
        if bias[channel]:
            terms += f" {'−' if bias[channel] < 0 else '+'} {abs(bias[channel]):g}"
        value = f"max(0, {terms})" if relu else terms
        c_out, (h, w) = len(weight), size
        return (
            f"y[{channel}] ({names[channel]}) = {value} = <b>{y[channel]:.3f}</b>; "
            f"the same {c_out}×3 matrix at all {h}×{w} = {h * w:,} pixels: "
            f"{weight.size} weights + {c_out} biases, {weight.size * h * w:,} MACs"
        )


def _short(value):
    """A number as the figure prints it: three significant digits, a true minus sign."""
    return f"{value:.3g}".replace("-", "−")


def _two(value):
    """A value with two decimals and a true minus sign."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def _contrast(image, value):
    """Black or white, whichever reads on the colour `image` gives `value`."""
    r, g, b, _ = image.to_rgba(np.array([[value]]))[0, 0]
    return "k" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "w"
