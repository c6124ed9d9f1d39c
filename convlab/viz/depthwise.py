"""Figures for notebook 08: depthwise separable convolution.

A depthwise separable layer filters each input channel on its own (depthwise, k x k, a
channel multiplier m of filters per channel), then mixes channels with a 1x1 convolution
(pointwise). The figures show the two steps on images, what they cost against a standard
layer, where MobileNet v1 spends its multiply-accumulates (MACs), and how closely a
separable layer can imitate a standard one. ``DepthwiseCostView`` is the explorer's figure.
"""

import itertools
from collections import namedtuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..arithmetic import conv_output_size
from ..counts import conv_macs, conv_params, depthwise_separable_params
from ..separable import depthwise_conv2d, pointwise_conv2d
from ._common import new_axes

__all__ = [
    "DepthwiseCostView",
    "MOBILENET_V1_BLOCKS",
    "MobileNetLayer",
    "closest_depthwise_separable",
    "depthwise_separable_weight",
    "mobilenet_v1_layers",
    "plot_depthwise_cost_ratio",
    "plot_depthwise_separable",
    "plot_depthwise_separable_fit",
    "plot_mobilenet_macs",
]

COLOURS = {
    "standard": "0.6",
    "depthwise": "tab:orange",
    "pointwise": "tab:blue",
    "fc": "tab:green",
    "positive": "tab:orange",
    "negative": "tab:blue",
}
_CENTRED = {"ha": "center", "va": "bottom", "fontsize": 9}

# ------------------------------------------------------------------ the two steps on images


