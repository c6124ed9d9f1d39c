"""The figures of notebook 08 and the helpers under them: separable weights, MobileNet v1."""

import itertools

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import viz

RNG = np.random.default_rng(80)


def test_a_separable_layer_is_a_standard_layer_with_a_structured_weight():
    """conv2d with depthwise_separable_weight(...) equals depthwise_separable_conv2d, for any m."""
    x = RNG.normal(size=(2, 3, 7, 6))
    for m, (kh, kw) in itertools.product((1, 2, 3), ((3, 3), (2, 3))):
        depthwise = RNG.normal(size=(3 * m, 1, kh, kw))
        pointwise = RNG.normal(size=(5, 3 * m, 1, 1))
        weight = viz.depthwise_separable_weight(depthwise, pointwise, multiplier=m)
        assert weight.shape == (5, 3, kh, kw)
        assert np.allclose(
            cl.conv2d(x, weight, stride=2, padding=1),
            cl.depthwise_separable_conv2d(x, depthwise, pointwise, stride=2, padding=1),
        )
        ranks = [np.linalg.matrix_rank(weight[:, c].reshape(5, -1)) for c in range(3)]
        assert max(ranks) <= m


def test_depthwise_separable_weight_rejects_mismatched_weights():
    with pytest.raises(ValueError, match="multiplier"):
        viz.depthwise_separable_weight(np.ones((4, 1, 3, 3)), np.ones((2, 4, 1, 1)), multiplier=3)
    with pytest.raises(ValueError, match="pointwise_weight"):
        viz.depthwise_separable_weight(np.ones((4, 1, 3, 3)), np.ones((2, 3, 1, 1)))


def test_the_closest_separable_layer_is_the_truncated_svd_of_each_channel():
    """Its error is the discarded singular values (Eckart-Young); no nudged layer does better."""
    weight = RNG.normal(size=(6, 4, 3, 3))
    singular = np.linalg.svd(weight.transpose(1, 0, 2, 3).reshape(4, 6, 9), compute_uv=False)
    errors = []
    for m in range(1, 7):
        depthwise, pointwise = viz.closest_depthwise_separable(weight, multiplier=m)
        assert depthwise.shape == (4 * m, 1, 3, 3) and pointwise.shape == (6, 4 * m, 1, 1)
        fit = viz.depthwise_separable_weight(depthwise, pointwise, multiplier=m)
        errors.append(np.linalg.norm(fit - weight))
        assert errors[-1] == pytest.approx(np.sqrt(np.sum(singular[:, m:] ** 2)))
        for _ in range(5):  # a nudged separable layer is never closer
            nudged = viz.depthwise_separable_weight(
                depthwise + 0.01 * RNG.normal(size=depthwise.shape),
                pointwise + 0.01 * RNG.normal(size=pointwise.shape),
                multiplier=m,
            )
            assert np.linalg.norm(nudged - weight) >= errors[-1]
    assert errors == sorted(errors, reverse=True) and errors[-1] == pytest.approx(0, abs=1e-9)
    # more kernels than the rank min(C_out, kH kW) = 6: exact, the extra ones are zero
    depthwise, pointwise = viz.closest_depthwise_separable(weight, multiplier=8)
    assert np.allclose(viz.depthwise_separable_weight(depthwise, pointwise, 8), weight)


def test_a_separable_weight_is_recovered_exactly():
    depthwise, pointwise = RNG.normal(size=(3, 1, 3, 3)), RNG.normal(size=(5, 3, 1, 1))
    weight = viz.depthwise_separable_weight(depthwise, pointwise)
    fit = viz.depthwise_separable_weight(*viz.closest_depthwise_separable(weight))
    assert np.allclose(fit, weight)


@pytest.mark.parametrize(
    ("weight", "multiplier"), [(np.ones((2, 3, 3)), 1), (np.ones((2, 2, 3, 3)), 0)]
)
def test_closest_depthwise_separable_rejects_bad_arguments(weight, multiplier):
    with pytest.raises(ValueError, match="weight" if weight.ndim != 4 else "multiplier"):
        viz.closest_depthwise_separable(weight, multiplier)


