"""Identities between convlab's operators (hypothesis), and hand-computed deformable cases.

The identities pin each operator to conv2d, which is itself pinned to PyTorch by the
golden fixtures; deform_conv2d is also pinned to torchvision's rules by cases computed by
hand (torchvision does not import beside torch 2.13 here).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convlab as cl

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def transposed_layers(draw):
    """A conv2d configuration and the matching conv_transpose2d arguments."""
    groups = draw(st.sampled_from([1, 2]))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    h = draw(st.integers(dilation[0] * (kh - 1) + 1, 8))
    w = draw(st.integers(dilation[1] * (kw - 1) + 1, 8))
    seed = draw(st.integers(0, 2**16))
    return groups, c_in, c_out, (kh, kw), stride, dilation, padding, (h, w), seed


@SETTINGS
@given(transposed_layers())
def test_transposed_conv_is_the_adjoint_of_conv(layer):
    """<conv2d(x), y> = <x, conv_transpose2d(y)> for the same weight, with output_padding
    chosen so that the transposed conv returns x's size."""
    groups, c_in, c_out, kernel, stride, dilation, padding, size, seed = layer
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, c_in, *size))
    weight = rng.normal(size=(c_out, c_in // groups, *kernel))
    y_shape = cl.conv2d(
        x, weight, stride=stride, padding=padding, dilation=dilation, groups=groups
    ).shape
    y = rng.normal(size=y_shape)
    output_padding = tuple(
        (n + 2 * p - d * (k - 1) - 1) % s
        for n, p, d, k, s in zip(size, padding, dilation, kernel, stride)
    )
    # conv weight (C_out, C_in/g, k) is read by the transposed conv as (C_in', C_out'/g, k)
    # with C_in' = C_out: the same array, roles swapped.
    back = cl.conv_transpose2d(
        y,
        weight,
        stride=stride,
        padding=padding,
        output_padding=output_padding,
        groups=groups,
        dilation=dilation,
    )
    assert back.shape == x.shape
    forward = cl.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation, groups=groups)
    assert np.isclose(np.vdot(forward, y), np.vdot(x, back), rtol=1e-10, atol=1e-10)


@SETTINGS
@given(
    st.integers(1, 7),
    st.integers(1, 7),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(0, 2**16),
)
def test_conv_matrix_applies_conv_and_its_transpose_applies_the_transposed_conv(
    h, w, k, s, p, seed
):
    rng = np.random.default_rng(seed)
    if k > min(h, w) + 2 * p:
        return
    kernel = rng.normal(size=(k, k))
    x = rng.normal(size=(h, w))
    matrix = cl.conv_matrix((h, w), kernel, stride=s, padding=p)
    y = cl.conv2d(x[None, None], kernel[None, None], stride=s, padding=p)[0, 0]
    np.testing.assert_allclose(matrix @ x.ravel(), y.ravel(), atol=1e-12)
    z = rng.normal(size=y.shape)
    op = ((h + 2 * p - k) % s, (w + 2 * p - k) % s)
    back = cl.conv_transpose2d(
        z[None, None], kernel[None, None], stride=s, padding=p, output_padding=op
    )[0, 0]
    np.testing.assert_allclose(matrix.T @ z.ravel(), back.ravel(), atol=1e-12)


def test_conv_matrix_of_the_4x4_to_2x2_example():
    """The 3x3 kernel on a 4x4 input gives a 4 x 16 matrix, each row the kernel laid out."""
    kernel = np.arange(1.0, 10.0).reshape(3, 3)
    matrix = cl.conv_matrix((4, 4), kernel)
    assert matrix.shape == (4, 16)
    assert np.count_nonzero(matrix, axis=1).tolist() == [9, 9, 9, 9]
    assert matrix[3].reshape(4, 4)[1:, 1:].tolist() == kernel.tolist()


@SETTINGS
@given(
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(1, 2),
    st.integers(0, 1),
    st.integers(0, 2**16),
)
def test_depthwise_separable_is_grouped_conv_then_pointwise(c_in, m, c_out, stride, padding, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, c_in, 6, 5))
    depthwise = rng.normal(size=(c_in * m, 1, 3, 2))
    pointwise = rng.normal(size=(c_out, c_in * m, 1, 1))
    bias = rng.normal(size=c_out)
    got = cl.depthwise_separable_conv2d(x, depthwise, pointwise, bias, stride, padding)
    grouped = cl.conv2d(x, depthwise, stride=stride, padding=padding, groups=c_in)
    np.testing.assert_allclose(got, cl.conv2d(grouped, pointwise, bias), atol=1e-12)


