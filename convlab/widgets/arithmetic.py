"""Explorer for notebook 02: the convolution-arithmetic visualizer."""

import ipywidgets

from ..viz.arithmetic import ArithmeticView
from ._base import Explorer, inert

__all__ = ["conv_arithmetic"]


def conv_arithmetic(i=7, k=3, stride=2, padding=1, dilation=1):
    """Input size, kernel size, stride, padding and dilation of a square convolution, live.

    Shows the zero-padded input, the output grid, the window (with dilation gaps) of a
    chosen output cell, the output-size formula with the numbers in, and flags the
    configurations where (i + 2p - d(k-1) - 1) mod s != 0 leaves input rows unread.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    for name, value, low, high in (
        ("i", i, 1, 12),
        ("k", k, 1, 7),
        ("stride", stride, 1, 4),
        ("padding", padding, 0, 4),
        ("dilation", dilation, 1, 4),
    ):
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    view = ArithmeticView()
    slider = lambda value, low, high, label: ipywidgets.IntSlider(  # noqa: E731
        value=value, min=low, max=high, description=label, style={"description_width": "90px"}
    )
    controls = {
        "i": slider(i, 1, 12, "input size i"),
        "k": slider(k, 1, 7, "kernel size k"),
        "stride": slider(stride, 1, 4, "stride s"),
        "padding": slider(padding, 0, 4, "padding p"),
        "dilation": slider(dilation, 1, 4, "dilation d"),
        "out_row": slider(0, 0, 1, "output row"),
        "out_col": slider(0, 0, 1, "output col"),
    }

    def update(**values):
        span = values["dilation"] * (values["k"] - 1) + 1
        reach = values["i"] + 2 * values["padding"] - span
        last = reach // values["stride"] if reach >= 0 else 0  # the last output index
        for name in ("out_row", "out_col"):  # the cell sliders span the output grid
            controls[name].max = last
        return view.update(
            **{
                **values,
                "out_row": min(values["out_row"], last),
                "out_col": min(values["out_col"], last),
            }
        )

    return Explorer(view.figure, update, controls)
