"""The cost explorer of notebook 08: counted parameters and MACs, measured times, cached."""

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import widgets
from convlab.viz.depthwise import DepthwiseCostView
from convlab.widgets.depthwise import LayerTimer, best_time


def fake_times(standard=4.0, depthwise=1.0, pointwise=0.5):
    """Times in seconds, as LayerTimer returns them, but chosen: the figure is then exact."""
    return {"standard": standard, "depthwise": depthwise, "pointwise": pointwise}


def bar_heights(view):
    """(standard, depthwise, pointwise) heights of the parameter, MAC and time bars."""
    return [
        [bar.get_height() for bar in bars]
        for bars in (view.standard_bars, view.depthwise_bars, view.pointwise_bars)
    ]


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.depthwise_cost() is None


def test_explorer_shows_a_png_and_the_counts_of_convlab(live):
    view = widgets.depthwise_cost(c_in=16, c_out=32, k=3)
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    message = view.message.value
    assert f"= {cl.conv_params(16, 32, 3):,};" in message  # 4,608
    assert f"= {cl.depthwise_separable_params(16, 32, 3):,};" in message  # 656
    assert "144 + 512" in message and "1/32 + 1/9" in message
    assert f"<b>{656 / 4608:.3f}</b>" in message


@pytest.mark.parametrize("name", ["c_in", "c_out", "k"])
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does moving each slider redraw: new PNG bytes, message and figures above the bars?"""
    view = widgets.depthwise_cost(c_in=8, c_out=16, k=3, size=8)
    control = view.controls[name]
    png, message = bytes(view.image.value), view.message.value
    labels = [text.get_text() for text in view.figure.axes[1].texts]
    control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != png and view.message.value != message
    assert [text.get_text() for text in view.figure.axes[1].texts] != labels


@pytest.mark.parametrize(
    ("c_in", "c_out", "k"), [(16, 32, 3), (3, 32, 3), (64, 256, 7), (8, 8, 1), (1, 1, 5)]
)
def test_the_figure_shows_convlabs_counts_and_the_given_times(c_in, c_out, k):
    """Bars: separable parts over standard; markers: the MAC and time ratios; curve: 1/C + 1/k²."""
    view = DepthwiseCostView()
    times = fake_times()
    message = view.update(c_in, c_out, k, times, size=14)
    standard = cl.conv_params(c_in, c_out, k)
    depthwise = cl.conv_params(c_in, c_in, k, groups=c_in)
    pointwise = cl.conv_params(c_in, c_out, 1)
    assert depthwise + pointwise == cl.depthwise_separable_params(c_in, c_out, k)
    standard_bars, depthwise_bars, pointwise_bars = bar_heights(view)
    assert standard_bars == [1.0, 1.0, 1.0]
    assert np.allclose(depthwise_bars, [depthwise / standard] * 2 + [1.0 / 4.0])
    assert np.allclose(pointwise_bars, [pointwise / standard] * 2 + [0.5 / 4.0])
    assert [bar.get_y() for bar in view.pointwise_bars] == pytest.approx(depthwise_bars)
    ratio = cl.depthwise_separable_macs(c_in, c_out, k, 14) / cl.conv_macs(c_in, c_out, k, 14)
    assert view.mac_marker.get_xydata().tolist() == [[c_out, pytest.approx(ratio)]]
    assert view.time_marker.get_xydata().tolist() == [[c_out, pytest.approx(1.5 / 4.0)]]
    curve_c_out, curve_ratio = view.curve.get_data()
    counted = [
        cl.depthwise_separable_params(4, int(c), k) / cl.conv_params(4, int(c), k)
        for c in curve_c_out
    ]
    assert np.allclose(curve_ratio, counted)
    assert view.limit.get_ydata()[0] == pytest.approx(1 / k**2)
    labels = [text.get_text() for text in view.standard_labels + view.separable_labels]
    assert labels[2] == "4000 ms" and labels[5] == "1500 ms"
    (shown,) = re.findall(r"ratio 1/C_out \+ 1/k² = 1/\d+ \+ 1/\d+ = <b>([\d.]+)</b>", message)
    assert float(shown) == pytest.approx(ratio, abs=5e-4)
    (time_ratio,) = re.findall(r"time ratio <b>([\d.]+)</b>", message)
    assert float(time_ratio) == pytest.approx(0.375, abs=0.006)  # shown to 2 decimals


def test_a_time_ratio_off_the_axis_is_pinned_to_its_edge():
    view = DepthwiseCostView()
    view.update(4, 4, 3, fake_times(standard=1e-6, depthwise=1.0, pointwise=1.0), size=14)
    low, high = view.curve_axes.get_ylim()
    assert low < view.time_marker.get_xydata()[0, 1] < high
    assert view.bar_axes.get_ylim()[1] >= max(d + p for d, p in zip(*bar_heights(view)[1:]))


def test_the_timer_measures_each_part_once_and_shares_it():
    """Each layer is timed once: the depthwise time is shared by every C_out, the pointwise by k."""
    timer = LayerTimer(size=6, repeat=1)
    first = timer(4, 8, 3)
    assert set(first) == {"standard", "depthwise", "pointwise"}
    assert all(seconds > 0 for seconds in first.values())
    assert timer.measured() == 3
    assert timer(4, 8, 3) == first and timer.measured() == 3  # cached
    second = timer(4, 16, 3)  # new standard and pointwise layers, the same depthwise one
    assert timer.measured() == 5 and second["depthwise"] == first["depthwise"]
    third = timer(4, 16, 5)  # new standard and depthwise layers, the same pointwise one
    assert timer.measured() == 7 and third["pointwise"] == second["pointwise"]


def test_best_time_is_the_shortest_run():
    calls = []
    seconds = best_time(calls.append, 1, repeat=4)
    assert calls == [1, 1, 1, 1] and 0 <= seconds < 1
    with pytest.raises(ValueError, match="repeat"):
        best_time(print, repeat=0)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"c_in": 0}, "c_in"),
        ({"c_in": 129}, "c_in"),
        ({"c_in": 8.0}, "c_in"),
        ({"c_in": True}, "c_in"),
        ({"c_out": 257}, "c_out"),
        ({"k": 2}, "k"),
        ({"k": 9}, "k"),
        ({"size": 3}, "size"),
        ({"size": 57}, "size"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.depthwise_cost(**kwargs)


def test_the_view_draws_into_given_axes():
    figure = Figure()
    view = DepthwiseCostView(ax=figure.subplots(1, 2))
    assert view.figure is figure
    assert "<b>0.142</b>" in view.update(16, 32, 3, fake_times(), size=14)  # 656 / 4608