def plot_depthwise_separable(x, depthwise_weight, pointwise_weight, names=None, ax=None):
    """The two steps on images: each channel filtered alone, then mixed by a 1x1 convolution.

    Three columns of feature maps: the C_in input channels; the C_in m depthwise maps
    (input channel c feeds maps c m .. c m + m - 1, each drawn with its kH x kW kernel on the
    line that feeds it); the C_out outputs, each a weighted sum of every depthwise map (one
    line per pointwise weight, its width proportional to |weight|, orange when positive,
    blue when negative). Each map is shown in grey with its own contrast. Kernels are
    zero-padded by (kH // 2, kW // 2), so odd kernels keep the image size.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W)
        One image with C_in channels.
    depthwise_weight : array_like, shape (C_in m, 1, kH, kW)
    pointwise_weight : array_like, shape (C_out, C_in m, 1, 1)
    names : sequence of C_in str, optional
        A label for each input channel.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 3:
        raise ValueError(f"x must have shape (C_in, H, W), got {x.shape}")
    kernels = np.asarray(depthwise_weight, dtype=float)
    kh, kw = kernels.shape[2:]
    middle = depthwise_conv2d(x[None], kernels, padding=(kh // 2, kw // 2))
    mixing = np.asarray(pointwise_weight, dtype=float)
    out = pointwise_conv2d(middle, mixing)[0]
    columns_of_maps = (x, middle[0], out)
    if names is not None and len(names) != len(x):
        raise ValueError(f"names must have C_in={len(x)} entries, got {len(names)}")
    width = x.shape[2] / x.shape[1]  # maps are 1 high
    lefts = (0.0, 1.9 + width, 3.8 + 2 * width)
    centres = [_centres(len(maps)) for maps in columns_of_maps]
    top = (max(map(len, columns_of_maps)) - 1) * 0.625 + 0.6  # top edge, with a margin
    x_range = (-1.2 if names else -0.2, lefts[2] + width + 0.2)
    inch = 0.9  # per unit of map height
    ax = new_axes(ax, figsize=(inch * (x_range[1] - x_range[0]), inch * (2 * top + 0.85)))
    for left, maps, ys in zip(lefts, columns_of_maps, centres):
        for image, y in zip(maps, ys):
            ax.imshow(image, cmap="gray", extent=(left, left + width, y - 0.5, y + 0.5))
    _depthwise_links(ax, kernels, (lefts[0] + width, lefts[1]), centres[0], centres[1])
    _pointwise_links(ax, mixing[:, :, 0, 0], (lefts[1] + width, lefts[2]), centres[1], centres[2])
    multiplier = len(middle[0]) // len(x)
    titles = (
        f"input: C_in = {len(x)} channels",
        f"depthwise: {len(middle[0])} maps (m = {multiplier}),\none {kh}×{kw} kernel each",
        f"pointwise 1×1: C_out = {len(out)},\nweighted sums of all maps",
    )
    for left, title in zip(lefts, titles):
        ax.text(left + width / 2, top + 0.1, title, ha="center", va="bottom", fontsize=9)
    for name, y in zip(names or (), centres[0]):
        ax.text(-0.1, y, name, ha="right", va="center", fontsize=9)
    ax.set_xlim(*x_range)
    ax.set_ylim(-top - 0.1, top + 0.75)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax.figure


def _depthwise_links(ax, kernels, xs, inputs, maps, size=0.42):
    """A line from input channel o // m to map o, labelled with a thumbnail of kernel o."""
    multiplier = len(maps) // len(inputs)
    bound = np.abs(kernels).max() or 1.0
    kh, kw = kernels.shape[2:]
    right = xs[1] - 0.25
    left = right - size * kw / max(kh, kw)
    for o, y in enumerate(maps):
        ax.plot(xs, (inputs[o // multiplier], y), color="0.3", lw=1.2)
        extent = (left, right, y - size / 2, y + size / 2)
        # drawn over the line that it labels, framed
        ax.imshow(kernels[o, 0], cmap="RdBu_r", vmin=-bound, vmax=bound, extent=extent, zorder=3)
        frame = Rectangle((left, y - size / 2), right - left, size, fill=False, ec="0.4", lw=0.6)
        ax.add_patch(frame).set_zorder(4)


def _pointwise_links(ax, mixing, xs, maps, outputs):
    """A line from every map c to every output o, its width |mixing[o, c]|, its colour the sign."""
    strongest = np.abs(mixing).max() or 1.0
    for (o, y_out), (c, y_map) in itertools.product(enumerate(outputs), enumerate(maps)):
        weight = mixing[o, c]
        if weight:
            ax.plot(
                xs,
                (y_map, y_out),
                color=COLOURS["positive" if weight > 0 else "negative"],
                lw=0.4 + 2.6 * abs(weight) / strongest,
                alpha=0.8,
            )


def _fixed_axes(ax, figsize):
    """`ax`, or the axes of a new Figure with fixed margins: no layout engine to run (a
    quarter of the drawing time of these small charts)."""
    if ax is not None:
        return ax
    figure = Figure(figsize=figsize)
    figure.subplots_adjust(left=0.1, right=0.97, bottom=0.15, top=0.9)
    return figure.add_subplot()


def _centres(n, step=1.25):
    """Vertical centres of n maps of height 1, top first, centred on 0."""
    return [(n - 1) * step / 2 - i * step for i in range(n)]


# ------------------------------------------------------------------ cost


def plot_depthwise_cost_ratio(kernel_sizes=(1, 3, 5, 7), c_out_max=512, ax=None):
    """Parameters of a depthwise separable layer over a standard one, against C_out.

    The ratio ``depthwise_separable_params / conv_params`` (counted by convlab, C_in = 16)
    is ``1 / C_out + 1 / k^2`` whatever C_in; it is also the ratio of MACs, since both
    layers apply every weight once per output pixel. Dashed: the limit ``1 / k^2``.

    Parameters
    ----------
    kernel_sizes : sequence of int
        One curve per square kernel size k.
    c_out_max : int
        The largest C_out shown (log axis from 1).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if int(c_out_max) != c_out_max or c_out_max < 2:
        raise ValueError(f"c_out_max must be an integer >= 2, got {c_out_max!r}")
    ax = _fixed_axes(ax, figsize=(7, 3.6))
    c_out = np.unique(np.geomspace(1, c_out_max, 48).round().astype(int))  # even on a log axis
    for k in kernel_sizes:
        ratio = [
            depthwise_separable_params(16, int(c), k) / conv_params(16, int(c), k) for c in c_out
        ]
        (line,) = ax.plot(c_out, ratio, label=f"k = {k}")
        ax.axhline(1 / k**2, color=line.get_color(), ls="--", lw=0.8)
    ax.axhline(1.0, color="0.3", lw=0.8)
    ax.text(1.1, 1.03, "standard layer", fontsize=8, va="bottom")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ticks = [c for c in (1, 4, 16, 64, 256, 1024, 4096) if c <= c_out_max]
    ax.set_xticks(ticks, [str(c) for c in ticks])
    ax.set_yticks(
        [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2], ["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2"]
    )
    ax.minorticks_off()
    ax.set_xlabel("output channels C_out")
    ax.set_ylabel("separable / standard")
    ax.set_title("cost ratio 1/C_out + 1/k² (dashed: 1/k²)", fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    return ax.figure


# ------------------------------------------------------------------ capacity


def depthwise_separable_weight(depthwise_weight, pointwise_weight, multiplier=1):
    """The standard convolution weight that equals a depthwise separable layer.

    ``W[o, c] = sum_j P[o, c m + j] D[c m + j, 0]``: for input channel c, every output
    filter is a combination of the same m kernels, so each (C_out, kH kW) slice ``W[:, c]``
    has rank at most m.

    Parameters
    ----------
    depthwise_weight : array_like, shape (C_in m, 1, kH, kW)
    pointwise_weight : array_like, shape (C_out, C_in m, 1, 1)
    multiplier : int
        m.

    Returns
    -------
    ndarray, shape (C_out, C_in, kH, kW)
        ``conv2d(x, W) == depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight)``.

    Examples
    --------
    >>> kernels, mixing = np.ones((2, 1, 1, 2)), np.array([0.0, 1.0]).reshape(1, 2, 1, 1)
    >>> depthwise_separable_weight(kernels, mixing)[0].tolist()
    [[[0.0, 0.0]], [[1.0, 1.0]]]
    """
    depthwise = np.asarray(depthwise_weight, dtype=float)
    pointwise = np.asarray(pointwise_weight, dtype=float)
    c_mid, _, kh, kw = depthwise.shape
    if c_mid % multiplier or pointwise.shape[1] != c_mid:
        raise ValueError(
            f"multiplier={multiplier} must divide depthwise_weight.shape[0]={c_mid}, and "
            f"pointwise_weight must have {c_mid} input channels, got {pointwise.shape}"
        )
    c_in = c_mid // multiplier
    return np.einsum(
        "ocj,cjhw->ochw",
        pointwise[:, :, 0, 0].reshape(-1, c_in, multiplier),
        depthwise[:, 0].reshape(c_in, multiplier, kh, kw),
    )


def closest_depthwise_separable(weight, multiplier=1):
    """The depthwise separable layer whose weight is closest to a standard layer's.

    For each input channel c, the (C_out, kH kW) matrix ``W[:, c]`` is replaced by its best
    rank-m approximation, the truncated SVD ``U_m S_m V_m^T`` (Eckart-Young): the rows of
    ``V_m^T`` are the m depthwise kernels of channel c, the columns of ``U_m S_m`` their
    pointwise weights. The channels are independent, so the whole weight is as close as a
    multiplier-m separable layer can be (Frobenius norm); exact when
    ``m >= min(C_out, kH kW)``.

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, kH, kW)
    multiplier : int, >= 1

    Returns
    -------
    depthwise_weight : ndarray, shape (C_in m, 1, kH, kW)
    pointwise_weight : ndarray, shape (C_out, C_in m, 1, 1)

    Examples
    --------
    >>> w = np.random.default_rng(0).normal(size=(4, 2, 3, 3))
    >>> d, p = closest_depthwise_separable(w, multiplier=4)  # min(C_out, 9) = 4: exact
    >>> np.allclose(depthwise_separable_weight(d, p, multiplier=4), w)
    True
    """
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have shape (C_out, C_in, kH, kW), got {weight.shape}")
    if int(multiplier) != multiplier or multiplier < 1:
        raise ValueError(f"multiplier must be an integer >= 1, got {multiplier!r}")
    c_out, c_in, kh, kw = weight.shape
    matrices = weight.transpose(1, 0, 2, 3).reshape(c_in, c_out, kh * kw)
    u, s, vt = np.linalg.svd(matrices, full_matrices=False)
    keep = min(multiplier, s.shape[1])  # beyond the rank, the extra filters are zero
    depthwise = np.zeros((c_in, multiplier, kh * kw))
    pointwise = np.zeros((c_out, c_in, multiplier))
    depthwise[:, :keep] = vt[:, :keep]
    pointwise[:, :, :keep] = (u[:, :, :keep] * s[:, None, :keep]).transpose(1, 0, 2)
    return (
        depthwise.reshape(c_in * multiplier, 1, kh, kw),
        pointwise.reshape(c_out, c_in * multiplier, 1, 1),
    )


def plot_depthwise_separable_fit(weight, ax=None):
    """How closely separable layers of each multiplier m can imitate a standard layer.

    For m = 1 .. min(C_out, kH kW): the relative error ``||W - W_m|| / ||W||`` of the best
    multiplier-m separable layer (:func:`closest_depthwise_separable`), and its parameters over
    the standard layer's (``depthwise_separable_params / conv_params``).

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, kH, kW)
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    weight = np.asarray(weight, dtype=float)
    if weight.ndim != 4:
        raise ValueError(f"weight must have shape (C_out, C_in, kH, kW), got {weight.shape}")
    c_out, c_in, kh, kw = weight.shape
    multipliers = np.arange(1, min(c_out, kh * kw) + 1)
    errors = [
        np.linalg.norm(
            depthwise_separable_weight(*closest_depthwise_separable(weight, m), m) - weight
        )
        / np.linalg.norm(weight)
        for m in multipliers
    ]
    params = [
        depthwise_separable_params(c_in, c_out, (kh, kw), int(m))
        / conv_params(c_in, c_out, (kh, kw))
        for m in multipliers
    ]
    ax = _fixed_axes(ax, figsize=(7, 3.4))
    ax.plot(multipliers, errors, "o-", color="tab:red", label="relative error of the best fit")
    ax.plot(multipliers, params, "s--", color="tab:blue", label="parameters / standard layer")
    ax.axhline(1.0, color="0.3", lw=0.8)
    ax.set_xticks(multipliers)
    ax.set_xlabel("channel multiplier m")
    ax.set_ylim(0, max(1.1, max(params) * 1.05))
    ax.set_title(
        f"a standard {c_out}×{c_in}×{kh}×{kw} weight imitated by depthwise separable layers",
        fontsize=10,
    )
    ax.legend(fontsize=8)
    return ax.figure


