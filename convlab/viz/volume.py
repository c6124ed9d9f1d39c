"""Figures for notebook 03: 3-D convolution over volumes (CT and MRI scans, video clips).

``plot_filter_footprints`` contrasts the three ways to run a filter over a volume;
``VolumeView`` is the figure under the explorer ``convlab.widgets.conv_volume``: a kernel of
depth kD moving through a volume, the slices it reads and the output slice they give.
"""

from numbers import Integral

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Polygon, Rectangle

from ..arithmetic import conv_output_size
from ..conv import conv3d

__all__ = [
    "KERNELS",
    "VolumeView",
    "depth_window",
    "explorer_kernel",
    "plot_filter_footprints",
    "plot_volume_slices",
]

KERNELS = ("change along depth", "change along width", "mean")
DEPTH_SKEW = (0.55, 0.4)  # screen offset of one step along depth, in the oblique drawings


def plot_volume_slices(volume, depths=None, ax=None):
    """Slices of a (D, H, W) volume at some depths, and its brightest voxel along depth.

    The last panel is the maximum-intensity projection along depth (``volume.max(axis=0)``),
    the usual way to see a whole angiogram at once.

    Parameters
    ----------
    volume : array_like, shape (D, H, W)
    depths : sequence of int, optional
        The slices to show; default five, evenly spaced.
    ax : sequence of len(depths) + 1 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If `volume` is not 3-D (the message names it) or a depth is outside 0..D-1
        (the message names `depths`).
    """
    volume = np.asarray(volume, dtype=float)
    if volume.ndim != 3:
        raise ValueError(f"volume must have 3 dimensions (D, H, W), got shape {volume.shape}")
    depth = volume.shape[0]
    depths = [round(z) for z in np.linspace(0, depth - 1, 5)] if depths is None else list(depths)
    if not depths or any(not 0 <= z < depth for z in depths):
        raise ValueError(f"depths must be slice indices in 0..{depth - 1}, got {depths}")
    if ax is None:
        # A fixed layout: a layout engine would double the cost of drawing the figure.
        figure = Figure(figsize=(1.6 * (len(depths) + 1), 1.85))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.06)
        ax = figure.subplots(1, len(depths) + 1)
    low, high = float(volume.min()), float(volume.max())
    for axes, z in zip(ax, depths):
        axes.imshow(volume[z], cmap="gray", vmin=low, vmax=high)
        axes.set_title(f"slice {z}", fontsize=9)
    ax[-1].imshow(volume.max(axis=0), cmap="gray", vmin=low, vmax=high)
    ax[-1].set_title("brightest along depth", fontsize=9)
    for axes in ax:
        axes.set_axis_off()
    return ax[0].figure


