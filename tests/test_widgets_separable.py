"""The separability explorer of notebook 07 and the figures under it."""

import itertools
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import viz, widgets
from convlab.viz.separable import FLOOR, SeparableView
from convlab.widgets.separable import NOISE_LEVELS


def bold_numbers(message):
    """The numbers the message prints in bold, as ints."""
    return [int(text.replace(",", "")) for text in re.findall(r"<b>([\d,]+)</b>", message)]


def is_separable(kernel, rtol=1e-7):
    try:
        cl.separate_kernel(kernel, rtol)
    except ValueError:
        return False
    return True


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.separability() is None


def test_explorer_opens_on_the_sobel_kernel_and_the_81_vs_72_count(live):
    view = widgets.separability()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert "<b>separable</b>" in view.message.value
    assert bold_numbers(view.message.value) == [81, 72]
    assert "15 × 3 + 9 × 3" in view.message.value  # the column pass, then the row pass
    assert "column ∝ [0.5, 1, 0.5]" in view.message.value


@pytest.mark.parametrize("name", ["kernel", "size", "noise", "image_size"])
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does moving each control redraw: new PNG bytes and new artist data?"""
    view = widgets.separability()
    control = view.controls[name]
    png = bytes(view.image.value)
    before = (
        np.array(view.figure.axes[0].images[0].get_array()),
        [bar.get_height() for bar in view.figure.axes[2].patches],
        [bar.get_height() for bar in view.figure.axes[3].patches],
    )
    if hasattr(control, "options"):
        options = [value for _, value in control.options] if name == "noise" else control.options
        control.value = [o for o in options if o != control.value][-1]
    else:
        control.value = control.max
    assert bytes(view.image.value) != png
    after = (
        np.array(view.figure.axes[0].images[0].get_array()),
        [bar.get_height() for bar in view.figure.axes[2].patches],
        [bar.get_height() for bar in view.figure.axes[3].patches],
    )
    assert not (
        before[0].shape == after[0].shape
        and np.array_equal(before[0], after[0])
        and before[1:] == after[1:]
    )


@pytest.mark.parametrize(
    ("name", "size", "noise"),
    list(itertools.product(viz.SEPARABLE_EXAMPLES, (3, 5, 7), NOISE_LEVELS)),
)
def test_the_verdict_and_the_figure_agree_with_convlab(name, size, noise):
    """Separable iff convlab.separate_kernel accepts the kernel; the figure shows its SVD."""
    view = SeparableView()
    pattern = np.random.default_rng(size).standard_normal((size, size))
    kernel = viz.separable_example(name, size)
    kernel = kernel + noise * np.abs(kernel).max() * pattern
    message = view.update(kernel, 16, name=name)
    separable = is_separable(kernel)
    assert ("<b>separable</b>" in message) == separable
    assert ("<b>not separable</b>" in message) == (not separable)
    s = np.linalg.svd(kernel, compute_uv=False)
    bars = view.singular_axes.patches
    assert [bar.get_visible() for bar in bars] == [i < size for i in range(7)]
    heights = [bar.get_y() + bar.get_height() for bar in bars[:size]]
    assert np.allclose(heights, np.maximum(s / s[0], FLOOR), rtol=1e-9)
    red = [bar.get_facecolor()[0] > 0.8 for bar in bars[:size]]  # tab:red, not tab:blue
    assert red == [i > 0 and s[i] > 1e-7 * s[0] for i in range(size)]
    assert np.array_equal(view.kernel_image.get_array(), kernel)
    u, s_full, vt = np.linalg.svd(kernel)
    best = s_full[0] * np.outer(u[:, 0], vt[0])
    assert np.allclose(view.approximation_image.get_array(), best)
    error = np.linalg.norm(kernel - best) / np.linalg.norm(kernel)
    (shown,) = re.findall(r"error ([\d.e+-]+)%$", view.approximation_axes.get_title())
    assert np.isclose(float(shown) / 100, error, rtol=0.05, atol=1e-12)


def test_the_expected_kernels_split_and_the_others_do_not():
    """Sobel, Gaussian and box are separable at every size; disc, random, learned-like never."""
    for name, size in itertools.product(viz.SEPARABLE_EXAMPLES, (3, 4, 5, 7, 9)):
        kernel = viz.separable_example(name, size)
        assert is_separable(kernel) == (name in ("Sobel", "Gaussian", "box")), (name, size)


def test_noise_below_rtol_keeps_a_kernel_separable_and_above_breaks_it(live):
    view = widgets.separability(kernel="Gaussian", size=5)
    for level, separable in [(0.0, True), (1e-10, True), (1e-6, False), (1e-3, False)]:
        view.controls["noise"].value = level
        assert ("<b>separable</b>" in view.message.value) == separable, level


@pytest.mark.parametrize(("n", "m"), [(5, 3), (7, 3), (16, 5), (64, 7), (7, 7)])
def test_the_counts_shown_are_convlabs(live, n, m):
    view = widgets.separability(size=m, image_size=n)
    direct, separable = cl.separable_multiplications(n, m)
    assert bold_numbers(view.message.value) == [direct, separable]
    bars = view.figure.axes[3].patches
    column_pass = (n - m + 1) * n * m
    assert [bar.get_height() for bar in bars] == [direct, column_pass, separable - column_pass]
    assert bars[2].get_y() == column_pass  # the row pass stacked on the column pass
    labels = [label.get_text() for label in view.figure.axes[3].texts]
    assert labels == [f"{direct:,}", f"{separable:,}"]
    assert f"ratio {separable / direct:.3f}" in view.message.value


def test_the_image_size_follows_the_kernel_size(live):
    """A kernel larger than the image raises the image size; a smaller one shrinks the axes."""
    view = widgets.separability(size=3, image_size=5)
    view.controls["size"].value = 7
    assert view.controls["image_size"].min == 7 and view.controls["image_size"].value == 7
    assert bold_numbers(view.message.value) == list(cl.separable_multiplications(7, 7))
    assert view.figure.axes[0].get_xlim() == (-0.5, 6.5)
    view.controls["size"].value = 3
    assert view.controls["image_size"].min == 3 and view.controls["image_size"].value == 7
    assert view.figure.axes[0].get_xlim() == (-0.5, 2.5)
    assert view.figure.axes[0].get_title() == "Sobel 3×3"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"kernel": "ring"}, "kernel"),
        ({"size": 4}, "size"),
        ({"size": True}, "size"),
        ({"noise": 0.5}, "noise"),
        ({"image_size": 2}, "image_size"),
        ({"size": 5, "image_size": 4}, "image_size"),
        ({"image_size": 65}, "image_size"),
        ({"image_size": 5.0}, "image_size"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.separability(**kwargs)


# ------------------------------------------------------------------ figures


def test_example_kernels_are_what_their_names_say():
    assert np.array_equal(viz.separable_example("Sobel"), np.outer([1, 2, 1], [-1, 0, 1]))
    assert np.array_equal(
        viz.separable_example("Sobel", 5), np.outer([1, 4, 6, 4, 1], [-1, -2, 0, 2, 1])
    )
    for name in ("Gaussian", "box", "disc"):
        assert np.isclose(viz.separable_example(name, 5).sum(), 1.0)
    assert np.allclose(viz.separable_example("box", 4), 1 / 16)
    disc = viz.separable_example("disc", 3)
    assert np.array_equal(disc > 0, [[0, 1, 0], [1, 1, 1], [0, 1, 0]])  # a plus: rank 2
    assert np.array_equal(viz.separable_example("random", 5), viz.separable_example("random", 5))
    learned = viz.separable_example("learned-like", 7)
    assert not np.allclose(learned, learned[::-1, :]) and not np.allclose(learned, learned[:, ::-1])


def test_separable_approximation_is_the_best_rank_1_fit():
    rng = np.random.default_rng(0)
    for shape in [(3, 3), (4, 6), (5, 2), (1, 4)]:
        kernel = rng.normal(size=shape)
        column, row, s, error = viz.separable_approximation(kernel)
        assert column.shape == shape[:1] and row.shape == shape[1:]
        residual = np.linalg.norm(kernel - np.outer(column, row))
        assert np.isclose(residual, np.sqrt(np.sum(s[1:] ** 2)))
        assert np.isclose(error, residual / np.linalg.norm(kernel))
        assert column[np.argmax(np.abs(column))] > 0  # convlab's sign convention
        for _ in range(20):
            nudged = np.outer(column + 0.01 * rng.normal(size=shape[0]), row)
            assert np.linalg.norm(kernel - nudged) >= residual
    column, row, s, error = viz.separable_approximation(np.zeros((2, 3)))
    assert error == 0.0 and not np.any(np.outer(column, row))
    sobel = viz.separable_example("Sobel")
    column, row, _, error = viz.separable_approximation(sobel)
    assert error < 1e-15
    assert np.allclose(np.outer(column, row), np.outer(*cl.separate_kernel(sobel)))


def test_scanned_positions_titles_give_the_counts():
    figure = viz.plot_scanned_positions(5, 3)
    titles = [axes.get_title() for axes in figure.axes]
    assert titles[0].endswith("9 positions × 9 = 81")
    assert titles[1].endswith("15 positions × 3 = 45")
    assert titles[2].endswith("9 positions × 3 = 27")
    assert "direct 81" in figure._suptitle.get_text()
    assert "separable 72" in figure._suptitle.get_text()
    dots = [len(axes.lines[0].get_xdata()) for axes in figure.axes]
    assert dots == [9, 15, 9]


def test_figures_return_figures_and_draw_on_given_axes():
    image = np.arange(64.0).reshape(8, 8)
    kernels = {"Sobel": viz.separable_example("Sobel"), "disc": viz.separable_example("disc", 5)}
    calls = [
        (lambda ax: viz.plot_outer_product([1, 2, 1], [-1, 0, 1], ax=ax), 3),
        (lambda ax: viz.plot_separable_passes(image, [1, 2, 1], [-1, 0, 1], ax=ax), 4),
        (lambda ax: viz.plot_scanned_positions(6, 3, ax=ax), 3),
        (lambda ax: viz.plot_singular_values(kernels, ax=ax), 2),
    ]
    for call, panels in calls:
        assert isinstance(call(None), Figure)
        figure = Figure()
        axes = figure.subplots(1, panels)
        assert call(axes) is figure
    figure = Figure()
    assert viz.plot_separable_savings(ax=figure.add_subplot()) is figure
    assert isinstance(viz.plot_separable_savings(n_max=20, sizes=(3,)), Figure)


def test_savings_curves_are_the_ratio_of_convlabs_counts():
    figure = viz.plot_separable_savings(n_max=30, sizes=(3, 5))
    curves = [line for line in figure.axes[0].lines if len(line.get_xdata()) > 2]
    for line, m in zip(curves, (3, 5)):
        for n, ratio in zip(line.get_xdata(), line.get_ydata()):
            direct, separable = cl.separable_multiplications(int(n), m)
            assert np.isclose(ratio, separable / direct)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: viz.separable_example("ring"), "name"),
        (lambda: viz.separable_example("Sobel", 2), "size"),
        (lambda: viz.plot_scanned_positions(13, 3), "n"),
        (lambda: viz.plot_scanned_positions(3, 5), "m"),
        (lambda: viz.plot_singular_values({}), "kernels"),
        (lambda: viz.separable_approximation(np.ones(3)), "kernel"),
        (lambda: SeparableView().update(np.ones((8, 8)), 10), "kernel"),
    ],
)
def test_bad_figure_arguments_raise_value_error_naming_them(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
