"""The explorers of notebook 01 (slide_1d, window_2d) and the figures under them."""

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

import convlab as cl
from convlab import data, widgets
from convlab.viz.correlation import (
    WINDOW_COLOUR,
    SlideView,
    WindowView,
    plot_correlation_vs_convolution,
    plot_modes,
)


@pytest.mark.parametrize("explorer", [widgets.slide_1d, widgets.window_2d])
def test_explorers_do_nothing_under_nbgrader(monkeypatch, explorer):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert explorer() is None


@pytest.mark.parametrize(
    ("explorer", "name", "value"),
    [
        (widgets.slide_1d, "position", 9),
        (widgets.slide_1d, "flip", True),
        (widgets.slide_1d, "kernel", "even [1, -1]"),
        (widgets.window_2d, "cell", 4),
        (widgets.window_2d, "mode", "full"),
    ],
)
def test_each_control_changes_the_picture(live, explorer, name, value):
    """Does moving one control, from the default state, change the figure's artists and give
    new PNG bytes, on the same figure (updated, not rebuilt)?"""
    view = explorer()
    assert isinstance(view, widgets.Explorer)
    figure, before, artists = view.figure, bytes(view.image.value), artist_state(view.figure)
    assert before.startswith(b"\x89PNG")
    view.controls[name].value = value
    assert bytes(view.image.value) != before
    assert artist_state(view.figure) != artists
    assert view.figure is figure


def artist_state(figure):
    """What the figure shows, as plain values: line data, image pixels, texts, patch corners."""
    state = []
    for ax in figure.axes:
        state += [np.asarray(line.get_xydata()).round(9).tolist() for line in ax.lines]
        state += [np.asarray(image.get_array()).round(9).tolist() for image in ax.images]
        state += [(t.get_text(), t.get_position(), t.get_visible()) for t in ax.texts]
        state += [np.asarray(patch.get_xy()).tolist() for patch in ax.patches]
        state += [ax.get_title(), ax.get_xlim(), ax.get_ylim()]
    return state


def test_slide_1d_offers_an_asymmetric_and_an_even_kernel(live):
    kernels = [np.asarray(k) for k in widgets.KERNELS_1D.values()]
    assert any(not np.array_equal(k, k[::-1]) for k in kernels)
    assert any(k.size % 2 == 0 for k in kernels)
    view = widgets.slide_1d()
    view.controls["kernel"].value = "even [1, -1]"  # m = 2: the last position is n + m - 2
    assert view.controls["position"].max == 24 + 2 - 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"signal": [[1.0, 2.0], [3.0, 4.0]]},
        {"signal": [1.0]},
        {"kernels": {}},
        {"kernels": {"empty": []}},
        {"kernels": {"2-D": [[1.0]]}},
    ],
)
def test_slide_1d_rejects_bad_arguments(live, kwargs):
    with pytest.raises(ValueError):
        widgets.slide_1d(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"image": np.ones(5)},
        {"kernel": np.ones(3)},
        {"kernel": np.ones((6, 2))},
        {"image": np.ones((13, 13))},
    ],
)
def test_window_2d_rejects_bad_arguments(live, kwargs):
    with pytest.raises(ValueError):
        widgets.window_2d(**kwargs)


@pytest.mark.parametrize("kernel", [[1.0, 2.0, 3.0], [1.0, -1.0], [0.5], [1.0, 0.0, 2.0, -1.0]])
@pytest.mark.parametrize("flip", [False, True])
def test_slide_view_places_the_kernel_and_sums_its_products(kernel, flip):
    """At position t the kernel covers f[t - m + 1 .. t]; the output so far is the full
    correlation (or, flipped, the convolution) up to t, and the message ends with its value."""
    signal = data.step_signal(10)
    kernel = np.asarray(kernel)
    m, expected = kernel.size, (cl.convolve1d if flip else cl.correlate1d)(signal, kernel)
    view = SlideView(signal, kernel)
    for t in range(signal.size + m - 1):
        message = view.update(t, flip, kernel)
        taps, placed = view.kernel_line.get_data()
        assert np.array_equal(taps, np.arange(t - m + 1, t + 1))
        assert np.array_equal(placed, kernel[::-1] if flip else kernel)
        inside = (taps >= 0) & (taps < signal.size)
        assert np.isclose(np.sum(signal[taps[inside]] * placed[inside]), expected[t])
        assert np.allclose(view.output_line.get_data()[1], expected[: t + 1])
        assert message.endswith(f"<b>{expected[t]:.3f}</b>")
    with pytest.raises(ValueError, match="position"):
        view.update(signal.size + m - 1, flip, kernel)


