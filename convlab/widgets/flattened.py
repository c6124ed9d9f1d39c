"""Explorer for notebook 09: how well a 3-D filter flattens into three 1-D filters."""

import ipywidgets
import numpy as np

from ..viz.flattened import FLATTENED_EXAMPLES, FlattenedView, flattened_example
from ._base import Explorer, inert

__all__ = ["FLATTENED_NOISE", "flattened_fit"]

# noise added to the filter, relative to its largest entry
FLATTENED_NOISE = (0.0, 0.01, 0.1, 0.3)
ANGLES = (0, 180, 15)  # the angle slider: min, max, step (degrees)
ORIENTED = ("Gabor", "learned-like")  # the filters that have an angle


def flattened_fit(filter="Gabor", angle=0, noise=0.0):
    """Pick a 3 x 5 x 5 filter and see its best flattened (rank-1) approximation.

    Shows the filter (R, G and B slices) next to the closest filter made of three 1-D
    filters (:func:`convlab.rank1_factors`) with its relative error, the three 1-D filters,
    the singular values of the filter's three unfoldings, and, on a colour portrait, the
    three stages of the flattened layer next to one ``conv2d`` with the filter itself.

    Parameters
    ----------
    filter : str
        One of :data:`convlab.viz.FLATTENED_EXAMPLES` (Sobel, Gabor, learned-like, random;
        see :func:`convlab.viz.flattened_example`).
    angle : int
        Degrees, 0 to 180 in steps of 15: the orientation of the Gabor and learned-like
        filters (the slider is disabled for the others).
    noise : float
        One of :data:`FLATTENED_NOISE`: random noise added to the filter, relative to its
        largest entry (the same pattern each time).

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    if filter not in FLATTENED_EXAMPLES:
        raise ValueError(f"filter must be one of {FLATTENED_EXAMPLES}, got {filter!r}")
    low, high, step = ANGLES
    if (
        isinstance(angle, bool)
        or not isinstance(angle, (int, np.integer))
        or not low <= angle <= high
        or angle % step
    ):
        raise ValueError(f"angle must be a multiple of {step} in {low}..{high}, got {angle!r}")
    if noise not in FLATTENED_NOISE:
        raise ValueError(f"noise must be one of {FLATTENED_NOISE}, got {noise!r}")
    view = FlattenedView()
    pattern = np.random.default_rng(9).standard_normal(view.SHAPE)
    style = {"description_width": "50px"}
    controls = {
        "filter": ipywidgets.Dropdown(
            options=FLATTENED_EXAMPLES, value=filter, description="filter", style=style
        ),
        "angle": ipywidgets.IntSlider(
            value=int(angle), min=low, max=high, step=step, description="angle °", style=style
        ),
        "noise": ipywidgets.SelectionSlider(
            options=[(f"{level:g}", level) for level in FLATTENED_NOISE],
            value=noise,
            description="noise",
            style=style,
        ),
    }

    def update(filter, angle, noise):
        controls["angle"].disabled = filter not in ORIENTED
        chosen = flattened_example(filter, view.SHAPE[1], angle)
        chosen = chosen + noise * np.abs(chosen).max() * pattern
        name = f"{filter} at {angle}°" if filter in ORIENTED else filter
        return view.update(chosen, name if not noise else f"{name} + noise {noise:g}")

    return Explorer(view.figure, update, controls)