def plot_filter_footprints(size=8, kernel_size=3, kernel_depth=3, ax=None):
    """One filter run three ways over a one-channel volume of `size`³ voxels, drawn in 3-D.

    Left: a 2-D filter applied slice by slice (depth 1, depth folded into the batch). Middle:
    a 3-D filter of depth ``kernel_depth`` < D, moving along depth, height and width. Right:
    a 2-D convolution that reads the D slices as channels, so its filter is D deep and moves
    along height and width only. Below each: the output shape, from
    :func:`convlab.conv_output_size` (stride 1, no padding).

    Parameters
    ----------
    size : int, >= 2
        D = H = W of the volume.
    kernel_size : int, 1 <= kernel_size <= size
        kH = kW of every filter.
    kernel_depth : int, 1 < kernel_depth < size
        kD of the 3-D filter (middle panel).
    ax : sequence of 3 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If an argument is out of its range (the message names it).
    """
    for name, value, low, high in (
        ("size", size, 2, 64),
        ("kernel_size", kernel_size, 1, size),
        ("kernel_depth", kernel_depth, 2, size - 1),
    ):
        if not _is_int(value) or not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    if ax is None:
        figure = Figure(figsize=(9, 3.2))
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.05)
        ax = figure.subplots(1, 3)
    spatial = conv_output_size(size, kernel_size)
    panels = [
        ("2-D filter, slice by slice", 1, "out: D × H' × W'", (True, True, False)),
        ("3-D filter (kD < D)", kernel_depth, "out: D' × H' × W'", (True, True, True)),
        ("2-D conv, depth as channels", size, "out: H' × W' (no depth)", (True, True, False)),
    ]
    for axes, (title, depth, shape, moves) in zip(ax, panels):
        out_depth = conv_output_size(size, depth)
        numbers = (
            f"{out_depth} × {spatial} × {spatial}" if depth < size else f"{spatial} × {spatial}"
        )
        _draw_box(axes, (0, 0, 0), (size, size, size), face="0.93", edge="0.55")
        _draw_box(
            axes,
            (0, size - kernel_size, 0),
            (kernel_size, kernel_size, depth),
            face="#ffb55e",
            edge="#c25e00",
        )
        _draw_moves(axes, size, kernel_size, depth, moves)
        axes.set_title(f"{title}\nfilter {depth} × {kernel_size} × {kernel_size}", fontsize=10)
        axes.text(
            size / 2 + 0.3 * size, -0.3 * size, f"{shape} = {numbers}", ha="center", fontsize=9
        )
        if depth == 1:
            axes.text(
                size / 2 + 0.3 * size,
                -0.44 * size,
                "(the same filter on every slice)",
                ha="center",
                fontsize=8,
                color="0.35",
            )
        axes.set_xlim(-0.15 * size, 1.75 * size)
        axes.set_ylim(-0.5 * size, 1.45 * size)
        axes.set_aspect("equal")
        axes.set_axis_off()
    ax[0].text(-0.1 * size, size / 2, "H", fontsize=9, ha="right", va="center")
    ax[0].text(size / 2, -0.08 * size, "W", fontsize=9, ha="center", va="top")
    ax[0].text(
        size + DEPTH_SKEW[0] * size / 2 + 0.1 * size,
        size * (1 + DEPTH_SKEW[1] / 2),
        "D",
        fontsize=9,
        ha="left",
        va="center",
    )
    return ax[0].figure


def _is_int(value):
    return isinstance(value, Integral) and not isinstance(value, bool)


def _project(x, y, z):
    """Screen position of voxel corner (x = width, y = height, z = depth) in the oblique view."""
    return x + DEPTH_SKEW[0] * z, y + DEPTH_SKEW[1] * z


def _draw_box(axes, corner, extent, face, edge):
    """A box with its front, top and right faces; corner (x, y, z), extent (w, h, d)."""
    (x, y, z), (w, h, d) = corner, extent
    faces = [
        [(x, y, z), (x + w, y, z), (x + w, y + h, z), (x, y + h, z)],  # front
        [(x, y + h, z), (x + w, y + h, z), (x + w, y + h, z + d), (x, y + h, z + d)],  # top
        [(x + w, y, z), (x + w, y, z + d), (x + w, y + h, z + d), (x + w, y + h, z)],  # right
    ]
    for shade, face_corners in zip((1.0, 0.9, 0.8), faces):
        colour = np.array(to_rgb(face)) * shade
        axes.add_patch(
            Polygon(
                [_project(*c) for c in face_corners],
                closed=True,
                facecolor=colour,
                edgecolor=edge,
                linewidth=1,
            )
        )


def _draw_moves(axes, size, kernel_size, depth, moves):
    """Arrows along width, height and depth from the filter, for the axes it moves along."""
    top = size - kernel_size
    starts_ends = [
        (
            (kernel_size, top + kernel_size / 2, 0),
            (kernel_size + 0.3 * size, top + kernel_size / 2, 0),
        ),
        ((kernel_size / 2, top, 0), (kernel_size / 2, top - 0.3 * size, 0)),
        ((kernel_size / 2, size, depth), (kernel_size / 2, size, min(depth + 0.45 * size, size))),
    ]
    for moves_here, (start, end) in zip(moves, starts_ends):
        if moves_here and start != end:
            axes.add_patch(
                FancyArrowPatch(
                    _project(*start),
                    _project(*end),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color="#1f5fa8",
                    linewidth=1.8,
                )
            )