@SETTINGS
@given(st.sampled_from([(12, 3, 4), (12, 4, 3), (6, 2, 3), (8, 8, 1), (10, 5, 2)]))
def test_shuffle_with_n_groups_undoes_shuffle_with_g(shape):
    """With C = g n, shuffling with g then with n gives the channels back in order."""
    channels, g, n = shape
    x = np.random.default_rng(channels).normal(size=(2, channels, 3))
    np.testing.assert_array_equal(cl.channel_shuffle(cl.channel_shuffle(x, g), n), x)


def test_channel_shuffle_interleaves_groups():
    assert cl.channel_shuffle(np.arange(6)[None], 3).tolist() == [[0, 2, 4, 1, 3, 5]]


@SETTINGS
@given(
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(0, 2**16),
)
def test_flattened_conv_is_conv_with_the_flattened_weight(c_in, c_out, kh, kw, padding, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, c_in, 5, 6))
    lateral, vertical = rng.normal(size=(c_out, c_in)), rng.normal(size=(c_out, kh))
    horizontal, bias = rng.normal(size=(c_out, kw)), rng.normal(size=c_out)
    weight = cl.flattened_weight(lateral, vertical, horizontal)
    np.testing.assert_allclose(
        cl.flattened_conv2d(x, lateral, vertical, horizontal, bias, padding=padding),
        cl.conv2d(x, weight, bias, padding=padding),
        atol=1e-12,
    )


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**16))
def test_separate_kernel_recovers_a_rank_one_kernel(kh, kw, seed):
    rng = np.random.default_rng(seed)
    kernel = np.outer(rng.normal(size=kh), rng.normal(size=kw))
    column, row = cl.separate_kernel(kernel)
    np.testing.assert_allclose(np.outer(column, row), kernel, atol=1e-12)
    assert column[np.argmax(np.abs(column))] > 0  # the documented sign convention


def test_separate_kernel_rejects_a_rank_two_kernel():
    with pytest.raises(ValueError, match="kernel is not separable"):
        cl.separate_kernel(np.eye(3))


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_separable_correlation_equals_correlation_with_the_outer_product(mode):
    rng = np.random.default_rng(3)
    image = rng.normal(size=(7, 8))
    for kh, kw in [(3, 3), (2, 4), (1, 5)]:
        column, row = rng.normal(size=kh), rng.normal(size=kw)
        np.testing.assert_allclose(
            cl.separable_correlate2d(image, column, row, mode),
            cl.correlate2d(image, np.outer(column, row), mode),
            atol=1e-12,
        )


