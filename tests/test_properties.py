"""Identities of the basic operators (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import convlab as cl

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def layers(draw):
    groups = draw(st.sampled_from([1, 2, 3]))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    h = draw(st.integers(max(1, dilation[0] * (kh - 1) + 1 - 2 * padding[0]), 9))
    w = draw(st.integers(max(1, dilation[1] * (kw - 1) + 1 - 2 * padding[1]), 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    x = rng.normal(size=(draw(st.integers(1, 2)), c_in, h, w))
    weight = rng.normal(size=(c_out, c_in // groups, kh, kw))
    return x, weight, dict(stride=stride, padding=padding, dilation=dilation, groups=groups)


@SETTINGS
@given(layers())
def test_im2col_times_the_weight_matrix_is_conv2d(layer):
    x, weight, kwargs = layer
    if kwargs["groups"] != 1:
        x, weight = x[:, : weight.shape[1]], weight  # one group: all channels
        kwargs = kwargs | {"groups": 1}
    out = cl.conv2d(x, weight, **kwargs)
    kwargs.pop("groups")
    cols = cl.im2col(x, weight.shape[2:], **kwargs)
    product = weight.reshape(weight.shape[0], -1) @ cols
    np.testing.assert_allclose(product.reshape(out.shape), out, atol=1e-12)


@SETTINGS
@given(layers())
def test_output_shape_follows_the_formula(layer):
    x, weight, kwargs = layer
    out = cl.conv2d(x, weight, **kwargs)
    for axis in range(2):
        assert out.shape[2 + axis] == cl.conv_output_size(
            x.shape[2 + axis],
            weight.shape[2 + axis],
            kwargs["stride"][axis],
            kwargs["padding"][axis],
            kwargs["dilation"][axis],
        )


@SETTINGS
@given(layers())
def test_grouped_conv_is_per_group_convs_stacked(layer):
    x, weight, kwargs = layer
    g = kwargs.pop("groups")
    c_in, c_out = x.shape[1] // g, weight.shape[0] // g
    parts = [
        cl.conv2d(x[:, i * c_in : (i + 1) * c_in], weight[i * c_out : (i + 1) * c_out], **kwargs)
        for i in range(g)
    ]
    np.testing.assert_allclose(
        cl.conv2d(x, weight, groups=g, **kwargs), np.concatenate(parts, axis=1), atol=1e-12
    )


@SETTINGS
@given(layers(), st.floats(-3, 3))
def test_conv2d_is_linear_in_x_and_in_weight(layer, scale):
    x, weight, kwargs = layer
    rng = np.random.default_rng(0)
    x2, w2 = rng.normal(size=x.shape), rng.normal(size=weight.shape)
    np.testing.assert_allclose(
        cl.conv2d(scale * x + x2, weight, **kwargs),
        scale * cl.conv2d(x, weight, **kwargs) + cl.conv2d(x2, weight, **kwargs),
        atol=1e-9,
    )
    np.testing.assert_allclose(
        cl.conv2d(x, scale * weight + w2, **kwargs),
        scale * cl.conv2d(x, weight, **kwargs) + cl.conv2d(x, w2, **kwargs),
        atol=1e-9,
    )


@SETTINGS
@given(
    st.integers(1, 8),
    st.integers(1, 8),
    st.sampled_from(["full", "same", "valid"]),
    st.integers(0, 2**16),
)
def test_convolve_is_correlate_with_the_kernel_flipped(n, m, mode, seed):
    """Exact in 1-D for every mode; in 2-D for 'full' and 'valid' (for 'same' with an even
    kernel, scipy's correlate2d keeps a window one step later: see test_correlation)."""
    rng = np.random.default_rng(seed)
    f, g = rng.normal(size=n), rng.normal(size=m)
    np.testing.assert_allclose(
        cl.convolve1d(f, g, mode), cl.correlate1d(f, g[::-1], mode), atol=1e-12
    )
    image, kernel = rng.normal(size=(n, n + 1)), rng.normal(size=(m, m))
    if mode != "same" or m % 2:
        if mode == "valid" and not (m <= n or m >= n + 1):
            return
        np.testing.assert_allclose(
            cl.convolve2d(image, kernel, mode),
            cl.correlate2d(image, kernel[::-1, ::-1], mode),
            atol=1e-12,
        )