def explorer_kernel(name, kernel_depth):
    """A (1, 1, kD, 3, 3) weight for the explorer: a depth profile times a 3 × 3 pattern.

    - ``"mean"``: the average of the kD × 3 × 3 voxels (a blur);
    - ``"change along depth"``: later slices minus earlier ones. Along depth the weights
      grow with the offset from the kernel's centre, -(kD-1)/2 .. (kD-1)/2, scaled so that
      their magnitudes add up to 1; within a slice they are a 3 × 3 average. They sum to
      zero, so a kernel of depth 1 is all zeros: one slice cannot show a change along depth;
    - ``"change along width"``: right minus left within each slice, averaged over depth.

    Parameters
    ----------
    name : {"change along depth", "change along width", "mean"}
    kernel_depth : int, >= 1

    Returns
    -------
    ndarray, shape (1, 1, kernel_depth, 3, 3)

    Examples
    --------
    >>> w = explorer_kernel("change along depth", 2)
    >>> w.shape, w[0, 0, :, 1, 1].tolist()
    ((1, 1, 2, 3, 3), [-0.05555555555555555, 0.05555555555555555])
    >>> bool(np.all(explorer_kernel("change along depth", 1) == 0))
    True
    """
    if name not in KERNELS:
        raise ValueError(f"name must be one of {KERNELS}, got {name!r}")
    if not _is_int(kernel_depth) or kernel_depth < 1:
        raise ValueError(f"kernel_depth must be an integer >= 1, got {kernel_depth!r}")
    if name == "mean":
        depth_profile, pattern = np.ones(kernel_depth) / kernel_depth, np.full((3, 3), 1 / 9)
    elif name == "change along width":
        depth_profile = np.ones(kernel_depth) / kernel_depth
        pattern = np.array([[-1.0, 0.0, 1.0]] * 3) / 6
    else:
        offsets = np.arange(kernel_depth) - (kernel_depth - 1) / 2
        total = np.abs(offsets).sum()
        depth_profile = offsets / total if total else offsets
        pattern = np.full((3, 3), 1 / 9)
    return (depth_profile[:, None, None] * pattern)[None, None]


def depth_window(out_slice, kernel_depth, stride=1):
    """The input slices (first, last) that output slice `out_slice` reads: z s .. z s + kD - 1.

    Examples
    --------
    >>> depth_window(4, 3, stride=2)
    (8, 10)
    """
    for name, value, low in (
        ("out_slice", out_slice, 0),
        ("kernel_depth", kernel_depth, 1),
        ("stride", stride, 1),
    ):
        if not _is_int(value) or value < low:
            raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    first = out_slice * stride
    return first, first + kernel_depth - 1


