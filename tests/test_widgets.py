"""The explorers of notebooks 01 and 02: inert under nbgrader, and every control redraws."""

import numpy as np
import pytest

from convlab import widgets
from convlab.viz.arithmetic import unvisited, window_cells

EXPLORERS = [widgets.slide_1d, widgets.window_2d, widgets.conv_arithmetic]


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_explorer_is_inert_under_nbgrader(explorer, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert explorer() is None


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_every_control_redraws_the_figure(explorer, monkeypatch):
    """Moving any control changes the PNG the learner sees."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    view = explorer()
    assert isinstance(view, widgets.Explorer) and bytes(view.image.value).startswith(b"\x89PNG")
    for name, control in view.controls.items():  # each from the default state
        before, initial = bytes(view.image.value), control.value
        if hasattr(control, "options"):
            control.value = [o for o in control.options if o != control.value][0]
        elif isinstance(control.value, bool):
            control.value = not control.value
        else:
            control.value = control.max if control.value != control.max else control.min
        assert bytes(view.image.value) != before, f"{explorer.__name__}: {name} did not redraw"
        control.value = initial


def test_slide_1d_sums_the_products_under_the_kernel(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    view = widgets.slide_1d(signal=[1.0, 2.0, 3.0], kernels={"k": [1.0, 10.0]})
    view.controls["position"].value = 1  # kernel over f[0], f[1]: 1*1 + 2*10
    assert "<b>21.000</b>" in view.message.value
    view.controls["flip"].value = True  # flipped: 1*10 + 2*1
    assert "<b>12.000</b>" in view.message.value


def test_window_2d_shows_the_worked_example(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    view = widgets.window_2d()
    assert view.message.value.endswith("<b>12</b>")  # top-left of the 5x5 example
    view.controls["cell"].value = 8
    assert view.message.value.endswith("<b>14</b>")
    view.controls["mode"].value = "full"
    assert view.controls["cell"].max == 48


def test_conv_arithmetic_flags_unread_rows_exactly_when_the_stride_leaves_some(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    view = widgets.conv_arithmetic(i=8, k=3, stride=2, padding=0)
    assert "mod s = 1" in view.message.value and "<b>3</b>" in view.message.value
    view.controls["i"].value = 7
    assert "mod s" not in view.message.value
    view.controls["k"].value = 7
    view.controls["i"].value = 3
    assert "does not fit" in view.message.value


def test_window_cells_and_unvisited_rows():
    assert window_cells(0, 1, 3, stride=2) == [(r, c) for r in range(3) for c in range(2, 5)]
    assert window_cells(1, 1, 2, stride=1, dilation=3) == [(1, 1), (1, 4), (4, 1), (4, 4)]
    for i, k, s, p, d in [(8, 3, 2, 0, 1), (7, 3, 2, 0, 1), (10, 3, 4, 1, 2), (9, 2, 3, 1, 1)]:
        span = d * (k - 1) + 1
        out = (i + 2 * p - span) // s + 1
        last_read = (out - 1) * s + span  # cells 0 .. last_read - 1 are read
        assert unvisited(i, k, s, p, d) == i + 2 * p - last_read
    with pytest.raises(ValueError, match="k"):
        unvisited(2, 5)
    with pytest.raises(ValueError, match="stride"):
        window_cells(0, 0, 3, stride=0)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: widgets.slide_1d(signal=np.ones((2, 2))), "signal"),
        (lambda: widgets.slide_1d(kernels={}), "kernels"),
        (lambda: widgets.window_2d(kernel=np.ones((6, 6))), "kernel"),
        (lambda: widgets.conv_arithmetic(i=0), "i"),
        (lambda: widgets.conv_arithmetic(stride=9), "stride"),
    ],
)
def test_bad_arguments_raise_value_error(call, argument, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    with pytest.raises(ValueError, match=argument):
        call()


@pytest.mark.parametrize("package", ["viz", "widgets"])
def test_no_two_modules_export_the_same_name(package):
    """convlab.viz and convlab.widgets re-export every module with `*`: a name exported twice
    would silently replace the other module's function."""
    import importlib
    import pkgutil

    parent = importlib.import_module(f"convlab.{package}")
    owners = {}
    for module in pkgutil.iter_modules(parent.__path__):
        if module.name.startswith("_"):
            continue
        names = importlib.import_module(f"convlab.{package}.{module.name}").__all__
        for name in names:
            assert name not in owners, f"{name} exported by {owners.get(name)} and {module.name}"
            owners[name] = module.name