def deform_case(seed, groups=1, offset_groups=1, stride=1, padding=0, dilation=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 4, 6, 7))
    weight = rng.normal(size=(6, 4 // groups, 3, 2))
    bias = rng.normal(size=6)
    out = cl.conv2d(x, weight, bias, stride, padding, dilation, groups).shape[2:]
    offset = np.zeros((2, 2 * offset_groups * 6, *out))
    return x, weight, bias, offset, (stride, padding, dilation), groups


@pytest.mark.parametrize("offset_groups", [1, 2, 4])
@pytest.mark.parametrize(
    ("stride", "padding", "dilation"), [(1, 0, 1), (2, 1, 1), ((1, 2), (2, 1), (2, 1))]
)
def test_zero_offsets_and_unit_mask_make_deform_conv_a_conv(
    offset_groups, stride, padding, dilation
):
    x, weight, bias, offset, args, groups = deform_case(
        1, 2, offset_groups, stride, padding, dilation
    )
    expected = cl.conv2d(x, weight, bias, *args, groups=groups)
    np.testing.assert_allclose(
        cl.deform_conv2d(x, offset, weight, bias, *args), expected, atol=1e-12
    )
    mask = np.ones((offset.shape[0], offset.shape[1] // 2, *offset.shape[2:]))
    np.testing.assert_allclose(
        cl.deform_conv2d(x, offset, weight, bias, *args, mask=mask), expected, atol=1e-12
    )


def test_integer_offsets_equal_a_conv_of_the_shifted_input():
    """Every tap moved by (dy, dx) = (1, -2): the conv of the input shifted up 1, right 2."""
    x, weight, bias, offset, _, groups = deform_case(2, groups=2)
    offset[:, 0::2], offset[:, 1::2] = 1.0, -2.0
    shifted = np.zeros_like(x)
    shifted[:, :, :-1, 2:] = x[:, :, 1:, :-2]
    np.testing.assert_allclose(
        cl.deform_conv2d(x, offset, weight, bias),
        cl.conv2d(shifted, weight, bias, groups=groups),
        atol=1e-12,
    )


def test_bilinear_sample_at_integer_points_returns_the_pixels():
    image = np.random.default_rng(4).normal(size=(3, 4, 5))
    rows, cols = np.meshgrid(np.arange(4), np.arange(5), indexing="ij")
    np.testing.assert_array_equal(cl.bilinear_sample(image, rows, cols), image)


@pytest.mark.parametrize(
    ("y", "x", "expected"),
    [
        (0.5, 0.5, (1 + 2 + 3 + 4) / 4),  # centre of the four pixels
        (0.25, 0.75, 0.75 * (0.25 * 1 + 0.75 * 2) + 0.25 * (0.25 * 3 + 0.75 * 4)),
        (-0.5, 0.0, 0.5 * 1),  # half a pixel above the image: half of the top row
        (1.5, 1.0, 0.5 * 4),  # half a pixel below: half of the bottom row
        (-1.0, 0.0, 0.0),  # a whole pixel outside: zero (torchvision: y <= -1)
        (2.0, 0.0, 0.0),  # y >= H: zero
        (0.0, -0.25, 0.75 * 1),
        (0.0, 1.999, 0.001 * 2),  # x < W: the right corner lies outside and counts 0
    ],
)
def test_bilinear_sample_follows_torchvisions_border_rule(y, x, expected):
    """Hand-computed samples of [[1, 2], [3, 4]], inside, on and beyond the border."""
    image = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert cl.bilinear_sample(image, y, x) == pytest.approx(expected, abs=1e-12)


def test_deform_conv_fractional_offset_and_mask_by_hand():
    """One 1x1 tap, offset (0.5, 0.25), mask 0.5, weight 2 on [[1, 2], [3, 4]]: by hand."""
    x = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    offset = np.zeros((1, 2, 2, 2))
    offset[0, 0], offset[0, 1] = 0.5, 0.25
    mask = np.full((1, 1, 2, 2), 0.5)
    got = cl.deform_conv2d(x, offset, np.full((1, 1, 1, 1), 2.0), mask=mask)[0, 0]
    sample = lambda y, xx: cl.bilinear_sample(x[0, 0], y, xx)  # noqa: E731
    expected = [[2 * 0.5 * sample(0.5 + i, 0.25 + j) for j in range(2)] for i in range(2)]
    np.testing.assert_allclose(got, expected)
    # by hand at (0.5, 0.25): rows 0 and 1 weigh 1/2; columns 0 and 1 weigh 3/4 and 1/4
    assert got[0, 0] == pytest.approx(
        2 * 0.5 * (0.5 * (0.75 * 1 + 0.25 * 2) + 0.5 * (0.75 * 3 + 0.25 * 4))
    )
    # at (1.5, 1.25): only pixel (1, 1) is inside, weight (1/2)(3/4)
    assert got[1, 1] == pytest.approx(2 * 0.5 * 0.5 * 0.75 * 4)


def test_deform_conv_offsets_are_dy_then_dx():
    """Channel 2k is the row offset of tap k, 2k + 1 its column offset (torchvision)."""
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    offset = np.zeros((1, 2, 3, 3))
    offset[0, 0] = 1.0  # move down one row
    got = cl.deform_conv2d(x, offset, np.ones((1, 1, 1, 1)))[0, 0]
    assert got.tolist() == [[3.0, 4.0, 5.0], [6.0, 7.0, 8.0], [0.0, 0.0, 0.0]]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"offset": np.zeros((1, 5, 3, 3))}, "offset"),
        ({"offset": np.zeros((1, 2, 2, 3))}, "offset"),
        ({"mask": np.ones((1, 2, 3, 3))}, "mask"),
        ({"weight": np.ones((1, 3, 1, 1))}, "C_in"),
    ],
)
def test_deform_conv_bad_shapes_name_the_argument(kwargs, argument):
    args = {
        "x": np.ones((1, 2, 3, 3)),
        "offset": np.zeros((1, 2, 3, 3)),
        "weight": np.ones((1, 2, 1, 1)),
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=argument):
        cl.deform_conv2d(**args)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (
            lambda: cl.conv_transpose2d(
                np.ones((1, 2, 3, 3)), np.ones((2, 1, 3, 3)), stride=2, output_padding=2
            ),
            "output_padding",
        ),
        (lambda: cl.conv_transpose2d(np.ones((1, 2, 3, 3)), np.ones((3, 1, 3, 3))), "weight"),
        (
            lambda: cl.conv_transpose2d(np.ones((1, 3, 3, 3)), np.ones((3, 1, 3, 3)), groups=2),
            "groups",
        ),
        (lambda: cl.channel_shuffle(np.ones((1, 6, 2)), 4), "groups"),
        (lambda: cl.depthwise_conv2d(np.ones((1, 3, 4, 4)), np.ones((4, 1, 3, 3))), "weight"),
        (lambda: cl.pointwise_conv2d(np.ones((1, 3, 4, 4)), np.ones((2, 3, 3, 3))), "weight"),
        (
            lambda: cl.flattened_weight(np.ones((2, 3)), np.ones((3, 3)), np.ones((2, 3))),
            "vertical",
        ),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_counts_match_the_seed_figures_and_the_operators():
    """4608 vs 656 parameters (16 -> 32, 3x3), 81 vs 72 multiplications, the 1/8 of groups."""
    assert cl.conv_params(16, 32, 3) == 3 * 3 * 16 * 32 == 4608
    assert cl.depthwise_separable_params(16, 32, 3) == 3 * 3 * 16 + 16 * 32 == 656
    assert cl.separable_multiplications(5, 3) == (81, 72)
    n, m = 10, 3
    assert cl.separable_multiplications(n, m) == ((n - 2) ** 2 * m**2, (2 * n - 2) * (n - 2) * m)
    assert cl.conv_params(256, 256, 3, groups=8) * 8 == cl.conv_params(256, 256, 3)
    ratio = cl.depthwise_separable_macs(64, 128, 3, 28) / cl.conv_macs(64, 128, 3, 28)
    assert ratio == pytest.approx(1 / 128 + 1 / 9)
    assert cl.flattened_params(16, 32, 3) == 32 * (16 + 3 + 3)