class VolumeView:
    """A kernel of depth kD moving through a (D, H, W) volume, and the output slice it makes.

    Three panels: the volume seen from the side (brightest voxel along height, so depth runs
    down and width across) with the band of slices the kernel reads; the brightest voxel
    of those slices (what the kernel sees); and the output slice of
    ``convlab.conv3d(volume, explorer_kernel(kernel, kD), stride=(stride, 1, 1))``.
    ``update`` changes the images and patches in place and returns an HTML message.

    Parameters
    ----------
    volume : array_like, shape (D, H, W)
    ax : sequence of 3 matplotlib Axes, optional
        Default: a new 8 x 3 inch Figure.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    output : ndarray, shape (D_out, H - 2, W - 2)
        The whole output of the current configuration (one channel).
    window : matplotlib.patches.Rectangle
        The slices the kernel reads, on the side view.
    """

    def __init__(self, volume, ax=None):
        self.volume = np.asarray(volume, dtype=float)
        if self.volume.ndim != 3 or min(self.volume.shape) < 3:
            raise ValueError(
                f"volume must have shape (D, H, W), each >= 3, got {self.volume.shape}"
            )
        if ax is None:
            # A fixed layout: a layout engine would cost more than the rest of a redraw.
            figure = Figure(figsize=(8, 3.0))
            figure.subplots_adjust(left=0.05, right=0.99, bottom=0.08, top=0.9, wspace=0.12)
            ax = figure.subplots(1, 3)
        self.side_axes, self.seen_axes, self.out_axes = ax
        self.figure = self.side_axes.figure
        depth, height, width = self.volume.shape
        side = self.volume.max(axis=1)  # (D, W)
        self.side_axes.imshow(side, cmap="gray", vmin=0, vmax=side.max() or 1)
        # axis names as plain text: ticks and labels would cost more than the rest of a redraw
        self.side_axes.text(
            -1.5, depth / 2, "depth →", rotation=270, ha="right", va="center", fontsize=9
        )
        self.side_axes.text(width / 2, depth + 0.5, "width →", ha="center", va="top", fontsize=9)
        self.unread = self.side_axes.add_patch(
            Rectangle((-0.5, depth - 0.5), width, 0, facecolor=(0.95, 0.1, 0.1, 0.75), hatch="///")
        )
        self.window = self.side_axes.add_patch(
            Rectangle(
                (-0.5, -0.5),
                width,
                1,
                facecolor=(1.0, 0.6, 0.2, 0.3),
                edgecolor="tab:orange",
                linewidth=2,
            )
        )
        self.seen = self.seen_axes.imshow(
            self.volume[0], cmap="gray", vmin=0, vmax=self.volume.max() or 1
        )
        self.out_image = self.out_axes.imshow(np.zeros((height - 2, width - 2)), cmap="RdBu_r")
        for axes in ax:
            axes.set_axis_off()
        self.output, self._key = None, None

    def update(self, kernel, kernel_depth, stride, out_slice):
        """Show output slice `out_slice` (clamped) of the kernel `kernel` of depth kD, stride s.

        Returns the HTML message to show.
        """
        depth = self.volume.shape[0]
        if not 1 <= kernel_depth <= depth:
            raise ValueError(f"kernel_depth must be in 1..{depth}, got {kernel_depth}")
        if (kernel, kernel_depth, stride) != self._key:
            weight = explorer_kernel(kernel, kernel_depth)
            self.output = conv3d(self.volume[None, None], weight, stride=(stride, 1, 1))[0, 0]
            self._key = (kernel, kernel_depth, stride)
            self._set_colours(kernel)
        out_depth = self.output.shape[0]
        out_slice = min(out_slice, out_depth - 1)
        first, last = depth_window(out_slice, kernel_depth, stride)
        left_over = (depth - kernel_depth) % stride
        self.window.set_y(first - 0.5)
        self.window.set_height(kernel_depth)
        self.unread.set_y(depth - left_over - 0.5)
        self.unread.set_height(left_over)
        self.seen.set_data(self.volume[first : last + 1].max(axis=0))
        self.out_image.set_data(self.output[out_slice])
        reads = f"slice {first}" if first == last else f"slices {first}–{last}"
        self.side_axes.set_title(f"side view: kD = {kernel_depth} reads {reads}", fontsize=9)
        self.seen_axes.set_title(f"input {reads} (brightest)", fontsize=9)
        self.out_axes.set_title(f"output slice {out_slice} of {out_depth}", fontsize=9)
        return self._message(kernel, kernel_depth, stride, out_slice, left_over)

    def _set_colours(self, kernel):
        largest = float(np.abs(self.output).max())
        if kernel == "mean":
            self.out_image.set_cmap("gray")
            self.out_image.set_clim(0, largest or 1)
        else:
            self.out_image.set_cmap("RdBu_r")
            self.out_image.set_clim(-(largest or 1), largest or 1)

    def _message(self, kernel, kernel_depth, stride, out_slice, left_over):
        depth, height, width = self.volume.shape
        out_depth = self.output.shape[0]
        lines = [
            f"x (1, 1, {depth}, {height}, {width}) ⋆ weight (1, 1, {kernel_depth}, 3, 3), "
            f"stride ({stride}, 1, 1) → out (1, 1, {out_depth}, {height - 2}, {width - 2}): "
            f"D_out = ⌊({depth} − {kernel_depth}) / {stride}⌋ + 1 = <b>{out_depth}</b>"
        ]
        if kernel_depth == 1:
            lines.append(
                "kD = 1: every output slice sees one input slice. This is a 2-D convolution "
                "run slice by slice (depth folded into the batch)."
            )
        elif kernel_depth == depth:
            lines.append(
                f"kD = D = {depth}: the filter is as deep as the volume, so it moves along "
                f"height and width only. This is a 2-D convolution reading the {depth} slices "
                "as channels: one output slice, the depth axis is gone."
            )
        else:
            lines.append(
                f"3-D convolution: the filter moves along depth too; output slice {out_slice} "
                f"reads {kernel_depth} input slices."
            )
        if not np.any(self.output):
            lines.append(
                "The output is all zeros: within a single slice nothing changes along depth."
            )
        if left_over:
            lines.append(
                f"⚠ ({depth} − {kernel_depth}) mod {stride} = {left_over}: the last "
                f"{left_over} slice(s) (red) are never read."
            )
        return "<br>".join(lines)
