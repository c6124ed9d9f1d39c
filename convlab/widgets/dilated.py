"""Explorer for notebook 06: a stack of dilated layers, its receptive field and its holes."""

import ipywidgets

from ..viz.dilated import StackView
from ._base import Explorer, inert

__all__ = ["RATE_PRESETS", "dilated_stack"]

# Rate sequences offered in the dropdown (first layer first): label -> rates
RATE_PRESETS = {
    "1, 2, 4 (doubling)": (1, 2, 4),
    "1, 1, 1 (no dilation)": (1, 1, 1),
    "2, 2, 2 (gridding)": (2, 2, 2),
    "1, 2, 5 (hybrid)": (1, 2, 5),
    "1, 2, 3 (hybrid)": (1, 2, 3),
    "1, 5": (1, 5),
    "2, 4, 8": (2, 4, 8),
    "1, 2, 4, 8": (1, 2, 4, 8),
}
MAX_RATE = 16
KERNEL_SIZES = (2, 5)  # slider range


def dilated_stack(rates=(1, 2, 4), kernel_size=3, depth=None):
    """A stack of dilated k x k layers: the receptive field of one output, layer by layer.

    The figure shows, along one axis, every path from one output down through the taps of
    each layer to the input, and in 2-D which input pixels reach that output (the holes of
    gridding are white). Controls: the rates (a few stacks to compare), the layer whose
    output is followed, and the kernel size.

    Parameters
    ----------
    rates : sequence of int
        The dilation of each layer (1 to 6 layers, each 1..16). A sequence that is not a
        preset is added to the dropdown.
    kernel_size : int
        k, in 2..5.
    depth : int, optional
        The layer whose output is followed, 1..len(rates); default the last.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    rates = _rates(rates)
    low, high = KERNEL_SIZES
    if isinstance(kernel_size, bool) or not isinstance(kernel_size, int):
        raise ValueError(f"kernel_size must be an integer in {low}..{high}, got {kernel_size!r}")
    if not low <= kernel_size <= high:
        raise ValueError(f"kernel_size must be an integer in {low}..{high}, got {kernel_size!r}")
    depth = len(rates) if depth is None else depth
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= len(rates):
        raise ValueError(f"depth must be an integer in 1..{len(rates)}, got {depth!r}")
    options = dict(RATE_PRESETS)
    if rates not in options.values():
        options[", ".join(map(str, rates))] = rates
    style = {"description_width": "70px"}
    controls = {
        "rates": ipywidgets.Dropdown(
            options=list(options.items()), value=rates, description="rates", style=style
        ),
        "depth": ipywidgets.IntSlider(
            value=depth, min=1, max=len(rates), description="layer", style=style
        ),
        "kernel_size": ipywidgets.IntSlider(
            value=kernel_size, min=low, max=high, description="kernel k", style=style
        ),
    }
    view = StackView()
    shown = {"rates": rates}

    def update(rates, depth, kernel_size):
        if rates != shown["rates"]:  # a new stack: follow its last layer
            shown["rates"] = rates
            controls["depth"].max = len(rates)
            controls["depth"].value = len(rates)
            depth = len(rates)
        return view.update(rates, min(depth, len(rates)), kernel_size)

    return Explorer(view.figure, update, controls)


def _rates(rates):
    """`rates` as a tuple of ints, or ValueError naming the argument."""
    try:
        values = tuple(rates)
    except TypeError:
        raise ValueError(f"rates must be a sequence of integers, got {rates!r}") from None
    if not 1 <= len(values) <= StackView.MAX_LAYERS or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= MAX_RATE for d in values
    ):
        raise ValueError(
            f"rates must be 1 to {StackView.MAX_LAYERS} integers in 1..{MAX_RATE}, got {rates!r}"
        )
    return values
