"""The conv-arithmetic explorer of notebook 02 and the figure logic under it."""

import itertools
import re

import numpy as np
import pytest

import convlab as cl
from convlab import widgets
from convlab.viz.arithmetic import COLOURS, ArithmeticView, formula_html, unvisited, window_cells

from .figure_helpers import cells_coloured

CONFIGS = [
    (i, k, s, p, d)
    for i, k, s, p, d in itertools.product(range(1, 10), range(1, 5), range(1, 5), range(3), (1, 2))
    if d * (k - 1) + 1 <= i + 2 * p
]


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.conv_arithmetic() is None


def test_explorer_shows_a_png_and_the_formula(live):
    view = widgets.conv_arithmetic()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert "<b>4</b>" in view.message.value  # i=7, k=3, s=2, p=1: floor(6/2) + 1


@pytest.mark.parametrize("name", ["i", "k", "stride", "padding", "dilation", "out_row", "out_col"])
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does moving each slider redraw: new PNG bytes and new cell colours or grid size?"""
    view = widgets.conv_arithmetic(i=7, k=3, stride=1, padding=1, dilation=1)
    control = view.controls[name]
    png = bytes(view.image.value)
    left = np.array(view.figure.axes[0].images[0].get_array())
    right = np.array(view.figure.axes[1].images[0].get_array())
    control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != png
    new_left = np.asarray(view.figure.axes[0].images[0].get_array())
    new_right = np.asarray(view.figure.axes[1].images[0].get_array())
    assert not (np.array_equal(left, new_left) and np.array_equal(right, new_right))


def test_the_flag_appears_exactly_when_the_stride_leaves_rows_unread():
    """Warning and red cells iff (i + 2p - d(k-1) - 1) mod s != 0; no window reads a red cell."""
    view = ArithmeticView()
    for i, k, s, p, d in CONFIGS:
        message = view.update(i, k, s, p, d, 0, 0)
        left_over = (i + 2 * p - d * (k - 1) - 1) % s
        assert ("mod s" in message) == (left_over != 0), (i, k, s, p, d)
        size, out = i + 2 * p, cl.conv_output_size(i, k, s, p, d)
        red = cells_coloured(view.input_image, COLOURS["unvisited"])
        assert red == {
            (r, c) for r in range(size) for c in range(size) if max(r, c) >= size - left_over
        }
        read = {
            cell
            for r, c in itertools.product(range(out), repeat=2)
            for cell in window_cells(r, c, k, s, d)
        }
        assert max(max(cell) for cell in read) == size - 1 - left_over
        assert not read & red


def test_the_formula_shows_the_output_size_of_conv2d():
    for i, k, s, p, d in CONFIGS[::3]:
        html = formula_html(i, k, s, p, d)
        (shown,) = re.findall(r"<b>(\d+)</b>", html)
        x, weight = np.ones((1, 1, i, i)), np.ones((1, 1, k, k))
        out = cl.conv2d(x, weight, stride=s, padding=p, dilation=d)
        assert int(shown) == out.shape[-1], (i, k, s, p, d)
        assert f"({i} + {2 * p} − {d * (k - 1)} − 1) / {s}" in html


def test_window_cells_are_the_cells_im2col_gathers():
    """Is the highlighted window of each output cell the one conv2d reads (im2col's column)?"""
    for i, k, s, p, d in CONFIGS[::3]:
        size = i + 2 * p
        numbered = np.arange(size * size, dtype=float).reshape(1, 1, size, size)
        columns = cl.im2col(numbered, k, stride=s, dilation=d)[0]  # (k*k, L), padded coordinates
        out = cl.conv_output_size(i, k, s, p, d)
        for r, c in itertools.product(range(out), repeat=2):
            cells = window_cells(r, c, k, stride=s, dilation=d)
            assert [row * size + col for row, col in cells] == columns[:, r * out + c].tolist()


def test_the_figure_highlights_the_taps_and_the_dilation_gaps():
    view = ArithmeticView()
    view.update(8, 3, 2, 1, 2, 1, 2)  # padded 10x10, window top-left (2, 4), span 5
    taps = cells_coloured(view.input_image, COLOURS["tap"])
    gaps = cells_coloured(view.input_image, COLOURS["span"])
    assert taps == set(window_cells(1, 2, 3, stride=2, dilation=2))
    assert taps | gaps == {(r, c) for r in range(2, 7) for c in range(4, 9)}
    assert cells_coloured(view.output_image, COLOURS["chosen"]) == {(1, 2)}
    # (10 - 5) mod 2 = 1: the last row and column are red, the rest of the border grey
    red = cells_coloured(view.input_image, COLOURS["unvisited"])
    assert red == {(r, c) for r in range(10) for c in range(10) if max(r, c) == 9}
    assert cells_coloured(view.input_image, COLOURS["padding"]) == {
        (r, c) for r in range(9) for c in range(9) if min(r, c) == 0
    }


def test_the_output_cell_is_clamped_when_the_output_shrinks(live):
    view = widgets.conv_arithmetic(i=9, k=3, stride=1, padding=0, dilation=1)
    assert view.controls["out_row"].max == 6
    view.controls["out_row"].value = view.controls["out_col"].value = 6
    view.controls["stride"].value = 3  # output 3x3
    assert view.controls["out_row"].value == view.controls["out_col"].value == 2
    assert cells_coloured(view.figure.axes[1].images[0], COLOURS["chosen"]) == {(2, 2)}
    assert view.figure.axes[1].get_title() == "output 3×3, cell (2, 2)"


def test_an_impossible_configuration_gives_a_message_and_recovers(live):
    view = widgets.conv_arithmetic(i=3, k=3, stride=1, padding=0, dilation=1)
    view.controls["dilation"].value = 2  # spans 5 > 3
    assert "does not fit" in view.message.value and "5" in view.message.value
    assert view.figure.axes[1].get_title() == "no output"
    view.controls["padding"].value = 1  # 3 + 2 = 5: one output cell
    assert "<b>1</b>" in view.message.value


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"i": 0}, "i"),
        ({"i": 13}, "i"),
        ({"i": 7.0}, "i"),
        ({"k": 0}, "k"),
        ({"stride": 0}, "stride"),
        ({"padding": -1}, "padding"),
        ({"dilation": 5}, "dilation"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.conv_arithmetic(**kwargs)


def test_window_cells_and_unvisited_reject_bad_arguments():
    with pytest.raises(ValueError, match="out_row"):
        window_cells(-1, 0, 3)
    with pytest.raises(ValueError, match="dilation"):
        window_cells(0, 0, 3, dilation=0)
    with pytest.raises(ValueError, match="k"):
        unvisited(3, 3, dilation=2)