def test_the_fit_figure_plots_the_error_and_the_parameter_ratio():
    weight = RNG.normal(size=(8, 4, 3, 3))
    figure = viz.plot_depthwise_separable_fit(weight)
    assert isinstance(figure, Figure)
    error_line, params_line = figure.axes[0].lines[:2]
    multipliers, errors = error_line.get_data()
    assert multipliers.tolist() == list(range(1, 9))  # min(C_out, 9) = 8
    assert errors[-1] == pytest.approx(0, abs=1e-9) and np.all(np.diff(errors) < 0)
    ratios = [
        cl.depthwise_separable_params(4, 8, 3, m) / cl.conv_params(4, 8, 3) for m in multipliers
    ]
    assert np.allclose(params_line.get_ydata(), ratios)


def test_the_cost_ratio_figure_draws_convlabs_counts():
    figure = viz.plot_depthwise_cost_ratio(kernel_sizes=(1, 3, 5), c_out_max=64)
    lines = figure.axes[0].lines
    curves = [line for line in lines if len(line.get_xdata()) > 2]
    assert len(curves) == 3
    for k, curve in zip((1, 3, 5), curves):
        c_out, ratio = curve.get_data()
        assert c_out[0] == 1 and c_out[-1] == 64
        assert np.allclose(ratio, 1 / c_out + 1 / k**2)
    with pytest.raises(ValueError, match="c_out_max"):
        viz.plot_depthwise_cost_ratio(c_out_max=1)


def test_the_two_steps_figure_draws_every_map_kernel_and_connection():
    x = RNG.normal(size=(2, 12, 10))
    depthwise = RNG.normal(size=(6, 1, 3, 3))  # m = 3
    pointwise = RNG.normal(size=(4, 6, 1, 1))
    pointwise[0, 0] = 0.0  # no line for a zero weight
    figure = viz.plot_depthwise_separable(x, depthwise, pointwise, names=["a", "b"])
    ax = figure.axes[0]
    assert len(ax.images) == 2 + 6 + 4 + 6  # inputs, depthwise maps, outputs, kernel thumbnails
    assert len(ax.lines) == 6 + 4 * 6 - 1  # input -> map, map -> every output
    maps = cl.depthwise_conv2d(x[None], depthwise, padding=1)[0]
    shown = [image.get_array() for image in ax.images if image.get_array().shape == (12, 10)]
    assert np.allclose(shown[2:8], maps)  # in the order c * m + j
    assert np.allclose(shown[8:], cl.pointwise_conv2d(maps[None], pointwise)[0])
    with pytest.raises(ValueError, match="names"):
        viz.plot_depthwise_separable(x, depthwise, pointwise, names=["a"])
    with pytest.raises(ValueError, match="x"):
        viz.plot_depthwise_separable(x[0], depthwise, pointwise)


def test_mobilenet_v1_counts_are_the_papers():
    """4.2 M parameters and 569 M MACs; 1x1 layers hold 94.9 % of the MACs; alpha shrinks both."""
    layers = viz.mobilenet_v1_layers()
    params = sum(cl.conv_params(l.c_in, l.c_out, l.kernel, l.groups, l.bias) for l in layers)
    macs = sum(cl.conv_macs(l.c_in, l.c_out, l.kernel, l.out_size, l.groups) for l in layers)
    assert (params, macs) == (4_210_088, 568_740_352)
    assert [l.out_size for l in layers if l.kind == "depthwise"] == [112, 56, 56, 28, 28, 14] + [
        14
    ] * 5 + [7, 7]
    pointwise = sum(
        cl.conv_macs(l.c_in, l.c_out, 1, l.out_size) for l in layers if l.kind == "pointwise"
    )
    assert round(100 * pointwise / macs, 2) == 94.86
    half = viz.mobilenet_v1_layers(width=0.5)
    assert [l.c_out for l in half][:3] == [16, 16, 32] and half[-1].c_in == 512
    assert viz.mobilenet_v1_layers(resolution=128)[-2].out_size == 4


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"width": 0}, "width"), ({"width": 1.5}, "width"), ({"resolution": 16}, "resolution")],
)
def test_mobilenet_v1_layers_rejects_bad_arguments(kwargs, argument):
    with pytest.raises(ValueError, match=argument):
        viz.mobilenet_v1_layers(**kwargs)


def test_the_mobilenet_figure_stacks_every_layers_macs():
    layers = viz.mobilenet_v1_layers()
    figure = viz.plot_mobilenet_macs(layers)
    heights = sum(patch.get_height() for patch in figure.axes[0].patches)
    assert heights == pytest.approx(568_740_352 / 1e6)
    assert len(figure.axes[0].get_xticks()) == 1 + 13 + 1  # first conv, 13 blocks, classifier
