"""Explorers for notebook 05: transposed convolution three ways, and checkerboard artifacts."""

import ipywidgets
import numpy as np

from ..transpose import conv_transpose2d
from ..viz.transposed import CheckerboardView, TransposedView
from ._base import Explorer, inert

__all__ = ["UPSAMPLERS", "checkerboard", "transposed_views"]

# (label, min, max) of each slider; padding, output_padding and the output cell follow the others
RANGES = {
    "i": ("input size i", 1, 4),
    "k": ("kernel size k", 1, 4),
    "stride": ("stride s", 1, 3),
    "padding": ("padding p", 0, 3),
    "output_padding": ("output_padding", 0, 2),
}
CHECKERBOARD_RANGES = {
    "kernel_size": ("kernel size k", 1, 6),
    "stride": ("stride s", 1, 4),
    "layers": ("layers", 1, 3),
}
UPSAMPLERS = {  # toggle label -> method of convlab.viz.transposed.flat_response
    "transposed conv": "transposed",
    "nearest + conv": "nearest",
    "bilinear + conv": "bilinear",
}


def transposed_views(i=3, k=3, stride=2, padding=1, output_padding=0):
    """One output cell of a transposed convolution made three ways: scatter-add, the recipe
    (zeros inserted, padding, flipped kernel) and a row of Cᵀ.

    The input is ``1, 2, ..., i²`` and the kernel ``1, 2, ..., k²`` (square). Sliders set
    the sizes and the output cell; padding is limited to k - 1 (the recipe pads k - p - 1)
    and to what leaves an output, output_padding to stride - 1.

    Parameters
    ----------
    i, k, stride, padding, output_padding : int
        Initial values, within the sliders' ranges (:data:`RANGES`), padding <= k - 1 and
        output_padding < stride.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    initial = {"i": i, "k": k, "stride": stride, "padding": padding}
    initial["output_padding"] = output_padding
    for name, value in initial.items():
        _, low, high = RANGES[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    if padding > _max_padding(i, k, stride):
        raise ValueError(
            f"padding must be at most {_max_padding(i, k, stride)} here, got {padding}"
        )
    if output_padding >= stride:
        raise ValueError(f"output_padding must be smaller than stride, got {output_padding}")
    view = TransposedView()
    controls = {name: _slider(initial[name], *RANGES[name]) for name in RANGES}
    controls["out_row"] = _slider(0, "output row", 0, 0)
    controls["out_col"] = _slider(0, "output col", 0, 0)
    # Start on the first cell that the most stamps cover.
    counts = conv_transpose2d(
        np.ones((1, 1, i, i)), np.ones((1, 1, k, k)), None, stride, padding, output_padding
    )[0, 0]
    controls["out_row"].max = controls["out_col"].max = counts.shape[0] - 1
    row, col = np.unravel_index(np.argmax(counts), counts.shape)
    controls["out_row"].value, controls["out_col"].value = int(row), int(col)

    def update(i, k, stride, padding, output_padding, out_row, out_col):
        # Lowering a max clamps the value, which redraws again with the clamped value.
        controls["padding"].max = _max_padding(i, k, stride)
        controls["output_padding"].max = stride - 1
        padding = min(padding, _max_padding(i, k, stride))
        output_padding = min(output_padding, stride - 1)
        last = (i - 1) * stride - 2 * padding + k + output_padding - 1
        controls["out_row"].max = controls["out_col"].max = last
        cell = min(out_row, last), min(out_col, last)
        return view.update(i, k, stride, padding, output_padding, *cell)

    return Explorer(view.figure, update, controls)


def _max_padding(i, k, stride):
    """The largest padding the recipe can show (k - 1) that still leaves an output."""
    return min(k - 1, ((i - 1) * stride + k - 1) // 2)


def checkerboard(kernel_size=3, stride=2, layers=1, upsampler="transposed conv"):
    """Overlap counts of stacked up-sampling layers, in 1-D, in 2-D and on an image.

    A transposed convolution whose stride does not divide its kernel size covers some
    output cells more often than others: a checkerboard. Stacking layers compounds it; a
    resize (nearest or bilinear) followed by a convolution does not have it.

    Parameters
    ----------
    kernel_size, stride, layers : int
        Initial values within :data:`CHECKERBOARD_RANGES`.
    upsampler : str
        A key of :data:`UPSAMPLERS`.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    initial = {"kernel_size": kernel_size, "stride": stride, "layers": layers}
    for name, value in initial.items():
        _, low, high = CHECKERBOARD_RANGES[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
    if upsampler not in UPSAMPLERS:
        raise ValueError(f"upsampler must be one of {list(UPSAMPLERS)}, got {upsampler!r}")
    view = CheckerboardView()
    controls = {
        name: _slider(initial[name], *CHECKERBOARD_RANGES[name]) for name in CHECKERBOARD_RANGES
    }
    controls["upsampler"] = ipywidgets.ToggleButtons(
        options=list(UPSAMPLERS), value=upsampler, description="up-sampling"
    )

    def update(kernel_size, stride, layers, upsampler):
        return view.update(kernel_size, stride, layers, UPSAMPLERS[upsampler])

    return Explorer(view.figure, update, controls)


def _slider(value, label, low, high):
    return ipywidgets.IntSlider(
        value=value, min=low, max=high, description=label, style={"description_width": "100px"}
    )
