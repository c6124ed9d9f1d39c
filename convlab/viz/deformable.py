"""Figures for notebook 12: deformable convolution.

The regular sampling grid of a kernel and the offsets that move its taps (scaling,
rotation), torchvision's offset layout, bilinear interpolation (the four neighbours and
their weights, zero outside the image), and ``DeformView``, the figure of the tap explorer:
it draws once and then moves its artists on ``update``.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..conv import conv2d
from ..deform import bilinear_sample, deform_conv2d

__all__ = [
    "DeformView",
    "disc_image",
    "plot_bilinear",
    "plot_offset_layout",
    "plot_sampling_patterns",
    "plot_zero_outside",
    "rotation_offsets",
    "sampling_grid",
    "scale_offsets",
    "uniform_offset",
]

REGULAR, SAMPLED, CHOSEN = "#2f8fff", "tab:orange", "tab:red"


def _pair(value, name, minimum):
    """An int or a pair of ints (>= minimum) as a pair of ints; ValueError naming `name`."""
    pair = (value, value) if np.ndim(value) == 0 else tuple(value)
    if len(pair) != 2 or any(int(v) != v or v < minimum for v in pair):
        raise ValueError(f"{name} must be an int >= {minimum} or a pair of them, got {value!r}")
    return int(pair[0]), int(pair[1])


def _kernel_size(kernel_size):
    return _pair(kernel_size, "kernel_size", 1)


def sampling_grid(row, col, kernel_size, stride=1, padding=0, dilation=1):
    """The regular sampling points (y, x) of output pixel (row, col), one per tap.

    Tap k = a kW + b (row-major, torchvision's order) reads
    ``(row s - p + a d, col s - p + b d)`` before its offset is added.

    Parameters
    ----------
    row, col : int
        The output pixel.
    kernel_size, stride, padding, dilation : int or (int, int)
        An int is the same on both axes.

    Returns
    -------
    ndarray, shape (kH kW, 2)
        Row k holds (y, x) of tap k.

    Examples
    --------
    >>> sampling_grid(0, 1, 2, stride=2, padding=1).tolist()
    [[-1, 1], [-1, 2], [0, 1], [0, 2]]
    """
    kh, kw = _kernel_size(kernel_size)
    (sh, sw), (ph, pw) = _pair(stride, "stride", 1), _pair(padding, "padding", 0)
    dh, dw = _pair(dilation, "dilation", 1)
    a, b = np.divmod(np.arange(kh * kw), kw)
    return np.stack([row * sh - ph + a * dh, col * sw - pw + b * dw], axis=1)


def scale_offsets(factor, kernel_size=3):
    """Offsets (dy, dx) per tap that scale the kernel's grid about its centre by `factor`.

    Tap (a, b) moves by ``(factor - 1) (a - (kH-1)/2, b - (kW-1)/2)``. For an odd kernel and
    an integer factor d this is a dilated kernel (dilation d).

    Returns
    -------
    ndarray, shape (kH kW, 2)

    Examples
    --------
    >>> scale_offsets(2)[:3].tolist()  # the top row moves one more row up, and outwards
    [[-1.0, -1.0], [-1.0, 0.0], [-1.0, 1.0]]
    """
    kh, kw = _kernel_size(kernel_size)
    a, b = np.divmod(np.arange(kh * kw), kw)
    return (factor - 1.0) * np.stack([a - (kh - 1) / 2, b - (kw - 1) / 2], axis=1)


def rotation_offsets(degrees, kernel_size=3):
    """Offsets (dy, dx) per tap that turn the kernel's grid about its centre.

    The turn is counter-clockwise as seen on screen (rows grow downwards): a tap at
    (u, v) from the centre moves to ``(u cos t - v sin t, v cos t + u sin t)``.

    Returns
    -------
    ndarray, shape (kH kW, 2)

    Examples
    --------
    >>> rotation_offsets(90)[5].round(9).tolist()  # the right-middle tap goes to the top
    [-1.0, -1.0]
    """
    kh, kw = _kernel_size(kernel_size)
    a, b = np.divmod(np.arange(kh * kw), kw)
    u, v = a - (kh - 1) / 2, b - (kw - 1) / 2
    t = np.deg2rad(degrees)
    turned = np.stack([u * np.cos(t) - v * np.sin(t), v * np.cos(t) + u * np.sin(t)], axis=1)
    return turned - np.stack([u, v], axis=1)


def uniform_offset(per_tap, out_size, batch=1):
    """The same offset at every output pixel, in torchvision's layout.

    Parameters
    ----------
    per_tap : array_like, shape (K, 2)
        (dy, dx) of each of the K = kH kW taps.
    out_size : (int, int)
        (H_out, W_out).
    batch : int

    Returns
    -------
    ndarray, shape (batch, 2 K, H_out, W_out)
        Channel 2k holds dy of tap k, channel 2k + 1 its dx.

    Examples
    --------
    >>> uniform_offset([[1.0, 2.0]], (1, 1)).ravel().tolist()
    [1.0, 2.0]
    """
    per_tap = np.asarray(per_tap, dtype=float)
    if per_tap.ndim != 2 or per_tap.shape[1] != 2:
        raise ValueError(f"per_tap must have shape (K, 2), got {per_tap.shape}")
    return np.broadcast_to(
        per_tap.reshape(1, -1, 1, 1), (batch, per_tap.size, *out_size)
    ).copy()  # (dy_0, dx_0, dy_1, dx_1, ...) is per_tap read row by row


def disc_image(size=20, radius=6.0):
    """A bright disc on a dark background, its edge antialiased over one pixel.

    Parameters
    ----------
    size : int
        The image is size x size.
    radius : float
        In pixels, centred on the middle of the image.

    Returns
    -------
    ndarray, shape (size, size), values in [0, 1]
    """
    if size < 1 or radius <= 0:
        raise ValueError(f"size and radius must be positive, got size={size}, radius={radius}")
    centre = (size - 1) / 2
    rows, cols = np.mgrid[:size, :size]
    distance = np.hypot(rows - centre, cols - centre)
    return np.clip(radius + 0.5 - distance, 0.0, 1.0)


def _lattice(ax, kernel_size):
    """A faint pixel lattice around a kH x kW kernel centred on 0, without ticks (they are slow)."""
    kh, kw = kernel_size
    lines = [[(-kw, r), (kw, r)] for r in range(-kh, kh + 1)]
    lines += [[(c, -kh), (c, kh)] for c in range(-kw, kw + 1)]
    ax.add_collection(LineCollection(lines, colors="0.88", linewidths=0.8))
    ax.set_xlim(-kw, kw)
    ax.set_ylim(kh, -kh)
    ax.set_aspect("equal")
    ax.set_axis_off()


def plot_sampling_patterns(patterns, kernel_size=3, ax=None):
    """The regular grid of a kernel (blue rings) and where its taps sample (orange dots).

    Parameters
    ----------
    patterns : dict of str -> array_like (kH kW, 2)
        Title -> offsets (dy, dx) of each tap, e.g. from :func:`scale_offsets`.
    kernel_size : int or (int, int)
    ax : sequence of len(patterns) Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    kh, kw = _kernel_size(kernel_size)
    if ax is None:
        figure = Figure(figsize=(2.2 * len(patterns), 2.4))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.88, wspace=0.08)
        ax = np.atleast_1d(figure.subplots(1, len(patterns)))
    regular = sampling_grid(0, 0, (kh, kw)) - [(kh - 1) / 2, (kw - 1) / 2]
    for axes, (title, offsets) in zip(ax, patterns.items()):
        sampled = regular + np.asarray(offsets, dtype=float).reshape(-1, 2)
        _lattice(axes, (kh, kw))
        axes.add_collection(
            LineCollection(
                np.stack([regular[:, ::-1], sampled[:, ::-1]], axis=1), colors="0.5", lw=0.8
            )
        )
        axes.scatter(regular[:, 1], regular[:, 0], s=60, facecolors="none", edgecolors=REGULAR)
        axes.scatter(sampled[:, 1], sampled[:, 0], s=30, color=SAMPLED, zorder=3)
        axes.set_title(title, fontsize=9)
    return ax[0].figure


