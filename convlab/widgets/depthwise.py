"""Explorer for notebook 08: what a depthwise separable layer saves, counted and measured."""

import functools

import ipywidgets
import numpy as np

from ..conv import conv2d
from ..separable import depthwise_conv2d, pointwise_conv2d
from ..timing import best_time
from ..viz.depthwise import DepthwiseCostView
from ._base import Explorer, inert

__all__ = ["LayerTimer", "best_time", "depthwise_cost"]

# (label, min, max, step) of each slider
RANGES = {
    "c_in": ("C_in", 1, 128, 1),
    "c_out": ("C_out", 1, 256, 1),
    "k": ("kernel k", 1, 7, 2),
}


def depthwise_cost(c_in=32, c_out=64, k=3, size=14):
    """Sliders C_in, C_out and k: parameters, MACs and measured time of both layers.

    A standard k x k convolution from C_in to C_out channels next to its depthwise
    separable replacement (k x k depthwise, then 1x1 pointwise), both with 'same' padding
    on one size x size image. Parameters and MACs are counted; times are measured with
    convlab (float32, the best of a few runs) the first time a setting is shown, then
    cached, so going back to a setting costs nothing.

    Parameters
    ----------
    c_in, c_out : int
        Initial channel counts, within the sliders' ranges (:data:`RANGES`).
    k : int
        Initial kernel size: odd, 1 to 7.
    size : int, 4 to 56
        Height and width of the timed input (not a slider).

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    initial = {"c_in": c_in, "c_out": c_out, "k": k}
    for name, value in initial.items():
        _, low, high, step = RANGES[name]
        if not _is_int(value) or not low <= value <= high or (value - low) % step:
            kind = "an odd integer" if step == 2 else "an integer"
            raise ValueError(f"{name} must be {kind} in {low}..{high}, got {value!r}")
    if not _is_int(size) or not 4 <= size <= 56:
        raise ValueError(f"size must be an integer in 4..56, got {size!r}")
    view, timer = DepthwiseCostView(c_out_max=RANGES["c_out"][2]), LayerTimer(size=size)
    controls = {name: _slider(initial[name], *RANGES[name]) for name in RANGES}

    def update(c_in, c_out, k):
        return view.update(c_in, c_out, k, timer(c_in, c_out, k), size)

    return Explorer(view.figure, update, controls)


class LayerTimer:
    """Measured times of a standard layer and of its depthwise separable replacement.

    ``timer(c_in, c_out, k)`` returns ``{'standard': s, 'depthwise': s, 'pointwise': s}``:
    the seconds convlab takes for ``conv2d`` with a (C_out, C_in, k, k) weight, for
    ``depthwise_conv2d`` with a (C_in, 1, k, k) weight, and for ``pointwise_conv2d`` with a
    (C_out, C_in, 1, 1) weight, on a batch-1 float32 input of size x size with 'same'
    padding (k // 2). Each figure is the best of `repeat` runs (other programs only ever
    make a run slower), the layers taking turns, and is measured once: the depthwise time
    depends on (C_in, k) only, the pointwise time on (C_in, C_out) only, and both are shared
    between settings.

    Parameters
    ----------
    size : int
        Input height and width.
    repeat : int
        Runs per measurement.
    seed : int
        Seed of the random inputs and weights.
    """

    def __init__(self, size=14, repeat=3, seed=0):
        self.size, self.repeat = size, repeat
        self._rng = np.random.default_rng(seed)
        self._inputs, self._seconds = {}, {}

    def __call__(self, c_in, c_out, k):
        x, same = self._input(c_in), {"padding": k // 2}
        layers = {
            ("standard", c_in, c_out, k): (conv2d, (c_out, c_in, k, k), same),
            ("depthwise", c_in, k): (depthwise_conv2d, (c_in, 1, k, k), same),
            ("pointwise", c_in, c_out): (pointwise_conv2d, (c_out, c_in, 1, 1), {}),
        }
        calls = {
            key: functools.partial(
                operator, x, self._rng.standard_normal(shape, dtype=np.float32), **kwargs
            )
            for key, (operator, shape, kwargs) in layers.items()
            if key not in self._seconds
        }
        # Round robin: a slow spell of the machine then slows every layer's run alike,
        # instead of all the runs of one layer.
        for _ in range(self.repeat):
            for key, call in calls.items():
                seconds = best_time(call, repeat=1)
                self._seconds[key] = min(seconds, self._seconds.get(key, seconds))
        return {key[0]: self._seconds[key] for key in layers}

    def measured(self):
        """How many distinct layers have been timed so far."""
        return len(self._seconds)

    def _input(self, c_in):
        if c_in not in self._inputs:
            shape = (1, c_in, self.size, self.size)
            self._inputs[c_in] = self._rng.standard_normal(shape, dtype=np.float32)
        return self._inputs[c_in]


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _slider(value, label, low, high, step):
    return ipywidgets.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        continuous_update=False,
        style={"description_width": "60px"},
    )
