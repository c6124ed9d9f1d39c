"""The figures of notebook 04: the matrix view of a 1x1 convolution and the bottleneck's cost."""

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import data, viz

RNG = np.random.default_rng(40)


def test_colour_photo_is_the_course_portrait_in_three_channels():
    photo = viz.colour_photo(64)
    assert photo.shape == (3, 75, 64) and 0.0 <= photo.min() and photo.max() <= 1.0
    luma = np.array([0.299, 0.587, 0.114])
    assert np.allclose(np.tensordot(luma, photo, axes=1), data.grace_hopper(size=64))
    with pytest.raises(ValueError, match="size"):
        viz.colour_photo(0)


def test_every_mixing_has_a_name_per_output_channel():
    for name, (weight, bias, outputs) in viz.MIXINGS.items():
        assert weight.shape[1] == 3 and bias.shape == (len(weight),) == (len(outputs),), name
        assert np.abs(weight).max() <= 1.0  # the drawing's colour scale
        assert not np.any(np.signbit(weight) & (weight == 0)), "no -0 to print"


def test_the_matrix_view_draws_w_x_and_their_product():
    """Three blocks: W (C_out, C_in), the pixels as columns (C_in, H W), and W @ X."""
    x, weight = RNG.normal(size=(3, 4, 5)), RNG.normal(size=(2, 3, 1, 1))
    figure = viz.plot_pointwise_as_matmul(x, weight, pixel=(1, 2))
    assert isinstance(figure, Figure)
    blocks = [image.get_array() for image in figure.axes[0].images]
    assert np.array_equal(blocks[0], weight[:, :, 0, 0])
    assert np.array_equal(blocks[1], x.reshape(3, 20))
    assert np.allclose(blocks[2], cl.pointwise_conv2d(x[None], weight)[0].reshape(2, 20))
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert texts.count("pixel (1, 2): column 7") == 2


@pytest.mark.parametrize(
    ("x", "weight", "pixel", "argument"),
    [
        (np.ones((3, 4, 4)), np.ones((2, 2, 1, 1)), (0, 0), "weight"),
        (np.ones((3, 4, 4)), np.ones((2, 3, 3, 3)), (0, 0), "weight"),
        (np.ones((3, 4, 4)), np.ones((2, 3)), (4, 0), "pixel"),
    ],
)
def test_the_matrix_view_refuses_bad_arguments(x, weight, pixel, argument):
    with pytest.raises(ValueError, match=argument):
        viz.plot_pointwise_as_matmul(x, weight, pixel=pixel)


def test_the_cost_bars_are_convlabs_counts():
    """Grey bar: conv_macs of the direct layer; stacked bar: the 1x1 and k x k parts."""
    branches = [(192, 96, 128, 3), (192, 16, 32, (5, 3))]
    figure = viz.plot_bottleneck_macs(branches, out_size=(28, 14))
    bars = figure.axes[0].patches[: 3 * len(branches)]
    for (c_in, r, c_out, k), (direct, reduce, spatial) in zip(
        branches, zip(bars[0::3], bars[1::3], bars[2::3])
    ):
        assert direct.get_width() == pytest.approx(cl.conv_macs(c_in, c_out, k, (28, 14)) / 1e6)
        assert reduce.get_width() == pytest.approx(cl.conv_macs(c_in, r, 1, (28, 14)) / 1e6)
        total = cl.bottleneck_macs(c_in, r, c_out, k, (28, 14)) / 1e6
        assert spatial.get_x() + spatial.get_width() == pytest.approx(total)
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert any("1.7× fewer" in label for label in labels)
    with pytest.raises(ValueError, match="branches"):
        viz.plot_bottleneck_macs([(192, 16, 32)], out_size=28)
