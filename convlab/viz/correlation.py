"""Figures for notebook 01: correlation and convolution, in 1-D and 2-D.

The two ``*View`` classes draw once and then move their artists on ``update``; the
explorers in ``convlab.widgets.correlation`` drive them.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..correlation import convolve2d, correlate1d, correlate2d
from ._common import new_axes

__all__ = [
    "SlideView",
    "WindowView",
    "plot_correlation_vs_convolution",
    "plot_modes",
]

KERNEL_COLOUR, WINDOW_COLOUR, DONE_COLOUR = "tab:orange", "#ffd27f", "#cfe3f7"


def plot_correlation_vs_convolution(image, kernel, ax=None):
    """The image, its cross-correlation and its convolution with `kernel`, side by side.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kH, kW)
    ax : sequence of 3 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        figure = Figure(figsize=(10, 3.6), layout="constrained")
        ax = figure.subplots(1, 3)
    panels = [
        (image, "image"),
        (correlate2d(image, kernel, "same"), "cross-correlation (deep learning)"),
        (convolve2d(image, kernel, "same"), "convolution (kernel flipped)"),
    ]
    for axes, (picture, title) in zip(ax, panels):
        axes.imshow(picture, cmap="gray")
        axes.set_title(title, fontsize=10)
        axes.set_axis_off()
    return ax[0].figure