# ------------------------------------------------------------------ MobileNet v1

MobileNetLayer = namedtuple(
    "MobileNetLayer", "name kind c_in c_out kernel stride groups out_size bias"
)
MobileNetLayer.__doc__ = """One layer of MobileNet v1, in convlab's counting terms.

``conv_params(c_in, c_out, kernel, groups=groups, bias=bias)`` and
``conv_macs(c_in, c_out, kernel, out_size, groups=groups)`` give its cost; the classifier
is a 1x1 layer on the 1x1 pooled map. `kind` is 'standard', 'depthwise', 'pointwise' or 'fc'.
"""

# (C_in, C_out, stride of the depthwise step) of the 13 separable blocks (the paper's
# table 1, whose last depthwise layer runs at stride 1 on 7x7, as implementations do)
MOBILENET_V1_BLOCKS = (
    (32, 64, 1),
    (64, 128, 2),
    (128, 128, 1),
    (128, 256, 2),
    (256, 256, 1),
    (256, 512, 2),
    (512, 512, 1),
    (512, 512, 1),
    (512, 512, 1),
    (512, 512, 1),
    (512, 512, 1),
    (512, 1024, 2),
    (1024, 1024, 1),
)


def mobilenet_v1_layers(width=1.0, resolution=224, classes=1000):
    """The layers of MobileNet v1 (Howard et al., 2017) for counting parameters and MACs.

    A standard 3x3 convolution (3 -> 32 channels, stride 2), 13 depthwise separable blocks
    (3x3 depthwise, padding 1, then 1x1 pointwise), global average pooling and a fully
    connected classifier with a bias. Convolutions carry no bias (batch normalisation
    follows them; its parameters are not counted, nor are pooling and activations).

    Parameters
    ----------
    width : float in (0, 1]
        The width multiplier alpha: every layer gets ``int(alpha C)`` channels.
    resolution : int
        Input height and width (the resolution multiplier rho is resolution / 224).
    classes : int

    Returns
    -------
    list of MobileNetLayer

    Examples
    --------
    >>> layers = mobilenet_v1_layers()
    >>> len(layers), layers[0].out_size, layers[-2].out_size
    (28, 112, 7)
    """
    if not 0 < width <= 1:
        raise ValueError(f"width must be in (0, 1], got {width!r}")
    if int(resolution) != resolution or resolution < 32:
        raise ValueError(f"resolution must be an integer >= 32, got {resolution!r}")

    def channels(c):
        return max(1, int(c * width))

    size = conv_output_size(resolution, 3, 2, 1)
    layers = [MobileNetLayer("conv 3x3 / 2", "standard", 3, channels(32), 3, 2, 1, size, False)]
    for number, (c_in, c_out, stride) in enumerate(MOBILENET_V1_BLOCKS, 1):
        size = conv_output_size(size, 3, stride, 1)
        c_in, c_out = channels(c_in), channels(c_out)
        layers += [
            MobileNetLayer(
                f"{number} dw / {stride}", "depthwise", c_in, c_in, 3, stride, c_in, size, False
            ),
            MobileNetLayer(f"{number} pw", "pointwise", c_in, c_out, 1, 1, 1, size, False),
        ]
    layers.append(MobileNetLayer("fc", "fc", channels(1024), classes, 1, 1, 1, 1, True))
    return layers


