"""The channel-mixer explorer of notebook 04: a 1x1 layer on a colour photo, pixel by pixel."""

import re

import numpy as np
import pytest

import convlab as cl
from convlab import data, viz, widgets
from convlab.viz.pointwise import MIXINGS, ChannelMixerView

GREY = "grey (ITU-R 601 luma), 3 → 1"
WIDE = "light and dark, 3 → 6 (with a bias)"


def shown_value(message):
    """The bold number of the message: the chosen output channel at the chosen pixel."""
    (value,) = re.findall(r"<b>(-?[\d.]+)</b>", message)
    return float(value)


def reference(view, mixing, relu=False):
    """convlab's 1x1 convolution of the explorer's photo with a mixing: (C_out, H, W)."""
    weight, bias, _ = MIXINGS[mixing]
    out = cl.pointwise_conv2d(view.image[None], weight[:, :, None, None], bias)[0]
    return np.maximum(out, 0.0) if relu else out


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.channel_mixer() is None


def test_explorer_shows_a_png_and_the_value_convlab_computes(live):
    view = widgets.channel_mixer(channel=1, row=30, col=30)
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    photo = viz.colour_photo(64)
    expected = cl.pointwise_conv2d(
        photo[None], MIXINGS["opponent colours, 3 → 3"].weight[:, :, None, None]
    )[0, 1, 30, 30]
    assert shown_value(view.message.value) == pytest.approx(expected, abs=5e-4)
    assert "red − green" in view.message.value
    assert "the same 3×3 matrix at all 75×64 = 4,800 pixels" in view.message.value
    assert f"{9 * 4800:,} MACs" in view.message.value  # C_out C_in H W


@pytest.mark.parametrize("name", ["mixing", "channel", "row", "col", "relu"])
def test_every_control_changes_the_png(live, name):
    """Does moving each control, from the default state, redraw the figure?"""
    view = widgets.channel_mixer()
    control, png = view.controls[name], bytes(view.image.value)
    if name == "mixing":
        control.value = WIDE
    elif name == "relu":
        control.value = not control.value
    else:
        control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != png


@pytest.mark.parametrize("mixing", list(MIXINGS))
@pytest.mark.parametrize("relu", [False, True])
def test_the_figure_shows_convlabs_output_and_the_pixels_product(mixing, relu):
    """Output map, W, b, x and y of the drawing, and the message: all from pointwise_conv2d."""
    view = ChannelMixerView()
    weight, bias, names = MIXINGS[mixing]
    out = reference(view, mixing, relu)
    row, col = 64, 53  # the ribbons on the uniform
    for channel in range(len(weight)):
        message = view.update(mixing, channel, row, col, relu)
        assert np.array_equal(view.output_image.get_array(), out[channel])
        assert np.array_equal(view.blocks["W"].get_array(), weight)
        assert np.array_equal(view.blocks["b"].get_array()[:, 0], bias)
        assert np.allclose(view.blocks["y"].get_array()[:, 0], out[:, row, col])
        dense = weight @ view.image[:, row, col] + bias  # the dense layer at that pixel
        assert np.allclose(out[:, row, col], np.maximum(dense, 0.0) if relu else dense)
        assert shown_value(message) == pytest.approx(out[channel, row, col], abs=5e-4)
        assert names[channel] in view.output_title.get_text()
        assert [m.get_data() for m in view.markers] == [([col], [row])] * 2
        shown = [t.get_text() for t in view.x_texts]
        assert shown == [f"{v:.2f}" for v in view.image[:, row, col]]
        visible = [t for row_texts in view.texts["y"] for t in row_texts if t.get_visible()]
        assert len(visible) == len(weight)
    assert ("max(0," in view.title.get_text()) == relu


def test_grey_is_the_luma_of_the_course_data():
    """The 3 -> 1 mixing is how convlab.data makes its grey portrait."""
    view = ChannelMixerView()
    assert np.allclose(reference(view, GREY)[0], data.grace_hopper(size=64))


def test_the_channel_slider_follows_the_number_of_output_channels(live):
    view = widgets.channel_mixer(mixing=WIDE, channel=5)
    assert view.controls["channel"].max == 5
    view.controls["mixing"].value = GREY  # one output channel: the slider is clamped to 0
    assert view.controls["channel"].max == 0 and view.controls["channel"].value == 0
    assert "y[0] (grey)" in view.message.value
    view.controls["relu"].value = True  # the light and dark channels: nothing is lost
    view.controls["mixing"].value = WIDE
    assert view.controls["channel"].max == 5


def test_light_and_dark_keeps_every_value_through_the_relu():
    """ReLU(v - 1/2) - ReLU(1/2 - v) = v - 1/2: the expansion to 6 channels loses nothing."""
    view = ChannelMixerView()
    out = reference(view, WIDE, relu=True)
    assert np.allclose(out[0::2] - out[1::2], view.image - 0.5)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"mixing": "sharpen"}, "mixing"),
        ({"channel": 3}, "channel"),
        ({"channel": -1}, "channel"),
        ({"mixing": GREY, "channel": 1}, "channel"),
        ({"row": 75}, "row"),
        ({"col": 64}, "col"),
        ({"col": 2.0}, "col"),
        ({"row": True}, "row"),
        ({"relu": "yes"}, "relu"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.channel_mixer(**kwargs)


def test_the_view_refuses_bad_settings():
    view = ChannelMixerView()
    with pytest.raises(ValueError, match="mixing"):
        view.update("unknown", 0, 0, 0)
    with pytest.raises(ValueError, match="channel"):
        view.update(GREY, 1, 0, 0)
    with pytest.raises(ValueError, match="image"):
        ChannelMixerView(image=np.zeros((2, 4, 4)))