def plot_modes(n, m, ax=None):
    """Where the kernel sits for the first and last output of each mode (n-signal, m-kernel).

    Each row shows the signal (grey cells), and the kernel (orange outline) at the first and
    last position that the mode keeps, with the output length on the right: n + m - 1 for
    'full', n for 'same' (even kernels: the first kept position is (m - 1) // 2), and
    |n - m| + 1 for 'valid'.

    Parameters
    ----------
    n, m : int
        Signal and kernel lengths, at least 1.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if n < 1 or m < 1:
        raise ValueError(f"n and m must be at least 1, got n={n}, m={m}")
    ax = new_axes(ax, figsize=(8, 3))
    starts = {
        "full": (0, n + m - 2),
        "same": ((m - 1) // 2, (m - 1) // 2 + n - 1),
        "valid": (min(n, m) - 1, max(n, m) - 1),
    }
    for row, (mode, (first, last)) in enumerate(starts.items()):
        y = 2 - row
        for i in range(n):
            ax.add_patch(Rectangle((i, y), 1, 0.6, facecolor="0.85", edgecolor="0.4"))
        for t, style in ((first, "-"), (last, "--")):
            left = t - (m - 1)  # the kernel covers signal positions t-(m-1) .. t
            ax.add_patch(
                Rectangle(
                    (left, y - 0.1),
                    m,
                    0.8,
                    fill=False,
                    lw=2,
                    edgecolor=KERNEL_COLOUR,
                    linestyle=style,
                )
            )
        ax.text(-m - 0.5, y + 0.3, mode, ha="right", va="center", fontsize=11)
        ax.text(n + m + 0.5, y + 0.3, f"{last - first + 1} outputs", va="center")
    ax.set_xlim(-m - 4, n + m + 4)
    ax.set_ylim(-0.5, 3)
    ax.set_axis_off()
    ax.set_title(
        f"signal of length {n}, kernel of length {m}: first (solid) and last (dashed) "
        "kernel position kept",
        fontsize=10,
    )
    return ax.figure


class SlideView:
    """A kernel sliding along a 1-D signal: its position, the products and the output so far.

    ``update(position, flip, kernel)`` moves the kernel to full-output index `position`
    (0 .. n + m - 2), flipped when `flip`; returns a line of HTML with the sum.
    """

    def __init__(self, signal, kernel):
        self.signal = np.asarray(signal, float)
        # fixed margins, wide enough for any tick label: no layout pass on every redraw
        self.figure = Figure(figsize=(8, 4.6))
        self.figure.subplots_adjust(left=0.1, right=0.98, top=0.93, bottom=0.11, hspace=0.12)
        self.top, self.bottom = self.figure.subplots(2, 1, sharex=True)
        n = self.signal.size
        self.top.plot(np.arange(n), self.signal, "o-", color="0.3", label="signal f")
        (self.kernel_line,) = self.top.plot(
            [], [], "s-", color=KERNEL_COLOUR, lw=2, label="kernel as placed"
        )
        (self.output_line,) = self.bottom.plot([], [], "o-", color="tab:blue")
        (self.current,) = self.bottom.plot([], [], "o", ms=12, mfc="none", color="tab:red")
        self.top.legend(loc="upper left", fontsize=8)
        self.top.axhline(0, color="0.8", lw=0.8)
        self.bottom.axhline(0, color="0.8", lw=0.8)
        self.bottom.set_xlabel("position t (output index t shown at the kernel's last tap)")
        self.top.set_ylabel("f and kernel")
        self.bottom.set_ylabel("output")
        self.update(0, False, kernel)

    def update(self, position, flip, kernel):
        kernel = np.asarray(kernel, float)
        m, n = kernel.size, self.signal.size
        if not 0 <= position <= n + m - 2:
            raise ValueError(f"position must be in 0..{n + m - 2}, got {position}")
        placed = kernel[::-1] if flip else kernel
        taps = np.arange(position - (m - 1), position + 1)  # signal positions covered
        self.kernel_line.set_data(taps, placed)
        output = correlate1d(self.signal, placed, "full")
        self.output_line.set_data(np.arange(position + 1), output[: position + 1])
        self.current.set_data([position], [output[position]])
        low = min(self.signal.min(), placed.min(), 0) - 0.3
        high = max(self.signal.max(), placed.max(), 0) + 0.3
        self.top.set_ylim(low, high)
        self.bottom.set_ylim(min(output.min(), 0) - 0.3, max(output.max(), 0) + 0.3)
        self.top.set_xlim(-(m - 1) - 0.5, n + m - 1.5)
        name = "convolution" if flip else "cross-correlation"
        self.top.set_title(
            f"{name}: kernel {np.round(kernel, 2).tolist()}{' flipped' if flip else ''}",
            fontsize=10,
        )
        inside = (taps >= 0) & (taps < n)
        terms = [f"{self.signal[t]:.2f}·{w:g}" for t, w in zip(taps[inside], placed[inside])]
        return f"output[{position}] = {' + '.join(terms) or '0'} = <b>{output[position]:.3f}</b>"


class WindowView:
    """A 2-D kernel stepping over an image: the window of one output cell and its sum.

    ``update(cell, mode)`` shows output cell number `cell` (row-major) of the given mode
    ('valid', 'same' or 'full'); each mode's grids are drawn once and shown again when the
    mode comes back. Cell colours
    are two images (``input_image``, ``output_image``) recoloured on each update.
    """

    def __init__(self, image, kernel):
        self.image = np.asarray(image)
        self.kernel = np.asarray(kernel)
        self.figure = Figure(figsize=(9, 4.4), layout="constrained")
        self.left, self.right = self.figure.subplots(1, 2, width_ratios=[3, 2])
        for ax in (self.left, self.right):
            ax.set_axis_off()
        self.mode, self.layers = None, {}

    def output(self, mode):
        return correlate2d(self.image, self.kernel, mode)

    def cell_count(self, mode):
        return self.output(mode).size

    def padding(self, mode):
        """Zeros added before the image on each axis, so that 'mode' is a valid correlation."""
        kh, kw = self.kernel.shape
        if mode == "full":
            return kh - 1, kw - 1
        if mode == "same":
            # correlate2d keeps the full output from m // 2 on, so (m - 1) - m // 2 zeros
            # come before: (m - 1) // 2, one fewer than after for an even kernel.
            return (kh - 1) // 2, (kw - 1) // 2
        return 0, 0

    def update(self, cell, mode):
        if mode != self.mode:
            first = self.mode is None
            self._draw_grids(mode)
            if first:
                _freeze_layout(self.figure)
        out = self.out  # of the current mode, computed once in _draw_grids
        if not 0 <= cell < out.size:
            raise ValueError(f"cell must be in 0..{out.size - 1} for mode {mode!r}, got {cell}")
        row, col = divmod(cell, out.shape[1])
        kh, kw = self.kernel.shape
        self.window.set_xy((col, -row))
        colours = self.input_colours.copy()
        colours[row : row + kh, col : col + kw] = to_rgb(WINDOW_COLOUR)
        self.input_image.set_data(colours)
        for text, (a, b) in zip(self.taps, np.ndindex(kh, kw)):
            text.set_position((col + b + 0.95, -row - a - 0.98))
            text.set_text(f"×{self.kernel[a, b]:g}")
        order = np.arange(out.size).reshape(out.shape)
        progress = np.sign(order - cell)[..., None]  # -1 done, 0 current, 1 still to come
        self.output_image.set_data(
            np.where(progress < 0, to_rgb(DONE_COLOUR), np.where(progress == 0, CURRENT, WHITE))
        )
        for (i, j), text in self.out_text.items():
            text.set_visible(order[i, j] <= cell)
        window = self.shown[row : row + kh, col : col + kw]
        terms = " + ".join(f"{v:g}·{w:g}" for v, w in zip(window.ravel(), self.kernel.ravel()))
        return f"output[{row}, {col}] = {terms} = <b>{out[row, col]:g}</b>"

    def _draw_grids(self, mode):
        """Show the grids of `mode`: drawn the first time, then only made visible again.

        Every mode keeps its own artists (a hundred texts or so), so switching the mode
        hides one set and shows another instead of clearing the axes and drawing anew.
        """
        if mode not in self.layers:
            self.layers[mode] = self._build_layer(mode)
        for name, layer in self.layers.items():
            for artist in layer["artists"]:
                artist.set_visible(name == mode)
        layer = self.layers[mode]
        self.mode = mode
        for key in ("out", "shown", "input_colours", "input_image", "window", "taps"):
            setattr(self, key, layer[key])
        self.output_image, self.out_text = layer["output_image"], layer["out_text"]
        for ax, (xlim, ylim, title) in zip((self.left, self.right), layer["frames"]):
            ax.set_xlim(xlim)
            ax.set_ylim(ylim)
            ax.set_title(title, fontsize=10)

    def _build_layer(self, mode):
        """The artists of one mode's grids, on the shared axes (made visible by the caller)."""
        out = self.output(mode)
        kh, kw = self.kernel.shape
        shown, inside = self._padded(mode)
        input_colours = np.where(inside[..., None], WHITE, GREY)
        before = set(self.left.get_children()) | set(self.right.get_children())
        input_image = _grid(self.left, input_colours)
        for (i, j), value in np.ndenumerate(shown):
            if inside[i, j]:  # padding zeros go unwritten: grey cells, fewer texts to draw
                self.left.text(j + 0.5, -i - 0.5, f"{value:g}", ha="center", va="center")
        window = self.left.add_patch(
            Rectangle((0, 0), kw, -kh, fill=False, lw=3, edgecolor=KERNEL_COLOUR)
        )
        taps = [
            self.left.text(0, 0, "", fontsize=7, color=KERNEL_COLOUR, ha="right", va="bottom")
            for _ in range(kh * kw)
        ]
        output_image = _grid(self.right, np.ones(out.shape + (3,)))
        out_text = {
            (i, j): self.right.text(j + 0.5, -i - 0.5, f"{value:g}", ha="center", va="center")
            for (i, j), value in np.ndenumerate(out)
        }
        self.right.set_ylim(-shown.shape[0] - 0.2, 0.2)  # same scale as the input
        frames = [
            (
                self.left.get_xlim(),
                self.left.get_ylim(),
                f"input, padded for '{mode}' (grey = 0; kernel taps in orange)",
            ),
            (self.right.get_xlim(), self.right.get_ylim(), f"output {out.shape[0]}×{out.shape[1]}"),
        ]
        artists = (set(self.left.get_children()) | set(self.right.get_children())) - before
        return {
            "out": out,
            "shown": shown,
            "input_colours": input_colours,
            "input_image": input_image,
            "window": window,
            "taps": taps,
            "output_image": output_image,
            "out_text": out_text,
            "frames": frames,
            "artists": artists,
        }

    def _padded(self, mode):
        """The image with the zeros that make `mode` a valid correlation, and a mask of it."""
        ph, pw = self.padding(mode)
        kh, kw = self.kernel.shape
        out = self.output(mode)
        shown = np.zeros((out.shape[0] + kh - 1, out.shape[1] + kw - 1))
        inside = np.zeros(shown.shape, bool)
        where = (slice(ph, ph + self.image.shape[0]), slice(pw, pw + self.image.shape[1]))
        shown[where], inside[where] = self.image, True
        return shown, inside


WHITE, GREY, CURRENT = (1.0, 1.0, 1.0), (0.92, 0.92, 0.92), to_rgb("#ffb3a7")


def _grid(ax, colours):
    """Cells of the given RGB colours, one unit each, row 0 on top, with grey grid lines."""
    rows, cols = colours.shape[:2]
    image = ax.imshow(colours, extent=(0, cols, -rows, 0), interpolation="nearest")
    lines = [[(0, -r), (cols, -r)] for r in range(rows + 1)]
    lines += [[(c, 0), (c, -rows)] for c in range(cols + 1)]
    ax.add_collection(LineCollection(lines, colors="0.6", linewidths=1))
    ax.set_xlim(-0.2, cols + 0.2)
    ax.set_ylim(-rows - 0.2, 0.2)
    ax.set_aspect("equal")
    return image


def _freeze_layout(figure):
    """Lay the figure out once, then keep the axes where they are (redraws stay cheap).

    No layout engine at all (not even "none"'s placeholder): with one, savefig draws the
    figure twice.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine(None)