def plot_bilinear(image, points, ax=None):
    """Bilinear interpolation at a few points: the four neighbours and their weights.

    One panel per point. Each pixel is a grey square with its value; the point (y, x) is
    joined to its four neighbours, each labelled with its weight
    ``(1 - |y - r|)(1 - |x - c|)``; a neighbour outside the image is dashed and counts as 0.
    The title gives the sample, :func:`convlab.bilinear_sample`.

    Parameters
    ----------
    image : array_like, shape (H, W)
    points : sequence of (y, x)
        In pixel coordinates: pixel (r, c) sits at (r, c).
    ax : sequence of len(points) Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise ValueError(f"image must be 2-D, got shape {image.shape}")
    if ax is None:
        figure = Figure(figsize=(3.8 * len(points), 3.4))
        figure.subplots_adjust(left=0.06, right=0.98, bottom=0.08, top=0.9, wspace=0.25)
        ax = np.atleast_1d(figure.subplots(1, len(points)))
    for axes, (y, x) in zip(ax, points):
        _bilinear_panel(axes, image, float(y), float(x))
    return ax[0].figure


def _bilinear_panel(ax, image, y, x):
    height, width = image.shape
    span = float(np.ptp(image)) or 1.0
    ax.imshow(image, cmap="Greys", vmin=image.min() - span, vmax=image.max() + 2 * span)  # light
    for (r, c), value in np.ndenumerate(image):
        ax.text(c, r + 0.3, f"pixel {value:g}", ha="center", fontsize=8, color="0.2")
    y0, x0 = int(np.floor(y)), int(np.floor(x))
    for r in (y0, y0 + 1):
        for c in (x0, x0 + 1):
            weight = (1 - abs(y - r)) * (1 - abs(x - c))
            inside = 0 <= r < height and 0 <= c < width
            style = "-" if inside else "--"
            ax.plot([x, c], [y, r], color=SAMPLED, lw=1, ls=style)
            ax.add_patch(
                Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, lw=1.5, ls=style, ec=SAMPLED)
            )
            label = f"w={weight:.4g}" if inside else f"w={weight:.4g}\noutside: 0"
            ax.text(c, r - 0.15, label, ha="center", fontsize=8, color=CHOSEN)
    ax.plot(x, y, "o", color=CHOSEN, ms=7)
    value = bilinear_sample(image, y, x).item()
    ax.set_title(f"sample at ({y:g}, {x:g}) = {value:.4g}", fontsize=10)
    ax.set_xlim(min(-0.5, x0 - 0.6), max(width - 0.5, x0 + 1.6))
    ax.set_ylim(max(height - 0.5, y0 + 1.6), min(-0.5, y0 - 0.6))
    ax.set_xticks(range(width))
    ax.set_yticks(range(height))
    ax.tick_params(labelsize=8)


def plot_zero_outside(height=3, width=4, ax=None):
    """What bilinear sampling of an all-ones image returns, in and around the image.

    1 between the pixel centres, a ramp down to 0 over the one-pixel band around them,
    and 0 from y <= -1, y >= H, x <= -1 or x >= W on (the dashed line): torchvision's rule.

    Parameters
    ----------
    height, width : int
        Size of the all-ones image.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if height < 1 or width < 1:
        raise ValueError(f"height and width must be >= 1, got {height}, {width}")
    if ax is None:
        figure = Figure(figsize=(4.6, 3.2))
        figure.subplots_adjust(left=0.12, right=0.98, bottom=0.14, top=0.9)
        ax = figure.add_subplot()
    ys = np.linspace(-2, height + 1, 12 * (height + 3) + 1)
    xs = np.linspace(-2, width + 1, 12 * (width + 3) + 1)
    values = bilinear_sample(np.ones((height, width)), ys[:, None], xs[None, :])
    picture = ax.imshow(
        values, extent=(xs[0], xs[-1], ys[-1], ys[0]), cmap="viridis", vmin=0, vmax=1
    )
    ax.figure.colorbar(picture, ax=ax, shrink=0.8, label="sample")
    rows, cols = np.mgrid[:height, :width]
    ax.scatter(cols, rows, s=12, color="white", label="pixel centres")
    ax.add_patch(Rectangle((-1, -1), width + 1, height + 1, fill=False, ls="--", ec="white"))
    ax.set_title(f"bilinear sampling of a {height}×{width} image of ones", fontsize=10)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return ax.figure


