"""What every explorer shares: a matplotlib figure shown as a PNG in an ipywidgets Image.

An explorer owns one Figure (no pyplot, so no global state and no double display). A
control change updates the figure's artists and re-renders the PNG; nothing is rebuilt.
"""

import io
import os

import ipywidgets
from matplotlib.backends.backend_agg import FigureCanvasAgg


def inert():
    """True while nbgrader executes a notebook: explorers then do nothing."""
    return "NBGRADER_EXECUTION" in os.environ


def png(figure, dpi=90):
    """The figure rendered to PNG bytes."""
    if figure.canvas is None or not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class Explorer(ipywidgets.VBox):
    """Controls above a figure; `update(**values)` redraws the figure from the control values.

    Attributes
    ----------
    controls : dict of str -> ipywidgets.ValueWidget
        The controls by name; their values are passed to `update` as keyword arguments.
    image : ipywidgets.Image
        The rendered figure.
    figure : matplotlib.figure.Figure
    """

    def __init__(self, figure, update, controls, dpi=90, header=None):
        self.figure, self._update, self.controls, self._dpi = figure, update, dict(controls), dpi
        width = round(figure.get_figwidth() * dpi)  # natural size, never stretched
        self.image = ipywidgets.Image(
            format="png", layout={"width": f"{width}px", "max_width": "100%"}
        )
        self.message = ipywidgets.HTML()
        rows = [header] if header is not None else []
        rows += [ipywidgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"})]
        super().__init__(rows + [self.message, self.image])
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, change=None):
        """Redraw from the current control values; a message returned by `update` is shown."""
        message = self._update(**self.values())
        self.message.value = message or ""
        self.image.value = png(self.figure, self._dpi)
