"""Identities of the basic operators (hypothesis)."""

import itertools

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import convlab as cl
from convlab._windows import windows

SETTINGS = settings(max_examples=50, deadline=None)
MODES = st.sampled_from(["full", "same", "valid"])


@st.composite
def layers(draw, max_groups=3):
    """A valid conv2d layer: (x, weight, kwargs) with per-axis stride, padding, dilation."""
    groups = draw(st.integers(1, max_groups))
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
@given(layers(max_groups=1))
def test_im2col_times_the_weight_matrix_is_conv2d(layer):
    """weight.reshape(C_out, -1) @ im2col(x) reshaped to (N, C_out, H_out, W_out) == conv2d."""
    x, weight, kwargs = layer
    out = cl.conv2d(x, weight, **kwargs)
    kwargs.pop("groups")
    cols = cl.im2col(x, weight.shape[2:], **kwargs)
    assert cols.shape == (x.shape[0], weight[0].size, out.shape[2] * out.shape[3])
    product = weight.reshape(weight.shape[0], -1) @ cols
    np.testing.assert_allclose(product.reshape(out.shape), out, atol=1e-12)


@SETTINGS
@given(layers())
def test_output_shape_follows_the_formula(layer):
    """conv2d's (N, C_out, H_out, W_out) with H_out, W_out from conv_output_size."""
    x, weight, kwargs = layer
    out = cl.conv2d(x, weight, **kwargs)
    expected = [
        cl.conv_output_size(
            x.shape[2 + axis],
            weight.shape[2 + axis],
            kwargs["stride"][axis],
            kwargs["padding"][axis],
            kwargs["dilation"][axis],
        )
        for axis in range(2)
    ]
    assert out.shape == (x.shape[0], weight.shape[0], *expected)


@SETTINGS
@given(layers())
def test_grouped_conv_is_per_group_convs_concatenated(layer):
    """Group g of the output is conv2d of input block g with weight block g."""
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
@given(st.integers(1, 8), st.integers(1, 8), MODES, st.booleans(), st.integers(0, 2**16))
def test_convolve1d_is_correlate1d_with_the_kernel_flipped(n, m, mode, complex_, seed):
    """Every mode and kernel length; for complex kernels the flipped kernel is conjugated
    (correlation conjugates its kernel, convolution does not)."""
    rng = np.random.default_rng(seed)
    f, g = rng.normal(size=n), rng.normal(size=m)
    if complex_:
        f, g = f + 1j * rng.normal(size=n), g + 1j * rng.normal(size=m)
    np.testing.assert_allclose(
        cl.convolve1d(f, g, mode), cl.correlate1d(f, np.conj(g[::-1]), mode), atol=1e-12
    )


@SETTINGS
@given(
    st.tuples(st.integers(1, 7), st.integers(1, 7)),
    st.tuples(st.integers(1, 7), st.integers(1, 7)),
    MODES,
    st.integers(0, 2**16),
)
def test_convolve2d_is_correlate2d_with_the_kernel_flipped(image_shape, kernel_shape, mode, seed):
    """Exact for 'full' and 'valid', and for 'same' on each axis where the kernel is odd.
    On an even axis 'same' keeps a window one step earlier in convolve2d than in
    correlate2d (scipy's rule, documented in convlab.correlation): both are windows of the
    full output, starting at (m - 1) // 2 and m // 2."""
    valid_ok = all(a >= b for a, b in zip(image_shape, kernel_shape)) or all(
        a <= b for a, b in zip(image_shape, kernel_shape)
    )
    assume(mode != "valid" or valid_ok)
    rng = np.random.default_rng(seed)
    image, kernel = rng.normal(size=image_shape), rng.normal(size=kernel_shape)
    flipped = kernel[::-1, ::-1]
    convolved = cl.convolve2d(image, kernel, mode)
    if mode != "same":
        np.testing.assert_allclose(convolved, cl.correlate2d(image, flipped, mode), atol=1e-12)
        return
    full = cl.correlate2d(image, flipped, "full")
    (h, w), (kh, kw) = image_shape, kernel_shape
    earlier = full[(kh - 1) // 2 : (kh - 1) // 2 + h, (kw - 1) // 2 : (kw - 1) // 2 + w]
    later = full[kh // 2 : kh // 2 + h, kw // 2 : kw // 2 + w]
    np.testing.assert_allclose(convolved, earlier, atol=1e-12)
    np.testing.assert_allclose(cl.correlate2d(image, flipped, "same"), later, atol=1e-12)
    if kh % 2 and kw % 2:  # odd kernel: the two rules agree
        np.testing.assert_allclose(convolved, cl.correlate2d(image, flipped, "same"), atol=1e-12)


@st.composite
def window_cases(draw):
    """(x, kernel, stride, dilation) with 1 to 3 window axes and up to 1 leading axis."""
    d = draw(st.integers(1, 3))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(d))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(d))
    dilation = tuple(draw(st.integers(1, 3)) for _ in range(d))
    spatial = tuple(draw(st.integers(dl * (k - 1) + 1, 7)) for k, dl in zip(kernel, dilation))
    lead = tuple(draw(st.integers(1, 2)) for _ in range(draw(st.integers(0, 1))))
    x = np.arange(np.prod(lead + spatial), dtype=float).reshape(lead + spatial)
    return x, kernel, stride, dilation


@SETTINGS
@given(window_cases())
def test_windows_view_matches_a_loop(case):
    """view[..., o, t] == x[..., o * stride + t * dilation], o over the formula's range."""
    x, kernel, stride, dilation = case
    view = windows(x, kernel, stride, dilation)
    d = len(kernel)
    out = tuple(
        (n - dl * (k - 1) - 1) // s + 1
        for n, k, s, dl in zip(x.shape[-d:], kernel, stride, dilation)
    )
    assert view.shape == x.shape[:-d] + out + kernel
    expected = np.empty(view.shape)
    for o in itertools.product(*map(range, out)):
        for t in itertools.product(*map(range, kernel)):
            source = tuple(oi * s + ti * dl for oi, ti, s, dl in zip(o, t, stride, dilation))
            expected[(Ellipsis, *o, *t)] = x[(Ellipsis, *source)]
    np.testing.assert_array_equal(view, expected)