def plot_mobilenet_macs(layers, ax=None):
    """MACs of each block of MobileNet v1: the first convolution, the 13 separable blocks
    (depthwise stacked on pointwise) and the classifier.

    Parameters
    ----------
    layers : list of MobileNetLayer
        As :func:`mobilenet_v1_layers` returns them.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _fixed_axes(ax, figsize=(8, 3.4))
    labels = list(dict.fromkeys(layer.name.split()[0] for layer in layers))  # conv, 1-13, fc
    position = np.array([labels.index(layer.name.split()[0]) for layer in layers])
    millions = np.array(
        [conv_macs(l.c_in, l.c_out, l.kernel, l.out_size, l.groups) / 1e6 for l in layers]
    )
    kinds = np.array([layer.kind for layer in layers])
    bottom = np.zeros(len(labels))  # what is stacked on each block so far
    for kind in ("standard", "depthwise", "pointwise", "fc"):  # one call per kind: fast
        height = np.bincount(position[kinds == kind], millions[kinds == kind], len(labels))
        ax.bar(
            range(len(labels)), height, bottom=bottom, color=COLOURS[kind], width=0.7, label=kind
        )
        bottom += height
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(0, 1.1 * bottom.max())
    ax.set_xlabel("layer (conv, separable blocks 1-13, classifier)")
    ax.set_ylabel("million MACs")
    ax.set_title(f"MobileNet v1: {bottom.sum():,.0f} million MACs in all", fontsize=10)
    ax.legend(fontsize=8)
    return ax.figure


# ------------------------------------------------------------------ the explorer's figure


class DepthwiseCostView:
    """A depthwise separable layer's cost relative to the standard layer it replaces.

    Left: the ratio ``1 / C_out + 1 / k^2`` against C_out for the current k (dashed: its
    limit ``1 / k^2``), with the current layer's MAC ratio and measured time ratio marked.
    Right: three pairs of bars, parameters, MACs and measured time, each relative to the
    standard layer (grey, height 1), the separable layer split into its depthwise (orange)
    and pointwise (blue) parts, the absolute figures written above.

    ``update(c_in, c_out, k, times, size)`` moves the artists (nothing is rebuilt) and
    returns the HTML message: the counts with the numbers in, and the measured times.

    Parameters
    ----------
    c_out_max : int
        Right end of the ratio curve.
    ax : pair of matplotlib Axes (curve, bars), optional
        Default: a new 8 x 3.4 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    """

    GROUPS = ("parameters", "MACs", "time")

    def __init__(self, c_out_max=256, ax=None):
        if ax is None:
            # Fixed layout, fixed plain tick labels, titles as plain text: a layout engine, log
            # tick formatting and title placement would cost more than the rest of a redraw.
            figure = Figure(figsize=(8, 3.4))
            figure.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.86, wspace=0.25)
            ax = figure.subplots(1, 2)
        self.curve_axes, self.bar_axes = ax
        self.figure = self.curve_axes.figure
        self.c_out = np.arange(1, c_out_max + 1)
        ax = self.curve_axes
        (self.curve,) = ax.plot(self.c_out, np.ones(c_out_max), color="tab:purple")
        self.limit = ax.axhline(1.0, color="tab:purple", ls="--", lw=0.8)
        ax.axhline(1.0, color="0.3", lw=0.8)
        (self.mac_marker,) = ax.plot([1], [1], "o", color="tab:purple")
        (self.time_marker,) = ax.plot([1], [1], "D", color="tab:red")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(1, c_out_max)
        ax.set_ylim(0.01, 10)
        x_ticks = [c for c in (1, 4, 16, 64, 256, 1024) if c <= c_out_max]
        ax.set_xticks(x_ticks, [str(c) for c in x_ticks], fontsize=8)
        ax.set_yticks([0.01, 0.1, 1, 10], ["0.01", "0.1", "1", "10"], fontsize=8)
        ax.minorticks_off()
        ax.text(0.5, -0.09, "output channels C_out", transform=ax.transAxes, ha="center", va="top")
        # coloured words instead of legends, which cost more to draw than the rest
        _key(ax, [("● MACs, parameters", "tab:purple"), ("◆ time", "tab:red")])
        self.curve_title = ax.text(0.5, 1.03, "", transform=ax.transAxes, **_CENTRED)
        ax = self.bar_axes
        positions = np.arange(3)
        self.standard_bars = ax.bar(positions - 0.2, 1.0, 0.36, color=COLOURS["standard"])
        self.depthwise_bars = ax.bar(positions + 0.2, 0.0, 0.36, color=COLOURS["depthwise"])
        self.pointwise_bars = ax.bar(positions + 0.2, 0.0, 0.36, color=COLOURS["pointwise"])
        self.standard_labels = [
            ax.text(p - 0.2, 1.0, "", ha="center", va="bottom", fontsize=7) for p in positions
        ]
        self.separable_labels = [
            ax.text(p + 0.2, 0, "", ha="center", va="bottom", fontsize=7) for p in positions
        ]
        ax.set_xticks(positions, self.GROUPS, fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        for x, kind in zip((0.02, 0.3, 0.6), ("standard", "depthwise", "pointwise")):
            ax.text(
                x,
                0.97,
                f"■ {kind}",
                color=COLOURS[kind],
                transform=ax.transAxes,
                va="top",
                fontsize=8,
            )
        self.bar_title = ax.text(0.5, 1.03, "", transform=ax.transAxes, **_CENTRED)
        # the y-axes' common label (few words: drawing text glyphs is most of a redraw)
        self.figure.text(0.01, 0.98, "separable / standard", va="top")

    def update(self, c_in, c_out, k, times, size):
        """Show layer C_in -> C_out with a k x k kernel, 'same' padding, on size x size.

        `times` maps 'standard', 'depthwise' and 'pointwise' to measured seconds.
        """
        standard = conv_params(c_in, c_out, k)
        depthwise, pointwise = conv_params(c_in, c_in, k, groups=c_in), conv_params(c_in, c_out, 1)
        ratio = (depthwise + pointwise) / standard
        pixels = size * size
        ms = {name: 1e3 * seconds for name, seconds in times.items()}
        time_ratio = (ms["depthwise"] + ms["pointwise"]) / ms["standard"]
        self.curve.set_ydata(1 / self.c_out + 1 / k**2)
        self.limit.set_ydata([1 / k**2, 1 / k**2])
        self.mac_marker.set_data([c_out], [ratio])
        self.time_marker.set_data([c_out], [np.clip(time_ratio, 0.011, 9.5)])
        self.curve_title.set_text(f"1/C_out + 1/k², k = {k} (dashed: 1/k² = {1 / k**2:.3g})")
        parts = [
            (standard, depthwise, pointwise, _count),
            (standard * pixels, depthwise * pixels, pointwise * pixels, _count),
            (ms["standard"], ms["depthwise"], ms["pointwise"], _milliseconds),
        ]
        tallest = 1.0
        for i, (whole, first, second, show) in enumerate(parts):
            low, high = first / whole, second / whole
            self.depthwise_bars[i].set_height(low)
            self.pointwise_bars[i].set_y(low)
            self.pointwise_bars[i].set_height(high)
            self.standard_labels[i].set_text(show(whole))
            self.separable_labels[i].set_text(show(first + second))
            self.separable_labels[i].set_y(low + high)
            tallest = max(tallest, low + high)
        self.bar_axes.set_ylim(0, 1.3 * tallest)
        self.bar_title.set_text(f"{c_in} → {c_out} channels, {k}×{k}, on {size}×{size}")
        return _cost_html(c_in, c_out, k, size, ratio, ms, time_ratio)


def _key(ax, entries):
    """Coloured labels stacked in the top right-hand corner of `ax`, in place of a legend."""
    for row, (label, colour) in enumerate(entries):
        ax.text(
            0.98,
            0.95 - 0.08 * row,
            label,
            color=colour,
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8,
        )


def _count(n):
    """A count in a few characters: 656, 18.4k, 3.61M."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= limit:
            return f"{n / limit:.3g}{suffix}"
    return f"{n:,}"


