"""The information-flow explorer of notebook 11 and the figure logic under it."""

import itertools
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import widgets
from convlab.viz.shuffle import (
    ALL_GROUPS,
    UNREACHED,
    FlowView,
    channel_reach,
    group_colour,
    group_reach,
    plot_channel_shuffle,
    plot_information_flow,
    plot_macs,
)

SIZES = list(itertools.product((1, 2, 3, 4, 6), (1, 2, 3, 5)))


def reach_by_hand(groups, per_group, layers, shuffle):
    """The reach of the stack as boolean matrix products: block-diagonal layers, a permutation."""
    channels = groups * per_group
    layer = np.kron(np.eye(groups, dtype=int), np.ones((per_group, per_group), dtype=int))
    permutation = np.zeros((channels, channels), dtype=int)
    for i, j in itertools.product(range(per_group), range(groups)):
        permutation[i * groups + j, j * per_group + i] = 1  # out[i g + j] = in[j n + i]
    reach = layer
    for _ in range(layers - 1):
        reach = layer @ (permutation if shuffle else np.eye(channels, dtype=int)) @ reach
    return reach > 0


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.shuffle_flow() is None


def test_explorer_shows_a_png_and_the_count_of_groups(live):
    view = widgets.shuffle_flow()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert "<b>12 of 12</b> input channels" in view.message.value
    assert "<b>3 of 3</b> input groups" in view.message.value


