"""The flattened-fit explorer of notebook 09 and the figures under it."""

import itertools
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import data, viz, widgets
from convlab.viz.flattened import LUMA, FlattenedView
from convlab.widgets.flattened import FLATTENED_NOISE


def bold(message):
    """The texts the message prints in bold."""
    return re.findall(r"<b>([^<]*)</b>", message)


def percent(fraction):
    return (
        "0%"
        if fraction < 1e-12
        else f"{100 * fraction:.2g}%"
        if fraction < 0.1
        else (f"{100 * fraction:.0f}%")
    )


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.flattened_fit() is None


def test_explorer_opens_on_a_gabor_filter_that_flattens_exactly(live):
    view = widgets.flattened_fit()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert bold(view.message.value) == ["Gabor at 0°", "0%", "0%"]
    assert "Weights: 3 + 5 + 5 = 13 instead of 3 × 5 × 5 = 75." in view.message.value
    assert view.figure.get_figwidth() <= 8 and view.figure.get_figheight() <= 4


@pytest.mark.parametrize(("name", "value"), [("filter", "random"), ("angle", 45), ("noise", 0.1)])
def test_every_control_changes_the_png_and_the_figure(live, name, value):
    """Does moving each control redraw: new PNG bytes and new artist data?"""
    view = widgets.flattened_fit()
    png = bytes(view.image.value)
    before = np.array(view.figure.axes[0].images[0].get_array())
    spectrum = [bar.get_height() for bar in view.figure.axes[3].patches]
    view.controls[name].value = value
    assert bytes(view.image.value) != png
    after = np.array(view.figure.axes[0].images[0].get_array())
    assert not np.allclose(before, after, equal_nan=True)
    assert spectrum != [bar.get_height() for bar in view.figure.axes[3].patches]


def test_the_angle_slider_is_enabled_only_for_oriented_filters(live):
    view = widgets.flattened_fit()
    for name, disabled in [("Sobel", True), ("learned-like", False), ("random", True)]:
        view.controls["filter"].value = name
        assert view.controls["angle"].disabled == disabled
    view.controls["filter"].value = "Gabor"
    assert not view.controls["angle"].disabled


@pytest.mark.parametrize(
    ("name", "angle", "noise"),
    list(itertools.product(viz.FLATTENED_EXAMPLES, (0, 30, 45, 90), FLATTENED_NOISE)),
)
def test_what_the_figure_and_message_show_agrees_with_convlab(name, angle, noise):
    """The filter, its best flattened approximation and error, the 1-D filters, the unfoldings'
    singular values and the three stages on the portrait, all against convlab."""
    view = FlattenedView()
    pattern = np.random.default_rng(9).standard_normal(view.SHAPE)
    filter_ = viz.flattened_example(name, 5, angle)
    filter_ = filter_ + noise * np.abs(filter_).max() * pattern
    message = view.update(filter_, name=name)

    factors = cl.rank1_factors(filter_[None])
    approximation = cl.flattened_weight(*factors)[0]
    error = np.linalg.norm(filter_ - approximation) / np.linalg.norm(filter_)
    tiles = np.ma.filled(view.filter_image.get_array(), np.nan)  # NaNs come back masked
    assert np.array_equal(tiles[:, :5], filter_[0]) and np.array_equal(tiles[:, 12:], filter_[2])
    assert np.isnan(tiles[:, 5]).all()  # a gap between the channels
    assert np.allclose(view.approximation_image.get_array()[:, 6:11], approximation[1])
    assert view.approximation_axes.get_title() == f"best flattened: error {percent(error)}"
    assert bold(message)[:2] == [name, percent(error)]

    # convlab's 1-D filters, shown with the largest lateral and vertical weights positive
    lateral, vertical, horizontal = (f[0] for f in factors)
    lateral_sign, vertical_sign = (np.sign(f[np.argmax(np.abs(f))]) for f in (lateral, vertical))
    lateral, vertical = lateral_sign * lateral, vertical_sign * vertical
    horizontal = lateral_sign * vertical_sign * horizontal
    heights = [bar.get_height() for bar in view.factor_bars]
    scaled = np.concatenate([f / np.abs(f).max() for f in (lateral, vertical, horizontal)])
    assert np.allclose(heights, scaled) and max(heights[:3]) == max(heights[3:8]) == 1.0
    assert np.allclose(np.einsum("c,i,j->cij", lateral, vertical, horizontal), approximation)
    spectra = []
    for axis in range(3):
        s = np.linalg.svd(
            np.moveaxis(filter_, axis, 0).reshape(filter_.shape[axis], -1), compute_uv=False
        )
        spectra.append(s / s[0])
    assert np.allclose([bar.get_height() for bar in view.spectrum_bars], np.concatenate(spectra))
    assert f"lateral {spectra[0][1]:.2f}, vertical {spectra[1][1]:.2f}" in message

    image = view.image[None]
    mixed = cl.conv2d(image, lateral.reshape(1, 3, 1, 1))
    tall = cl.conv2d(mixed, vertical.reshape(1, 1, 5, 1), padding=(2, 0))
    wide = cl.conv2d(tall, horizontal.reshape(1, 1, 1, 5), padding=(0, 2))
    full = cl.conv2d(image, filter_[None], padding=2)
    shown = [np.asarray(picture.get_array()) for picture in view.stage_images[1:]]
    for got, expected in zip(shown, [mixed, tall, wide, full]):
        assert np.allclose(got, expected[0, 0])
    assert np.allclose(wide, cl.conv2d(image, approximation[None], padding=2))
    output_error = np.linalg.norm(wide - full) / np.linalg.norm(full)
    assert bold(message)[2] == percent(output_error)


