"""What every explorer shares: a matplotlib figure shown as a PNG in an ipywidgets Image.

An explorer owns one Figure (no pyplot, so no global state and no double display). A
control change updates the figure's artists and re-renders the PNG; nothing is rebuilt.

The render is the cost a learner feels, so it is kept to one Agg draw and a fast PNG
encoding: ``savefig`` would draw twice when the figure has a layout engine and spends most
of the rest in zlib at its default level. The canvas keeps the glyphs of the texts it drew
(most of a draw's time), so unchanged labels cost little on the next frame (``_render``).
"""

import io
import os

import ipywidgets
import numpy as np
from PIL import Image

from ._render import ExplorerCanvas

# zlib level 1: about half the encoding time of the default 6 for a few kB more per image
PNG_COMPRESS_LEVEL = 1


def inert():
    """True while nbgrader executes a notebook: explorers then do nothing."""
    return "NBGRADER_EXECUTION" in os.environ


def png(figure, dpi=90):
    """The figure rendered to PNG bytes (one Agg draw at `dpi`, then a fast encoding)."""
    canvas = figure.canvas
    if not isinstance(canvas, ExplorerCanvas):
        canvas = ExplorerCanvas(figure)
    if figure.dpi != dpi:  # set once: the renderer and the text layout caches stay valid
        figure.set_dpi(dpi)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    if pixels[..., 3].min() == 255:  # opaque, as figures are by default: no alpha channel
        pixels = pixels[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


class Explorer(ipywidgets.VBox):
    """Controls above a figure; `update(**values)` redraws the figure from the control values.

    Attributes
    ----------
    controls : dict of str -> ipywidgets.ValueWidget
        The controls by name; their values are passed to `update` as keyword arguments.
    image : ipywidgets.Image
        The rendered figure.
    message : ipywidgets.HTML
        The line of HTML that `update` returned.
    figure : matplotlib.figure.Figure
    """

    # Runs of `update` in one refresh, at most: an update that keeps changing its own
    # controls (say, a slider's max that clamps another) settles within a few.
    MAX_UPDATES = 5

    def __init__(self, figure, update, controls, dpi=90, header=None):
        self.figure, self._update, self.controls, self._dpi = figure, update, dict(controls), dpi
        self._refreshing = self._changed_again = False
        width = round(figure.get_figwidth() * dpi)  # natural size, never stretched
        self.image = ipywidgets.Image(
            format="png", layout={"width": f"{width}px", "max_width": "100%"}
        )
        self.message = ipywidgets.HTML()
        rows = [header] if header is not None else []
        box = ipywidgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"})
        box.add_class("convlab-controls")
        rows += [box]
        super().__init__(rows + [self.message, self.image])
        self.add_class("convlab-explorer")  # found by the browser tests and the gallery
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, change=None):
        """Redraw from the current control values; a message returned by `update` is shown.

        A control that `update` itself changes (a slider's max lowered, which clamps its
        value) calls back here while `update` runs: that call only asks for one more run of
        `update`, so a learner's move costs one render however many controls follow it.
        """
        if self._refreshing:
            self._changed_again = True
            return
        self._refreshing = True
        try:
            for _ in range(self.MAX_UPDATES):
                self._changed_again = False
                message = self._update(**self.values())
                if not self._changed_again:
                    break
        finally:
            self._refreshing = False
        self.message.value = message or ""
        self.image.value = png(self.figure, self._dpi)