def plot_offset_layout(kernel_size=(3, 3), ax=None):
    """Tap numbers k = a kW + b, and the channels of torchvision's offset and mask.

    Parameters
    ----------
    kernel_size : int or (int, int)
    ax : pair of matplotlib Axes (taps, channels), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    kh, kw = _kernel_size(kernel_size)
    taps = kh * kw
    if ax is None:
        figure = Figure(figsize=(9, 2.2))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.88, wspace=0.05)
        ax = figure.subplots(1, 2, width_ratios=[1, 4.5])
    left, right = ax
    # One pale colour per tap; cells are image pixels and borders one LineCollection (fast).
    colours = 0.6 + 0.4 * to_rgba_array([f"C{k % 10}" for k in range(taps)])[:, :3]
    left.imshow(colours.reshape(kh, kw, 3), extent=(0, kw, kh, 0))
    _cell_borders(left, [(0, 0, kw, kh)])
    strip = np.full((3, 2 * taps, 3), 1.0)
    strip[0] = np.repeat(colours, 2, axis=0)  # dy_k, dx_k share tap k's colour
    strip[2, 0::2] = colours  # mask channel k under the pair of tap k
    right.imshow(strip, extent=(0, 2 * taps, 3, 0))
    _cell_borders(right, [(0, 0, 2 * taps, 1)] + [(2 * k, 2, 1, 1) for k in range(taps)])
    for k in range(taps):
        a, b = divmod(k, kw)
        left.text(b + 0.5, a + 0.5, f"k={k}", ha="center", va="center", fontsize=7)
        right.text(2 * k + 0.5, 0.5, f"dy{k}", ha="center", va="center", fontsize=6.5)
        right.text(2 * k + 1.5, 0.5, f"dx{k}", ha="center", va="center", fontsize=6.5)
        right.text(2 * k + 0.5, 2.5, f"m{k}", ha="center", va="center", fontsize=6.5)
    left.set_title(f"tap k = a·{kw} + b", fontsize=9)
    right.set_xlim(-0.1, 2 * taps + 0.1)
    right.set_ylim(3.1, -0.6)
    right.text(0, -0.1, f"offset: channels 0 … {2 * taps - 1}", fontsize=8, va="bottom")
    right.text(0, 1.9, f"mask (v2): channels 0 … {taps - 1}", fontsize=8, va="bottom")
    for axes in ax:
        axes.set_axis_off()
    return left.figure


def _cell_borders(ax, blocks):
    """Lines around every unit cell of each block (x, y, width, height)."""
    lines = []
    for x, y, width, height in blocks:
        lines += [[(x, y + r), (x + width, y + r)] for r in range(height + 1)]
        lines += [[(x + c, y), (x + c, y + height)] for c in range(width + 1)]
    ax.add_collection(LineCollection(lines, colors="k", linewidths=0.6))


class DeformView:
    """One output pixel's taps over an image, and the deformable convolution they give.

    Left: the image around output pixel (row, col), its regular grid (blue rings), where
    each tap samples once its offset is added (orange dots, their area scaled by the mask),
    and the chosen tap in red with its four bilinear neighbours and their weights; the
    dashed line lies one pixel outside the image: beyond it a sample is 0. Right:
    ``deform_conv2d`` of the image with the same offsets and mask at every output pixel
    ('same' padding), the chosen pixel outlined.

    ``update(offsets, mask, tap, row, col)`` moves the artists and returns an HTML message
    with the chosen tap's sample and the output value next to ``conv2d``'s.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kH, kW), odd sizes

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    output_image : matplotlib.image.AxesImage
        The deformable convolution's output map.
    """

    ZOOM = 5.5  # the left panel shows the pixels within this distance of the output pixel

    def __init__(self, image, kernel):
        self.image = np.asarray(image, dtype=float)
        self.kernel = np.asarray(kernel, dtype=float)
        kh, kw = self.kernel.shape
        self.padding = ((kh - 1) // 2, (kw - 1) // 2)
        self.plain = conv2d(self.image[None, None], self.kernel[None, None], padding=self.padding)
        self.figure = Figure(figsize=(8, 3.6))
        # A fixed layout: a layout engine would cost more than the rest of a redraw.
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.03, top=0.9, wspace=0.05)
        self.left, self.right = self.figure.subplots(1, 2)
        self._draw_input()
        self._draw_output()

    def _draw_input(self):
        ax, (height, width) = self.left, self.image.shape
        ax.imshow(self.image, cmap="gray", vmin=0, vmax=max(1.0, self.image.max()))
        ax.add_patch(Rectangle((-1, -1), width + 1, height + 1, fill=False, ls="--", ec="0.5"))
        ax.set_facecolor("0.8")
        ax.tick_params(labelsize=7, length=2)
        self.arrows = ax.add_collection(LineCollection([], colors=SAMPLED, linewidths=1))
        empty = np.zeros((0, 2))
        self.regular = ax.scatter(
            *empty.T, s=110, facecolors="none", edgecolors=REGULAR, lw=1.5, zorder=4
        )  # rings larger than the dots: both show where an offset is zero
        self.sampled = ax.scatter(*empty.T, s=30, color=SAMPLED, zorder=3)
        self.neighbours = [
            ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, lw=1.5, ec=CHOSEN, zorder=4))
            for _ in range(4)
        ]
        self.weights = [
            ax.text(
                0,
                0,
                "",
                fontsize=8,
                color=CHOSEN,
                ha="center",
                va="center",
                zorder=5,
                bbox={"fc": "w", "ec": "none", "alpha": 0.7, "pad": 0.5},
            )
            for _ in range(4)
        ]
        self.chosen = ax.scatter([0], [0], s=70, color=CHOSEN, zorder=6)

    def _draw_output(self):
        ax = self.right
        limit = float(np.abs(self.plain).max()) or 1.0
        self.output_image = ax.imshow(self.plain[0, 0], cmap="RdBu_r", vmin=-limit, vmax=limit)
        self.marker = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, lw=2, ec="k"))
        ax.set_xticks([])
        ax.set_yticks([])

    def output(self, offsets, mask):
        """The output map (H, W) for per-tap offsets (K, 2) and mask (K,) used everywhere."""
        out_size = self.plain.shape[2:]
        mask = np.broadcast_to(np.reshape(mask, (1, -1, 1, 1)), (1, len(mask), *out_size))
        return deform_conv2d(
            self.image[None, None],
            uniform_offset(offsets, out_size),
            self.kernel[None, None],
            padding=self.padding,
            mask=mask,
        )[0, 0]

    def update(self, offsets, mask, tap, row, col):
        """Redraw for per-tap offsets (K, 2), mask (K,), a chosen tap and output pixel."""
        offsets, mask = np.asarray(offsets, dtype=float), np.asarray(mask, dtype=float)
        regular = sampling_grid(row, col, self.kernel.shape, padding=self.padding)
        points = regular + offsets
        self.regular.set_offsets(regular[:, ::-1])
        self.sampled.set_offsets(points[:, ::-1])
        self.sampled.set_sizes(8 + 40 * np.clip(mask, 0, None))
        self.arrows.set_segments(np.stack([regular[:, ::-1], points[:, ::-1]], axis=1))
        y, x = points[tap]
        self.chosen.set_offsets([[x, y]])
        self._show_neighbours(y, x)
        out = self.output(offsets, mask)
        self.output_image.set_data(out)
        self.marker.set_xy((col - 0.5, row - 0.5))
        self.left.set_xlim(col - self.ZOOM, col + self.ZOOM)
        self.left.set_ylim(row + self.ZOOM, row - self.ZOOM)
        a, b = divmod(tap, self.kernel.shape[1])
        self.left.set_title(f"taps of output pixel ({row}, {col}); tap {tap} in red", fontsize=9)
        self.right.set_title("deform_conv2d, the same offsets at every pixel", fontsize=9)
        sample = bilinear_sample(self.image, y, x).item()
        plain = self.plain[0, 0, row, col]
        if np.allclose(out, self.plain[0, 0]):
            verdict = "the same as conv2d, here and at every pixel"
        else:
            verdict = f"conv2d gives {plain:.3f} here"
        return (
            f"tap k = {tap} = a·{self.kernel.shape[1]} + b, (a, b) = ({a}, {b}): regular point "
            f"({regular[tap, 0]}, {regular[tap, 1]}) + (dy, dx) = ({offsets[tap, 0]:+.2f}, "
            f"{offsets[tap, 1]:+.2f}) → sample x({y:.2f}, {x:.2f}) = {sample:.3f}, "
            f"mask {mask[tap]:.2f}<br>output ({row}, {col}) = Σ<sub>k</sub> w<sub>k</sub> "
            f"m<sub>k</sub> x(p<sub>k</sub> + Δp<sub>k</sub>) = <b>{out[row, col]:.3f}</b>; "
            f"{verdict}"
        )

    def _show_neighbours(self, y, x):
        height, width = self.image.shape
        y0, x0 = np.floor(y), np.floor(x)
        corners = [(y0, x0), (y0, x0 + 1), (y0 + 1, x0), (y0 + 1, x0 + 1)]
        for patch, text, (r, c) in zip(self.neighbours, self.weights, corners):
            weight = (1 - abs(y - r)) * (1 - abs(x - c))
            inside = 0 <= r < height and 0 <= c < width
            patch.set_xy((c - 0.5, r - 0.5))
            patch.set_linestyle("-" if inside else "--")
            # the label in the neighbour's outer half, clear of the sample point
            text.set_position((c + 0.22 * (2 * (c - x0) - 1), r + 0.28 * (2 * (r - y0) - 1)))
            text.set_text(f"{weight:.2f}" if inside else "0")
