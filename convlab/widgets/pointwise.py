"""Explorer for notebook 04: the channel-mixing matrix of a 1x1 convolution, pixel by pixel."""

import ipywidgets
import numpy as np

from ..viz.pointwise import MIXINGS, ChannelMixerView
from ._base import Explorer, inert

__all__ = ["channel_mixer"]

DEFAULT_MIXING = "opponent colours, 3 → 3"


def channel_mixer(mixing=DEFAULT_MIXING, channel=1, row=30, col=30, relu=False):
    """Mix the R, G, B channels of a photo with a chosen 1x1 layer, and follow one pixel.

    A 1x1 convolution applies one (C_out, C_in) matrix W, and a bias b, to the channel vector
    of every pixel: ``y = W x + b``. Pick a matrix (grey, opponent colours, sepia, an
    expansion to 6 channels, ...), an output channel and a pixel: the figure shows the photo,
    that pixel's product with its numbers, and the chosen output channel over the whole image;
    the check box puts a ReLU after the layer.

    Parameters
    ----------
    mixing : str
        A key of :data:`convlab.viz.MIXINGS`.
    channel : int
        The output channel shown, 0 <= channel < C_out of that mixing.
    row, col : int
        The pixel followed, inside the 75 x 64 photo.
    relu : bool
        Whether a ReLU follows the layer.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    if mixing not in MIXINGS:
        raise ValueError(f"mixing must be one of {list(MIXINGS)}, got {mixing!r}")
    view = ChannelMixerView()
    c_out = len(MIXINGS[mixing].weight)
    _, h, w = view.image.shape
    for name, value, high in (
        ("channel", channel, c_out - 1),
        ("row", row, h - 1),
        ("col", col, w - 1),
    ):
        if not _is_int(value) or not 0 <= value <= high:
            raise ValueError(f"{name} must be an integer in 0..{high}, got {value!r}")
    if not isinstance(relu, (bool, np.bool_)):
        raise ValueError(f"relu must be True or False, got {relu!r}")
    style = {"description_width": "initial"}
    controls = {
        "mixing": ipywidgets.Dropdown(
            options=list(MIXINGS), value=mixing, description="W", style=style
        ),
        "channel": _slider(channel, "output channel", c_out - 1),
        "row": _slider(row, "pixel row", h - 1),
        "col": _slider(col, "pixel col", w - 1),
        "relu": ipywidgets.Checkbox(value=bool(relu), description="ReLU after", indent=False),
    }

    def update(mixing, channel, row, col, relu):
        last = len(MIXINGS[mixing].weight) - 1
        controls["channel"].max = last  # lowering max clamps the value (and updates again)
        return view.update(mixing, min(channel, last), row, col, relu)

    return Explorer(view.figure, update, controls)


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _slider(value, label, high):
    return ipywidgets.IntSlider(
        value=value,
        min=0,
        max=high,
        description=label,
        continuous_update=False,
        style={"description_width": "initial"},
    )