def test_a_gabor_filter_flattens_exactly_only_along_the_axes(live):
    view = widgets.flattened_fit(filter="Gabor", angle=0)
    for angle, shown in [(0, "0%"), (45, "71%"), (90, "0%"), (135, "71%"), (180, "0%")]:
        view.controls["angle"].value = angle
        assert bold(view.message.value)[1] == shown, angle


def test_noise_spreads_the_singular_values_of_a_rank_1_filter(live):
    view = widgets.flattened_fit(filter="Sobel")
    bars = view.figure.axes[3].patches  # the unfoldings' singular values: 3, then 5, then 5
    second = [1, 4, 9]  # the second bar of each unfolding
    assert np.allclose([bars[i].get_height() for i in second], 0, atol=1e-12)
    view.controls["noise"].value = 0.1
    assert all(bars[i].get_height() > 0.05 for i in second)
    assert bold(view.message.value)[1] != "0%"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"filter": "Laplacian"}, "filter"),
        ({"angle": 10}, "angle"),
        ({"angle": 195}, "angle"),
        ({"angle": 30.0}, "angle"),
        ({"angle": True}, "angle"),
        ({"noise": 0.5}, "noise"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.flattened_fit(**kwargs)


# ------------------------------------------------------------------ figures and helpers


def test_example_filters_are_what_their_names_say():
    sobel = viz.flattened_example("Sobel", 3)
    assert np.allclose(sobel, np.einsum("c,ij->cij", LUMA, np.outer([1, 2, 1], [-1, 0, 1])))
    ranks = lambda f: [int(np.linalg.matrix_rank(u)) for u in viz.unfoldings(f)]  # noqa: E731
    for angle in range(0, 181, 15):
        gabor = viz.flattened_example("Gabor", 5, angle)
        assert ranks(gabor) == ([1, 1, 1] if angle % 90 == 0 else [1, 2, 2]), angle
    assert ranks(viz.flattened_example("learned-like", 5)) == [3, 5, 5]
    assert ranks(viz.flattened_example("random", 4)) == [3, 4, 4]
    for name in viz.FLATTENED_EXAMPLES:
        example = viz.flattened_example(name, 5, 30, seed=1)
        assert example.shape == (3, 5, 5)
        assert np.array_equal(example, viz.flattened_example(name, 5, 30, seed=1))
    assert not np.allclose(
        viz.flattened_example("random", seed=1), viz.flattened_example("random", seed=2)
    )


def test_unfoldings_put_each_axis_in_the_rows():
    filter_ = np.arange(24.0).reshape(2, 3, 4)
    lateral, vertical, horizontal = viz.unfoldings(filter_)
    assert np.array_equal(lateral, filter_.reshape(2, 12))
    assert np.array_equal(vertical[1], filter_[:, 1, :].ravel())
    assert np.array_equal(horizontal[3], filter_[:, :, 3].ravel())


def test_fit_errors_and_rank1_fit_measure_convlabs_approximation():
    rng = np.random.default_rng(0)
    weight = rng.normal(size=(4, 3, 2, 5))
    factors = cl.rank1_factors(weight)
    errors = viz.fit_errors(weight, *factors)
    approximation = cl.flattened_weight(*factors)
    for o in range(4):
        expected = np.linalg.norm(weight[o] - approximation[o]) / np.linalg.norm(weight[o])
        assert np.isclose(errors[o], expected)
    fitted, fit = viz.rank1_fit(weight)
    assert np.allclose(fitted, approximation) and np.allclose(fit, errors)
    single, error = viz.rank1_fit(weight[1])
    assert np.allclose(single, approximation[1]) and isinstance(error, float)
    assert viz.fit_errors(np.zeros((1, 2, 2, 2)), *cl.rank1_factors(np.zeros((1, 2, 2, 2))))[0] == 0


def test_pca_filters_are_the_principal_directions_of_the_patches():
    image = data.grace_hopper_rgb(32)
    filters, variances = viz.pca_filters(image, size=3, count=6)
    assert filters.shape == (6, 3, 3, 3) and np.all(np.diff(variances) <= 0)
    flat = filters.reshape(6, -1)
    assert np.allclose(flat @ flat.T, np.eye(6))
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3), axis=(1, 2))
    patches = np.moveaxis(windows, 0, 2).reshape(-1, 27)
    _, s, vt = np.linalg.svd(patches - patches.mean(axis=0), full_matrices=False)
    assert np.allclose(np.abs(np.sum(flat * vt[:6], axis=1)), 1)  # the same up to sign
    assert np.allclose(variances, s[:6] ** 2 / len(patches))


