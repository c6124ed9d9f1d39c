"""Explorer for notebook 10: the connectivity of a grouped convolution."""

import ipywidgets

from ..viz.grouped import MAX_CHANNELS, GroupView, common_divisors
from ._base import Explorer, inert

__all__ = ["group_explorer"]

STYLE = {"description_width": "90px"}


def group_explorer(c_in=16, c_out=16, groups=4, k=3):
    """Input and output channels, groups and kernel size of a grouped convolution, live.

    Shows which input channels each output channel reads (a block-diagonal matrix, one
    colour per group) and the parameters of the dense, grouped and depthwise layers. The
    groups slider offers only the divisors of both channel counts, from 1 (dense) up; with
    C_out = C_in its last stop is the depthwise convolution.

    Parameters
    ----------
    c_in, c_out : int, 1..32
    groups : int, dividing both
    k : int, 1..7

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    for name, value, high in (
        ("c_in", c_in, MAX_CHANNELS),
        ("c_out", c_out, MAX_CHANNELS),
        ("k", k, 7),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise ValueError(f"{name} must be an integer in 1..{high}, got {value!r}")
    if groups not in common_divisors(c_in, c_out):
        raise ValueError(f"groups must divide c_in={c_in} and c_out={c_out}, got {groups!r}")
    view = GroupView()
    controls = {
        "c_in": _slider(c_in, "C_in", MAX_CHANNELS),
        "c_out": _slider(c_out, "C_out", MAX_CHANNELS),
        "groups": ipywidgets.SelectionSlider(
            options=common_divisors(c_in, c_out), value=groups, description="groups g", style=STYLE
        ),
        "k": _slider(k, "kernel k", 7),
    }

    def update(c_in, c_out, groups, k):
        allowed = common_divisors(c_in, c_out)
        if list(controls["groups"].options) != allowed:
            # keep the largest allowed count not above the current one (1 always is)
            groups = max(g for g in allowed if g <= groups)
            controls["groups"].options = allowed
            controls["groups"].value = groups
        return view.update(c_in, c_out, groups, k)

    return Explorer(view.figure, update, controls)


def _slider(value, label, high):
    return ipywidgets.IntSlider(value=value, min=1, max=high, description=label, style=STYLE)