@pytest.mark.parametrize("name", ["groups", "per_group", "layers", "shuffle", "output"])
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does each control redraw: new PNG bytes, and new node colours, edges or heatmap?"""
    view = widgets.shuffle_flow(groups=3, per_group=4, layers=2, shuffle=True, output=0)
    control = view.controls[name]
    png = bytes(view.image.value)
    before = _state(view)
    if isinstance(control.value, bool):
        control.value = not control.value
    else:
        control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != png
    assert _state(view) != before


def _state(view):
    flow, heat = view.figure.axes
    collections = flow.collections
    return (
        tuple(len(c.get_segments()) for c in collections[:2]),
        np.asarray(collections[2].get_facecolors()).round(3).tobytes(),
        np.asarray(collections[2].get_edgecolors()).round(3).tobytes(),
        np.asarray(heat.images[0].get_array()).tobytes(),
        view.message.value,
    )


@pytest.mark.parametrize(("groups", "per_group"), SIZES)
def test_channel_reach_runs_the_operators_as_the_matrix_products_say(groups, per_group):
    """Is the reach computed through convlab's operators the product of the layers' patterns?"""
    for layers, shuffle in itertools.product((1, 2, 3), (False, True)):
        reach = channel_reach(groups, per_group, layers, shuffle)
        assert np.array_equal(reach, reach_by_hand(groups, per_group, layers, shuffle))


@pytest.mark.parametrize(("groups", "per_group"), SIZES)
def test_every_output_sees_min_g_n_to_the_l_minus_1_groups_with_shuffles(groups, per_group):
    for layers in (1, 2, 3, 4):
        seen = group_reach(groups, per_group, layers, shuffle=True).sum(axis=1)
        assert np.all(seen == min(groups, per_group ** (layers - 1)))
        assert np.all(group_reach(groups, per_group, layers, shuffle=False).sum(axis=1) == 1)


def test_the_heatmap_and_the_last_column_show_the_reach():
    """Heatmap cells coloured exactly where an input group reaches an output; the last column's
    dots black exactly where every group reaches it."""
    view = FlowView()
    for groups, per_group, layers, shuffle in [
        (3, 4, 2, True),
        (6, 2, 2, True),
        (4, 2, 3, False),
        (1, 3, 2, True),
    ]:
        view.update(groups, per_group, layers, shuffle, output=1)
        reach = group_reach(groups, per_group, layers, shuffle)
        pixels = np.asarray(view.heatmap.get_array())
        assert pixels.shape == (groups * per_group, groups, 3)
        for o, j in itertools.product(range(groups * per_group), range(groups)):
            expected = group_colour(j) if reach[o, j] else UNREACHED
            assert np.allclose(pixels[o, j], expected), (groups, per_group, o, j)
        colours = np.asarray(view.nodes.get_facecolors())[:, :3]
        last = colours[-groups * per_group :]
        black = np.all(np.isclose(last, ALL_GROUPS), axis=1)
        assert np.array_equal(black, (reach.sum(axis=1) == groups) & (groups > 1))
        first = colours[: groups * per_group]  # the inputs: their own group's colour
        groups_of = np.arange(groups * per_group) // per_group
        assert np.allclose(first, [group_colour(j) for j in groups_of])


def test_the_trace_reaches_the_inputs_of_the_chosen_output(live):
    """Does the message count the input channels that really reach the traced output?"""
    view = widgets.shuffle_flow(groups=6, per_group=2, layers=2, shuffle=True, output=3)
    reach = channel_reach(6, 2, 2, True)
    assert f"<b>{reach[3].sum()} of 12</b> input channels" in view.message.value
    assert "<b>2 of 6</b> input groups" in view.message.value
    edges = np.asarray(view.figure.axes[0].collections[2].get_edgecolors())[:12, :3]
    outlined = np.flatnonzero(np.all(np.isclose(edges, ALL_GROUPS), axis=1))
    assert outlined.tolist() == np.flatnonzero(reach[3]).tolist()  # the traced input dots
    view.controls["shuffle"].value = False
    assert "<b>1 of 6</b> input groups" in view.message.value


def test_the_message_gives_the_formula_with_the_numbers(live):
    view = widgets.shuffle_flow(groups=4, per_group=2, layers=2)
    assert "min(4, 2<sup>1</sup>) = 2" in view.message.value
    view.controls["layers"].value = 3
    assert "min(4, 2<sup>2</sup>) = 4" in view.message.value
    (shown,) = re.findall(r"from <b>(\d+) of 4</b>", view.message.value)
    assert int(shown) == 4


def test_the_traced_output_is_clamped_when_the_channels_shrink(live):
    view = widgets.shuffle_flow(groups=6, per_group=6, output=35)
    view.controls["per_group"].value = 1  # 6 channels
    assert view.controls["output"].max == 5 and view.controls["output"].value == 5
    marker = view.figure.axes[1].patches[0]
    assert marker.get_xy()[1] == pytest.approx(4.5)  # around row 5


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"groups": 0}, "groups"),
        ({"groups": 7}, "groups"),
        ({"groups": 2.0}, "groups"),
        ({"per_group": 0}, "per_group"),
        ({"layers": 5}, "layers"),
        ({"shuffle": 1}, "shuffle"),
        ({"output": 12}, "output"),
        ({"output": -1}, "output"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.shuffle_flow(**kwargs)


def test_figure_functions_reject_bad_arguments():
    with pytest.raises(ValueError, match="groups"):
        channel_reach(0, 2)
    with pytest.raises(ValueError, match="layers"):
        group_reach(2, 2, layers=0)
    with pytest.raises(ValueError, match="output"):
        plot_information_flow(3, 4, output=12)
    with pytest.raises(ValueError, match="per_group"):
        plot_channel_shuffle(3, 7)
    with pytest.raises(ValueError, match="breakdown"):
        plot_macs({})


def test_the_shuffle_figure_shows_convlabs_order():
    figure = plot_channel_shuffle(3, 4)
    assert isinstance(figure, Figure)
    numbers = [t for t in figure.axes[0].texts if t.get_text().isdigit()]
    bottom = sorted((t for t in numbers if t.get_position()[1] > 1), key=lambda t: t.get_position())
    order = cl.channel_shuffle(np.arange(12)[None], 3)[0]
    assert [int(t.get_text()) for t in bottom] == order.tolist()


def test_the_mac_bars_add_up_to_the_totals():
    breakdown = {"a": {"x": 2_000_000, "y": 1_000_000}, "b": {"y": 500_000}}
    figure = plot_macs(breakdown)
    bars = figure.axes[0].patches
    ends = {}
    for bar in bars:
        row = round(bar.get_y() + bar.get_height() / 2)
        ends[row] = max(ends.get(row, 0), bar.get_x() + bar.get_width())
    assert ends == pytest.approx({0: 3.0, 1: 0.5})
    assert [t.get_text().strip() for t in figure.axes[0].texts] == ["3.0 M", "0.5 M"]


def test_the_static_flow_figure_is_a_figure():
    figure = plot_information_flow(3, 4, layers=2, shuffle=False)
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    assert figure.axes[1].get_title() == "1 of 3 groups reach each output"
