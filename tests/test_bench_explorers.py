"""convlab.bench_explorers: explorers found, every move timed, limits judged."""

import ipywidgets
import pytest
from matplotlib.figure import Figure

from convlab import bench_explorers, widgets


@pytest.fixture
def toy(monkeypatch):
    """An explorer with a slider, a dropdown and a checkbox, on a figure with one line."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    figure = Figure(figsize=(2, 1))
    (line,) = figure.add_subplot().plot([0, 1])

    def update(n, colour, dashed):
        line.set_data(range(n), range(n))
        line.set_color(colour)
        line.set_linestyle("--" if dashed else "-")

    controls = {
        "n": ipywidgets.IntSlider(value=2, min=2, max=9),
        "colour": ipywidgets.Dropdown(options=["red", "blue", "green"], value="red"),
        "dashed": ipywidgets.Checkbox(value=False),
    }
    return widgets.Explorer(figure, update, controls)


def test_targets_visit_ends_and_options_and_come_back(toy):
    assert bench_explorers.targets(toy.controls["n"]) == [4, 6, 7, 9, 2]
    assert bench_explorers.targets(toy.controls["colour"]) == ["blue", "green", "red"]
    assert bench_explorers.targets(toy.controls["dashed"]) == [True, False]
    assert bench_explorers.targets(ipywidgets.IntSlider(value=0, min=0, max=0)) == []


def test_every_move_is_timed_and_the_control_restored(toy):
    toy.controls["n"].value = 5
    moves = bench_explorers.time_control(toy, "n", repeats=2)
    assert len(moves) == len([2, 4, 6, 7, 9, 5]) and toy.controls["n"].value == 5
    assert all(0 < compute <= total for compute, total in moves)


def test_the_report_flags_a_move_over_a_limit():
    rows = [("fast", "x", [(0.001, 0.050)]), ("slow", "y", [(0.001, 0.050), (0.120, 0.300)])]
    text = bench_explorers.report(rows, {("fast", "x"): [0.2]}, load="0.0")
    assert "| `fast` | x | 1 (1) | 50 (50) | 200 (200) | yes |" in text
    assert "| `slow` | y |" in text and "**no** |" in text
    assert "**over a limit**: `slow`" in text
    assert not bench_explorers.within_limits(rows) and bench_explorers.within_limits(rows[:1])


def test_explorers_are_found_without_a_list():
    found = bench_explorers.explorer_functions()
    assert {"slide_1d", "window_2d", "conv_arithmetic"} <= set(found)
    assert all(callable(f) for f in found.values())
