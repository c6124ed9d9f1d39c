"""Explorer for notebook 11: information flow through grouped 1x1 convolutions and shuffles."""

import ipywidgets

from ..viz.shuffle import LIMITS, FlowView
from ._base import Explorer, inert

__all__ = ["shuffle_flow"]

STYLE = {"description_width": "80px"}


def shuffle_flow(groups=3, per_group=4, layers=2, shuffle=True, output=0):
    """Which input groups reach each output after GConv1 -> shuffle -> GConv2 -> ..., live.

    Controls: the number of groups g, the channels per group n (C = g n), the number of
    grouped 1x1 layers, the channel shuffle between them (on or off) and an output channel
    whose paths back to the input are drawn in black. The heatmap shows, for every output
    channel, the input groups that reach it; the message gives the count,
    min(g, n^(L-1)) with the shuffle and 1 without.

    Parameters
    ----------
    groups : int, 1..6
    per_group : int, 1..6
    layers : int, 1..4
    shuffle : bool
    output : int, 0..groups * per_group - 1

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    initial = {"groups": groups, "per_group": per_group, "layers": layers}
    for name, value in initial.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIMITS[name]:
            raise ValueError(f"{name} must be an integer in 1..{LIMITS[name]}, got {value!r}")
    if not isinstance(shuffle, bool):
        raise ValueError(f"shuffle must be True or False, got {shuffle!r}")
    last = groups * per_group - 1
    if isinstance(output, bool) or not isinstance(output, int) or not 0 <= output <= last:
        raise ValueError(f"output must be an integer in 0..{last}, got {output!r}")
    view = FlowView()
    controls = {
        "groups": _slider(groups, "groups g", 1, LIMITS["groups"]),
        "per_group": _slider(per_group, "per group n", 1, LIMITS["per_group"]),
        "layers": _slider(layers, "layers L", 1, LIMITS["layers"]),
        "shuffle": ipywidgets.Checkbox(value=shuffle, description="shuffle between layers"),
        "output": _slider(output, "trace output", 0, last),
    }

    def update(groups, per_group, layers, shuffle, output):
        last = groups * per_group - 1
        controls["output"].max = last  # lowering max clamps the value (and redraws)
        return view.update(groups, per_group, layers, shuffle, min(output, last))

    return Explorer(view.figure, update, controls)


def _slider(value, label, low, high):
    return ipywidgets.IntSlider(value=value, min=low, max=high, description=label, style=STYLE)
