"""What every explorer shares (convlab/widgets/_base.py, _render.py): the render and refresh."""

import io

import ipywidgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from convlab import bench_explorers, widgets
from convlab.widgets import _base, _render

EXPLORERS = bench_explorers.explorer_functions()


def pixels(figure, canvas):
    """The figure drawn by `canvas` (a canvas object, kept with its renderer, or a class)."""
    if isinstance(canvas, type):
        canvas = canvas(figure)
    figure.set_canvas(canvas)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_every_explorer_is_found_and_none_is_listed_by_hand():
    assert {"slide_1d", "window_2d", "conv_arithmetic"} <= set(EXPLORERS)
    assert "Explorer" not in EXPLORERS and "inert" not in EXPLORERS


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_glyph_cache_draws_the_pixels_of_plain_agg(name, live):
    """Every explorer, as first shown and after each control moved: the same pixels."""
    explorer = EXPLORERS[name]()
    figure = explorer.figure
    cached = _render.ExplorerCanvas(figure)  # one renderer: later draws reuse its glyphs
    assert np.array_equal(pixels(figure, cached), pixels(figure, FigureCanvasAgg))
    for control in explorer.controls:
        values = bench_explorers.targets(explorer.controls[control])
        if values:
            explorer.controls[control].value = values[0]
            plain = pixels(figure, FigureCanvasAgg)
            assert np.array_equal(pixels(figure, cached), plain), f"{name} after moving {control}"


def test_rotated_mono_and_moved_texts_match_plain_agg():
    figure = Figure(figsize=(3, 2), dpi=90)
    ax = figure.add_subplot()
    ax.set_ylabel("rotated label ÿ")
    ax.text(0.2, 0.5, "not antialiased", antialiased=False)
    moving = ax.text(0.1, 0.1, "moves by a fraction of a pixel")
    cached = _render.ExplorerCanvas(figure)
    for x in (0.1, 0.1 + 1 / 700, 0.3, 0.1):
        moving.set_x(x)
        assert np.array_equal(pixels(figure, cached), pixels(figure, FigureCanvasAgg))


def test_png_is_opaque_rgb_at_the_explorer_dpi():
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().plot([0, 1])
    image = Image.open(io.BytesIO(_base.png(figure, dpi=90)))
    assert image.mode == "RGB" and image.size == (180, 90)
    figure.patch.set_alpha(0)
    assert Image.open(io.BytesIO(_base.png(figure, dpi=90))).mode == "RGBA"


def test_a_control_that_update_clamps_costs_one_render(live, monkeypatch):
    """Lowering one slider's max from `update` clamps its value: one more update, one render."""
    renders = []
    monkeypatch.setattr(_base, "png", lambda figure, dpi: renders.append(1) or b"png")
    figure = Figure()
    size = ipywidgets.IntSlider(value=9, min=1, max=9)
    cell = ipywidgets.IntSlider(value=9, min=0, max=9)
    seen = []

    def update(size, cell):
        seen.append((size, cell))
        controls["cell"].max = size - 1  # clamps cell, which calls refresh again
        return f"{size} {cell}"

    controls = {"size": size, "cell": cell}
    explorer = widgets.Explorer(figure, update, controls)
    renders.clear()
    size.value = 3
    assert len(renders) == 1
    assert seen[-1] == (3, 2) and explorer.message.value == "3 2"


def test_explorer_is_marked_for_the_browser_tests(live):
    explorer = widgets.Explorer(Figure(), lambda x: None, {"x": ipywidgets.IntSlider()})
    assert "convlab-explorer" in explorer._dom_classes
    assert "convlab-controls" in explorer.children[0]._dom_classes
