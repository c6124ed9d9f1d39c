"""The dilated-stack explorer of notebook 06: inert under nbgrader, every control redraws, and
what it shows (field, pixels reached, paths) is what convlab's layers compute."""

import re

import numpy as np
import pytest

import convlab as cl
from convlab import widgets
from convlab.viz.dilated import StackView


def impulse_response(rates, kernel_size):
    """One lit pixel through `rates` layers of k x k ones (padding 'same'): paths to each output."""
    size = 2 * cl.receptive_field([kernel_size] * len(rates), dilations=rates) + 1
    lit = np.zeros((1, 1, size, size))
    lit[0, 0, size // 2, size // 2] = 1.0
    for d in rates:
        lit = cl.conv2d(lit, np.ones((1, 1, kernel_size, kernel_size)), padding="same", dilation=d)
    return np.rint(lit[0, 0]).astype(int), size // 2


def shown_numbers(message):
    """(receptive field, pixels reached) from the explorer's message."""
    bold = [int(n) for n in re.findall(r"<b>(\d+)", message)]
    return bold[0], bold[1]


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.dilated_stack() is None


def test_default_shows_the_rates_1_2_4_stack(live):
    view = widgets.dilated_stack()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert view.controls["rates"].value == (1, 2, 4) and view.controls["depth"].value == 3
    assert shown_numbers(view.message.value) == (15, 225) and "no holes" in view.message.value


@pytest.mark.parametrize("name", ["rates", "depth", "kernel_size"])
def test_every_control_changes_the_png(live, name):
    view = widgets.dilated_stack()
    control = view.controls[name]
    before = bytes(view.image.value)
    if name == "rates":
        control.value = (2, 2, 2)
    else:
        control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != before


def test_the_layer_slider_walks_through_3_7_15(live):
    """The question the explorer answers: how wide is the field after each layer of 1, 2, 4?"""
    view = widgets.dilated_stack()
    fields = []
    for depth in (1, 2, 3):
        view.controls["depth"].value = depth
        fields.append(shown_numbers(view.message.value)[0])
    assert fields == [3, 7, 15]


@pytest.mark.parametrize("rates", list(widgets.RATE_PRESETS.values()))
@pytest.mark.parametrize("kernel_size", [2, 3, 4, 5])
def test_field_and_pixels_reached_are_those_of_conv2d_layers(rates, kernel_size):
    """Message and map against an impulse pushed through actual convlab.conv2d layers."""
    view = StackView()
    for depth in range(1, len(rates) + 1):
        message = view.update(rates, depth, kernel_size)
        response, centre = impulse_response(rates[:depth], kernel_size)
        field = cl.receptive_field([kernel_size] * depth, dilations=rates[:depth])
        reached = np.count_nonzero(response)
        assert shown_numbers(message) == (field, reached)
        holes = field**2 - reached
        assert (f"<b>{holes} holes</b>" if holes else "no holes") in message
        # The map counts paths per input offset u; the impulse reaches output centre - u.
        shown = np.asarray(view.image.get_array().filled(0))
        offsets = np.arange(field) + int(view.image.get_extent()[0] + 0.5)
        rows = centre - offsets
        assert np.array_equal(shown, response[np.ix_(rows, rows)])
        assert f"{depth}·{kernel_size}² = {depth * kernel_size**2}" in message


def test_the_stack_diagram_lights_the_reached_pixels_and_draws_every_tap():
    view = StackView()
    view.update((2, 2, 2), 3, 3)
    lit = np.asarray(view.reached.get_offsets())
    inputs = sorted(int(x) for x, row in lit if row == 0)
    assert inputs == list(range(-6, 7, 2))  # every second pixel of the 13: gridding
    assert len(lit) == 1 + 3 + 5 + 7  # output, then the nodes of layers 2 and 1, and the input
    assert len(view.edges.get_segments()) == 3 * (1 + 3 + 5)  # k taps from each lit node above
    assert [label.get_text() for label in view.labels[:4]] == [
        "input",
        "layer 1, d=2",
        "layer 2, d=2",
        "layer 3, d=2",
    ]


def test_a_new_stack_is_followed_to_its_last_layer(live):
    view = widgets.dilated_stack()
    view.controls["depth"].value = 1
    view.controls["rates"].value = (1, 2, 4, 8)
    assert view.controls["depth"].max == 4 and view.controls["depth"].value == 4
    assert shown_numbers(view.message.value)[0] == 31
    view.controls["rates"].value = (1, 5)
    assert view.controls["depth"].max == 2 and view.controls["depth"].value == 2
    assert shown_numbers(view.message.value) == (13, 81) and "88 holes" in view.message.value


def test_custom_rates_join_the_dropdown(live):
    view = widgets.dilated_stack(rates=[1, 3, 9], kernel_size=3, depth=2)
    assert view.controls["rates"].value == (1, 3, 9)
    assert "1, 3, 9" in view.controls["rates"].label
    assert shown_numbers(view.message.value)[0] == cl.receptive_field([3, 3], dilations=[1, 3])


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"rates": ()}, "rates"),
        ({"rates": (1, 0)}, "rates"),
        ({"rates": (1, 2.0)}, "rates"),
        ({"rates": (1, 17)}, "rates"),
        ({"rates": (1,) * 7}, "rates"),
        ({"rates": 4}, "rates"),
        ({"kernel_size": 1}, "kernel_size"),
        ({"kernel_size": 6}, "kernel_size"),
        ({"kernel_size": 3.0}, "kernel_size"),
        ({"kernel_size": True}, "kernel_size"),
        ({"depth": 0}, "depth"),
        ({"depth": 4}, "depth"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.dilated_stack(**kwargs)