@pytest.mark.parametrize(
    ("image", "kernel"),
    [
        (widgets.EXAMPLE_IMAGE, widgets.EXAMPLE_KERNEL),
        (np.arange(20).reshape(4, 5), np.array([[1, 2, 0], [3, 4, -1]])),  # even rows
        (np.arange(16).reshape(4, 4) % 5, np.array([[1, 2], [3, 4]])),  # even both ways
    ],
)
@pytest.mark.parametrize("mode", ["valid", "same", "full"])
def test_window_view_highlights_the_window_whose_products_sum_to_the_output(image, kernel, mode):
    """For every output cell: the highlighted cells of the padded input, times the kernel,
    sum to correlate2d's value, and the output grid is filled up to that cell only."""
    view = WindowView(image, kernel)
    expected = cl.correlate2d(image, kernel, mode)
    for cell in range(expected.size):
        message = view.update(cell, mode)
        row, col = divmod(cell, expected.shape[1])
        shown, _ = view._padded(mode)
        colours = np.asarray(view.input_image.get_array())
        lit = np.argwhere(np.all(np.isclose(colours, to_rgb(WINDOW_COLOUR)), axis=-1))
        (top, left), (bottom, right) = lit.min(axis=0), lit.max(axis=0)
        window = shown[top : bottom + 1, left : right + 1]
        assert len(lit) == kernel.size and window.shape == kernel.shape
        assert np.sum(window * kernel) == expected[row, col]
        assert message.endswith(f"<b>{expected[row, col]:g}</b>")
        shown_texts = [
            index for index, text in enumerate(view.out_text.values()) if text.get_visible()
        ]
        assert shown_texts == list(range(cell + 1))
        assert [
            float(view.out_text[divmod(i, expected.shape[1])].get_text()) for i in shown_texts
        ] == (expected.ravel()[: cell + 1].tolist())
    with pytest.raises(ValueError, match="cell"):
        view.update(expected.size, mode)


def test_window_view_pads_as_much_as_each_mode_needs():
    """'full' pads k - 1 zeros before each axis, 'same' (k - 1) // 2 (correlate2d's rule)."""
    view = WindowView(np.ones((5, 6)), np.ones((4, 3)))
    assert view.padding("valid") == (0, 0)
    assert view.padding("same") == (1, 1)
    assert view.padding("full") == (3, 2)
    for mode, shape in [("valid", (2, 4)), ("same", (5, 6)), ("full", (8, 8))]:
        assert view.cell_count(mode) == shape[0] * shape[1]
        assert view._padded(mode)[0].shape == (shape[0] + 3, shape[1] + 2)


def test_window_2d_starts_on_the_worked_example(live):
    view = widgets.window_2d()
    assert view.message.value.endswith("<b>12</b>")
    view.controls["mode"].value = "full"
    assert view.controls["cell"].max == 48


def test_correlation_vs_convolution_figure_shows_both_results():
    image, kernel = data.grace_hopper(size=32), np.array([[-2.0, -1, 0], [-1, 1, 1], [0, 1, 2]])
    figure = plot_correlation_vs_convolution(image, kernel)
    assert isinstance(figure, Figure) and len(figure.axes) == 3
    shown = [ax.images[0].get_array() for ax in figure.axes]
    assert np.array_equal(shown[0], image)
    assert np.allclose(shown[1], cl.correlate2d(image, kernel, "same"))
    assert np.allclose(shown[2], cl.convolve2d(image, kernel, "same"))
    assert not np.allclose(shown[1], shown[2])  # an asymmetric kernel: the flip shows


@pytest.mark.parametrize(("n", "m"), [(7, 3), (7, 4), (3, 7), (5, 5), (1, 1)])
def test_modes_figure_states_the_three_lengths(n, m):
    figure = plot_modes(n, m)
    texts = [t.get_text() for t in figure.axes[0].texts]
    for length in (n + m - 1, n, abs(n - m) + 1):
        assert f"{length} outputs" in texts
    given = Figure().add_subplot()
    assert plot_modes(n, m, ax=given) is given.figure


@pytest.mark.parametrize(("n", "m"), [(0, 3), (5, 0)])
def test_modes_figure_rejects_empty_inputs(n, m):
    with pytest.raises(ValueError, match="n and m"):
        plot_modes(n, m)