@SETTINGS
@given(
    st.integers(1, 4),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(0, 2**16),
)
def test_conv_with_the_dilated_kernel_is_the_dilated_conv(kh, kw, dh, dw, padding, seed):
    """conv2d(x, dilate_kernel(w, d)) == conv2d(x, w, dilation=d); the kernel grows to
    k + (k - 1)(d - 1) taps per axis, zeros between the original ones."""
    rng = np.random.default_rng(seed)
    weight = rng.normal(size=(3, 2, kh, kw))
    spread = cl.dilate_kernel(weight, (dh, dw))
    assert spread.shape[2:] == (cl.effective_kernel_size(kh, dh), cl.effective_kernel_size(kw, dw))
    assert np.count_nonzero(spread) == np.count_nonzero(weight)
    x = rng.normal(size=(2, 2, 2 * spread.shape[2], 2 * spread.shape[3]))
    np.testing.assert_allclose(
        cl.conv2d(x, spread, padding=padding),
        cl.conv2d(x, weight, padding=padding, dilation=(dh, dw)),
        atol=1e-12,
    )


def test_dilate_kernel_names_bad_arguments():
    with pytest.raises(ValueError, match="dilation"):
        cl.dilate_kernel(np.ones((3, 3)), 0)
    with pytest.raises(ValueError, match="kernel"):
        cl.dilate_kernel(np.ones(3), 2)


@SETTINGS
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**16))
def test_rank1_factors_recover_a_rank_one_filter(c_in, kh, kw, seed):
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(3, c_in)), rng.normal(size=(3, kh)), rng.normal(size=(3, kw))
    weight = cl.flattened_weight(*factors)
    lateral, vertical, horizontal = cl.rank1_factors(weight)
    np.testing.assert_allclose(
        cl.flattened_weight(lateral, vertical, horizontal), weight, atol=1e-9
    )
    np.testing.assert_allclose(np.linalg.norm(vertical, axis=1), 1.0)
    assert np.all(vertical[np.arange(3), np.argmax(np.abs(vertical), axis=1)] > 0)