def _milliseconds(ms):
    return f"{ms:.2g} ms" if ms < 10 else f"{ms:.0f} ms"


def _cost_html(c_in, c_out, k, size, ratio, ms, time_ratio):
    standard, depthwise, pointwise = c_out * c_in * k * k, c_in * k * k, c_in * c_out
    separable = ms["depthwise"] + ms["pointwise"]
    return (
        f"<b>parameters</b>: standard C_out·C_in·k² = {c_out}·{c_in}·{k * k} = {standard:,}; "
        f"separable C_in·k² + C_in·C_out = {depthwise:,} + {pointwise:,} = "
        f"{depthwise + pointwise:,}; ratio 1/C_out + 1/k² = 1/{c_out} + 1/{k * k} = "
        f"<b>{ratio:.3f}</b> ({1 / ratio:.1f}× fewer). MACs: the same ratio, "
        f"{size}·{size} = {size * size} times the parameters."
        f"<br><b>measured</b> with convlab (1×{c_in}×{size}×{size} float32, 'same' padding, "
        f"best of a few runs): standard {ms['standard']:.3f} ms, separable {separable:.3f} ms "
        f"= depthwise {ms['depthwise']:.3f} + pointwise {ms['pointwise']:.3f}: time ratio "
        f"<b>{time_ratio:.2f}</b> where the MACs promise {ratio:.3f}."
    )