def test_the_power_method_never_increases_the_error_and_respects_the_bound():
    for seed in range(4):
        filter_ = viz.flattened_example("random", 4, seed=seed)
        errors, bound = viz.power_method_errors(filter_, 10)
        assert errors.shape == (11,) and np.all(np.diff(errors) <= 1e-12)
        assert errors[-1] >= bound - 1e-12
        assert np.isclose(errors[-1], viz.rank1_fit(filter_)[1], atol=1e-3)
    gabor = viz.flattened_example("Gabor", 5, 30)
    errors, bound = viz.power_method_errors(gabor, 2)
    assert np.allclose(errors, bound)  # the lateral axis is exact: the bound is reached at once


def test_figures_return_figures_and_draw_on_given_axes():
    image = data.grace_hopper_rgb(32)
    filters = {name: viz.flattened_example(name, 5) for name in viz.FLATTENED_EXAMPLES}
    calls = [
        (lambda ax: viz.plot_flattened_filter(LUMA, [1, 2, 1], [-1, 0, 1], ax=ax), 6),
        (lambda ax: viz.plot_flattened_stages(image, LUMA, [1, 2, 1], [-1, 0, 1], ax=ax), 4),
        (lambda ax: viz.plot_unfolding_spectra(filters, ax=ax), 2),
    ]
    for call, panels in calls:
        assert isinstance(call(None), Figure)
        figure = Figure()
        axes = figure.subplots(1, panels)
        assert call(axes) is figure
    figure = Figure()
    assert viz.plot_power_method(filters, 3, ax=figure.add_subplot()) is figure
    weight = viz.flattened_example("Sobel", 3)
    stages = viz.plot_flattened_stages(image, LUMA, [1, 2, 1], [-1, 0, 1], weight=weight)
    last = stages.axes[-1].images[0].get_array()
    assert np.allclose(last, cl.conv2d(image[None], weight[None], padding=1)[0, 0])
    assert np.allclose(stages.axes[3].images[0].get_array(), last)  # three stages = one conv2d


def test_the_filter_figure_shows_each_channel_as_a_scaled_kernel():
    figure = viz.plot_flattened_filter(LUMA, [1, 2, 1], [-1, 0, 1])
    for c, axes in enumerate(figure.axes[3:]):
        shown = axes.images[0].get_array()
        assert np.allclose(shown, LUMA[c] * np.outer([1, 2, 1], [-1, 0, 1]))


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: viz.flattened_example("Laplacian"), "name"),
        (lambda: viz.flattened_example("Sobel", 2), "size"),
        (lambda: viz.unfoldings(np.ones((3, 3))), "filter_"),
        (lambda: viz.fit_errors(np.ones((2, 3, 3)), [[1.0]], [[1.0]], [[1.0]]), "weight"),
        (lambda: viz.pca_filters(np.ones((3, 8, 8)), 3, 28), "count"),
        (lambda: viz.plot_unfolding_spectra({}), "filters"),
        (lambda: viz.plot_power_method({}), "filters"),
        (lambda: viz.plot_flattened_stages(np.ones((3, 8, 8)), LUMA, [1, 1], [1, 1, 1]), "odd"),
        (lambda: FlattenedView().update(np.ones((3, 3, 3))), "filter_"),
    ],
)
def test_bad_figure_arguments_raise_value_error_naming_them(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
