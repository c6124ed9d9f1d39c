"""Notebook 10's figures and explorer: connectivity from conv2d, inert under nbgrader, live."""

import numpy as np
import pytest

import convlab as cl
from convlab import viz, widgets


def test_explorer_is_inert_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.group_explorer() is None


def test_every_control_redraws_the_figure(live):
    view = widgets.group_explorer()
    assert bytes(view.image.value).startswith(b"\x89PNG")
    for name, value in [("c_in", 8), ("c_out", 24), ("groups", 8), ("k", 5)]:
        before = bytes(view.image.value)
        view.controls[name].value = value
        assert bytes(view.image.value) != before, f"{name} did not redraw"


def test_the_message_counts_parameters_with_convlab(live):
    view = widgets.group_explorer(c_in=16, c_out=32, groups=4, k=3)
    dense, grouped = cl.conv_params(16, 32, 3), cl.conv_params(16, 32, 3, groups=4)
    assert f"<b>{grouped:,}</b> = {dense:,} / 4" in view.message.value
    assert "reads <b>4</b> of 16 input channels" in view.message.value
    heights = [bar.get_height() for bar in view.figure.axes[1].patches]
    assert heights == [dense, grouped, cl.conv_params(16, 32, 3, groups=16)]


def test_groups_offer_only_common_divisors_and_follow_the_channels(live):
    view = widgets.group_explorer(c_in=16, c_out=16, groups=8)
    assert list(view.controls["groups"].options) == [1, 2, 4, 8, 16]
    view.controls["c_in"].value = 12  # 8 no longer divides: the largest allowed below it
    assert list(view.controls["groups"].options) == [1, 2, 4]
    assert view.controls["groups"].value == 4
    assert "reads <b>3</b> of 12" in view.message.value


def test_connectivity_is_block_diagonal_and_matches_conv2d():
    matrix = viz.group_connectivity(6, 4, 2)
    assert matrix.tolist() == [[1, 1, 1, 0, 0, 0]] * 2 + [[0, 0, 0, 2, 2, 2]] * 2
    for g in viz.common_divisors(12, 8):
        reads = viz.group_connectivity(12, 8, g) > 0
        weight = np.random.default_rng(g).normal(size=(8, 12 // g, 1, 1))
        one_hot = np.eye(12).reshape(12, 12, 1, 1)
        assert np.array_equal(cl.conv2d(one_hot, weight, groups=g)[:, :, 0, 0].T != 0, reads)
        assert reads.sum() == 8 * 12 // g


def test_figures_draw():
    figure = viz.plot_groups_side_by_side(8, 8, [1, 2, 8])
    assert len(figure.axes) == 3
    assert viz.plot_group_connectivity(4, 4, 4).axes[0].get_title().startswith("groups = 4")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: widgets.group_explorer(c_in=0), "c_in"),
        (lambda: widgets.group_explorer(c_out=33), "c_out"),
        (lambda: widgets.group_explorer(k=8), "k"),
        (lambda: widgets.group_explorer(c_in=12, c_out=8, groups=3), "groups"),
        (lambda: viz.group_connectivity(6, 4, 3), "groups"),
        (lambda: viz.common_divisors(4, True), "c_out"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_argument(call, argument, live):
    with pytest.raises(ValueError, match=rf"\b{argument}\b"):
        call()
