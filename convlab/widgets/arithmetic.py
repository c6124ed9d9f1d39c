"""Explorer for notebook 02: the convolution-arithmetic visualizer."""

import ipywidgets

from ..viz.arithmetic import ArithmeticView, output_size
from ._base import Explorer, inert

__all__ = ["conv_arithmetic"]

# (label, min, max) of each slider; the output-cell sliders follow the output size
RANGES = {
    "i": ("input size i", 1, 12),
    "k": ("kernel size k", 1, 7),
    "stride": ("stride s", 1, 4),
    "padding": ("padding p", 0, 4),
    "dilation": ("dilation d", 1, 4),
}


def conv_arithmetic(i=7, k=3, stride=2, padding=1, dilation=1):
    """Input size, kernel size, stride, padding and dilation of a square convolution, live.

    Shows the zero-padded input, the output grid, the window (with dilation gaps) of a
    chosen output cell, the output-size formula with the numbers in, and flags the
    configurations where (i + 2p - d(k-1) - 1) mod s != 0 leaves input rows unread.
    A kernel larger than the padded input gives a message, not an error.

    Parameters
    ----------
    i, k, stride, padding, dilation : int
        Initial values, within the sliders' ranges (:data:`RANGES`).

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    initial = {"i": i, "k": k, "stride": stride, "padding": padding, "dilation": dilation}
    for name, value in initial.items():
        _, low, high = RANGES[name]
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    view = ArithmeticView()
    controls = {name: _slider(initial[name], *RANGES[name]) for name in RANGES}
    controls["out_row"] = _slider(0, "output row", 0, 0)
    controls["out_col"] = _slider(0, "output col", 0, 0)

    def update(i, k, stride, padding, dilation, out_row, out_col):
        last = max(output_size(i, k, stride, padding, dilation) - 1, 0)  # last output index
        for name in ("out_row", "out_col"):  # lowering max clamps the value (and redraws)
            controls[name].max = last
        return view.update(i, k, stride, padding, dilation, min(out_row, last), min(out_col, last))

    return Explorer(view.figure, update, controls)


def _slider(value, label, low, high):
    return ipywidgets.IntSlider(
        value=value, min=low, max=high, description=label, style={"description_width": "90px"}
    )