def test_rank1_factors_find_the_largest_term_of_an_orthogonal_decomposition():
    """For sum_r s_r a_r (x) b_r (x) c_r with orthonormal a, b, c, the best rank-1 fit is
    the term of the largest s_r, with error sqrt(sum of the other s_r^2)."""
    rng = np.random.default_rng(0)
    a, b, c = (np.linalg.qr(rng.normal(size=(n, 3)))[0] for n in (4, 3, 5))
    s = np.array([1.0, 3.0, 2.0])
    weight = np.einsum("r,cr,ir,jr->cij", s, a, b, c)[None]
    lateral, vertical, horizontal = cl.rank1_factors(weight)
    best = cl.flattened_weight(lateral, vertical, horizontal)
    np.testing.assert_allclose(best[0], 3.0 * np.einsum("c,i,j->cij", a[:, 1], b[:, 1], c[:, 1]))
    assert np.isclose(np.linalg.norm(weight - best), np.sqrt(1.0 + 4.0))


def test_rank1_factors_are_a_stationary_point_of_the_fit():
    """Each factor is the least-squares optimum given the other two (no better step)."""
    weight = np.random.default_rng(1).normal(size=(4, 3, 3, 3))
    lateral, vertical, horizontal = cl.rank1_factors(weight)
    np.testing.assert_allclose(
        np.einsum("ocij,oi,oj->oc", weight, vertical, horizontal), lateral, atol=1e-8
    )


def test_pointwise_grouped_conv_is_a_1x1_conv_with_a_block_diagonal_weight():
    rng = np.random.default_rng(2)
    x, weight = rng.normal(size=(2, 6, 3, 4)), rng.normal(size=(9, 2, 1, 1))
    dense = np.zeros((9, 6, 1, 1))
    for g in range(3):  # outputs 3g..3g+2 read inputs 2g, 2g+1 only
        dense[3 * g : 3 * g + 3, 2 * g : 2 * g + 2] = weight[3 * g : 3 * g + 3]
    np.testing.assert_allclose(
        cl.pointwise_grouped_conv2d(x, weight, groups=3), cl.conv2d(x, dense), atol=1e-12
    )


def shufflenet_by_hand(x, w1, dw, w2, groups, stride):
    """The unit written out with conv2d alone, for the comparison below."""
    hidden = np.maximum(cl.conv2d(x, w1, groups=groups), 0)
    c = hidden.shape[1]
    hidden = hidden.reshape(x.shape[0], groups, c // groups, *hidden.shape[2:])
    hidden = hidden.swapaxes(1, 2).reshape(x.shape[0], c, *hidden.shape[3:])
    hidden = cl.conv2d(hidden, dw, stride=stride, padding=1, groups=c)
    branch = cl.conv2d(hidden, w2, groups=groups)
    if stride == 1:
        return np.maximum(x + branch, 0)
    windows = cl.conv2d(
        x, np.full((x.shape[1], 1, 3, 3), 1 / 9), stride=2, padding=1, groups=x.shape[1]
    )
    return np.maximum(np.concatenate([windows, branch], axis=1), 0)


@pytest.mark.parametrize(("stride", "c_branch"), [(1, 6), (2, 9)])
def test_shufflenet_unit_is_gconv_shuffle_depthwise_gconv_with_its_shortcut(stride, c_branch):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 6, 5, 7))
    w1, dw = rng.normal(size=(12, 2, 1, 1)), rng.normal(size=(12, 1, 3, 3))
    w2 = rng.normal(size=(c_branch, 4, 1, 1))
    out = cl.shufflenet_unit(x, w1, dw, w2, groups=3, stride=stride)
    expected = shufflenet_by_hand(x, w1, dw, w2, 3, stride)
    assert out.shape == ((2, 6, 5, 7) if stride == 1 else (2, 15, 3, 4))
    np.testing.assert_allclose(out, expected, atol=1e-12)


def test_shufflenet_unit_names_bad_arguments():
    x = np.ones((1, 6, 4, 4))
    w1, dw = np.ones((12, 2, 1, 1)), np.ones((12, 1, 3, 3))
    with pytest.raises(ValueError, match="weight2"):
        cl.shufflenet_unit(x, w1, dw, np.ones((9, 4, 1, 1)), groups=3, stride=1)
    with pytest.raises(ValueError, match="stride"):
        cl.shufflenet_unit(x, w1, dw, np.ones((6, 4, 1, 1)), groups=3, stride=3)


def test_flattened_conv_names_lateral_when_it_does_not_match_the_channels():
    x = np.ones((1, 3, 5, 5))
    with pytest.raises(ValueError, match=r"\blateral\b"):
        cl.flattened_conv2d(x, np.ones((2, 4)), np.ones((2, 3)), np.ones((2, 3)))
