"""Output sizes, effective kernel sizes and receptive fields, checked against real convs."""

import itertools

import numpy as np
import pytest

import convlab as cl

FITTING = [
    (i, k, s, p, d)
    for i, k, s, p, d in itertools.product(
        range(1, 10), range(1, 6), range(1, 5), range(0, 3), range(1, 4)
    )
    if d * (k - 1) + 1 <= i + 2 * p
]


def test_conv_output_size_is_the_size_conv2d_produces():
    """For every fitting (i, k, s, p, d) with i < 10, k < 6, s < 5, p < 3, d < 4, on both
    axes: the formula's size is the size conv2d produces."""
    for i, k, s, p, d in FITTING:
        out = cl.conv2d(
            np.ones((1, 1, i, i + 1)),
            np.ones((1, 1, k, k)),
            stride=s,
            padding=(p, p + 1),
            dilation=d,
        )
        expected = (cl.conv_output_size(i, k, s, p, d), cl.conv_output_size(i + 1, k, s, p + 1, d))
        assert out.shape[2:] == expected, (i, k, s, p, d)
    assert len(FITTING) > 1000


def test_conv_output_size_floors_when_the_stride_does_not_divide():
    assert cl.conv_output_size(8, 3, stride=2) == 3  # (8 - 3) / 2 = 2.5 -> 2, + 1
    assert cl.conv_output_size(5, 3, stride=2, padding=1) == 3  # (5 + 2 - 3) / 2 = 2, + 1
    assert cl.conv_output_size(6, 3, stride=2, padding=1) == 3  # 2.5 -> 2, + 1
    assert cl.conv_output_size(9, 2, stride=4) == 2  # stride > kernel: (9 - 2) / 4 -> 1, + 1
    assert cl.conv_output_size(7, 3, dilation=3) == 1  # span 7


def test_conv_output_size_of_a_kernel_exactly_as_large_as_the_padded_input_is_one():
    assert cl.conv_output_size(3, 5, padding=1) == 1
    assert cl.conv_output_size(1, 3, dilation=2, padding=2, stride=5) == 1


@pytest.mark.parametrize(
    ("i", "k", "s", "p", "op", "d", "expected"),
    [
        (2, 3, 1, 0, 0, 1, 4),  # (2 - 1) + 2 + 1
        (3, 3, 2, 1, 1, 1, 6),  # 4 - 2 + 2 + 1 + 1: the size a stride-2 conv maps to 3
        (4, 4, 2, 1, 0, 1, 8),  # the usual 2x upsampling layer
        (3, 3, 3, 0, 2, 2, 13),  # 6 + 4 + 2 + 1
        (5, 2, 1, 0, 1, 2, 8),  # output_padding < dilation is allowed with stride 1
        (1, 1, 1, 0, 0, 1, 1),
        (7, 5, 4, 3, 3, 1, 26),  # 24 - 6 + 4 + 3 + 1
    ],
)
def test_conv_transpose_output_size_formula(i, k, s, p, op, d, expected):
    """o = (i - 1)s - 2p + d(k - 1) + output_padding + 1, by hand and by conv_transpose2d."""
    assert cl.conv_transpose_output_size(i, k, s, p, op, d) == expected
    out = cl.conv_transpose2d(
        np.ones((1, 1, i, 1)),
        np.ones((1, 1, k, 1)),
        stride=(s, 1),
        padding=(p, 0),
        output_padding=(op, 0),
        dilation=(d, 1),
    )
    assert out.shape[2] == expected


def test_conv_transpose_output_size_inverts_conv_output_size():
    """A stride-s conv maps o to i for s sizes o; output_padding picks which of them."""
    for i, k, s, p, d in FITTING[::5]:
        o = cl.conv_output_size(i, k, s, p, d)
        smallest = (o - 1) * s - 2 * p + d * (k - 1) + 1  # may be < 1 when p is large
        sizes = [
            cl.conv_transpose_output_size(o, k, s, p, op, d)
            for op in range(max(s, d))
            if smallest + op >= 1
        ]
        assert i in sizes
        assert sizes == list(range(max(smallest, 1), smallest + max(s, d)))


@pytest.mark.parametrize(
    ("stride", "dilation", "output_padding"),
    [(1, 1, 1), (2, 1, 2), (3, 1, 5), (1, 2, 2), (2, 3, 3)],
)
def test_output_padding_at_least_max_of_stride_and_dilation_is_refused(
    stride, dilation, output_padding
):
    with pytest.raises(ValueError, match="output_padding"):
        cl.conv_transpose_output_size(4, 3, stride, 0, output_padding, dilation)


def test_effective_kernel_size_is_k_plus_the_holes():
    """k + (k - 1)(d - 1): 3 -> 3, 5, 9 for rates 1, 2, 4; a 1x1 kernel never grows."""
    assert [cl.effective_kernel_size(3, d) for d in (1, 2, 4)] == [3, 5, 9]
    assert cl.effective_kernel_size(1, 7) == 1
    assert cl.effective_kernel_size(4, 3) == 10


def test_effective_kernel_size_is_the_span_a_dilated_conv_reads():
    """A delta at the far end of a dilated kernel's span reaches the output; one step
    further it does not."""
    for k, d in itertools.product(range(1, 5), range(1, 4)):
        span = cl.effective_kernel_size(k, d)
        x = np.zeros((1, 1, 1, span + 1))
        x[..., span - 1] = 1.0
        out = cl.conv2d(x, np.ones((1, 1, 1, k)), dilation=(1, d))
        assert out[0, 0, 0, 0] == 1.0 and out.shape[-1] == 2


def brute_force_receptive_field(kernel_sizes, strides, dilations):
    """The receptive field of the first output of a stack of convlab.conv2d layers with
    all-ones kernels, measured: push a delta through from each input position and keep
    the positions that reach it (no cancellation: every weight is 1)."""
    size = 2 + 2 * sum(d * (k - 1) for k, d in zip(kernel_sizes, dilations)) * np.prod(strides)
    reached = []
    for position in range(size):
        x = np.zeros((1, 1, 1, size))
        x[..., position] = 1.0
        for k, s, d in zip(kernel_sizes, strides, dilations):
            x = cl.conv2d(x, np.ones((1, 1, 1, k)), stride=(1, s), dilation=(1, d))
        if x[0, 0, 0, 0] != 0:
            reached.append(position)
    assert reached[-1] < size - 1, "the input was too small to measure the field"
    return reached[-1] - reached[0] + 1


@pytest.mark.parametrize(
    ("kernel_sizes", "strides", "dilations"),
    [
        ([3], [1], [1]),
        ([3, 3], [1, 1], [1, 2]),
        ([3, 3, 3], [1, 1, 1], [1, 2, 4]),
        ([3, 3], [2, 1], [1, 1]),
        ([3, 3], [1, 2], [1, 1]),  # the last stride does not widen the field
        ([5, 3, 3], [2, 2, 1], [1, 1, 2]),
        ([2, 4], [3, 1], [2, 1]),
        ([7, 3, 3, 3], [2, 2, 2, 1], [1, 1, 1, 1]),  # a ResNet-like stem
        ([1, 3], [2, 1], [1, 3]),
        ([2, 2, 2], [2, 2, 2], [1, 1, 1]),  # stride = kernel: fields tile the input
    ],
)
def test_receptive_field_equals_brute_force_through_a_conv2d_stack(
    kernel_sizes, strides, dilations
):
    assert cl.receptive_field(kernel_sizes, strides, dilations) == brute_force_receptive_field(
        kernel_sizes, strides, dilations
    )


def test_dilated_stack_grows_3_7_15_also_by_brute_force():
    """3x3 layers with rates 1, 2, 4: receptive fields 3, 7, 15 (the seed figures)."""
    rates = [1, 2, 4]
    fields = [cl.receptive_field([3] * n, dilations=rates[:n]) for n in (1, 2, 3)]
    assert fields == [3, 7, 15]
    assert [brute_force_receptive_field([3] * n, [1] * n, rates[:n]) for n in (1, 2, 3)] == fields


def test_receptive_field_defaults_to_stride_and_dilation_one():
    assert cl.receptive_field([3, 3, 3]) == 7
    assert cl.receptive_field((5,)) == 5


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: cl.conv_output_size(0, 3), "i"),
        (lambda: cl.conv_output_size(5, 0), "k"),
        (lambda: cl.conv_output_size(5, 3, stride=0), "stride"),
        (lambda: cl.conv_output_size(5, 3, padding=-1), "padding"),
        (lambda: cl.conv_output_size(5, 3, dilation=0), "dilation"),
        (lambda: cl.conv_output_size(2, 5), "k"),  # kernel larger than the padded input
        (lambda: cl.conv_output_size(3, 3, dilation=2), "k"),
        (lambda: cl.conv_output_size(5.0, 3), "i"),
        (lambda: cl.conv_output_size(5, True), "k"),
        (lambda: cl.conv_transpose_output_size(0, 3), "i"),
        (lambda: cl.conv_transpose_output_size(3, 3, stride=0), "stride"),
        (lambda: cl.conv_transpose_output_size(3, 3, padding=-1), "padding"),
        (lambda: cl.conv_transpose_output_size(3, 3, dilation=0), "dilation"),
        (lambda: cl.conv_transpose_output_size(3, 3, output_padding=-1), "output_padding"),
        (lambda: cl.conv_transpose_output_size(3, 3, stride=2, output_padding=2), "output_padding"),
        (lambda: cl.conv_transpose_output_size(1, 1, padding=1), "padding"),  # output < 1
        (lambda: cl.effective_kernel_size(3, 0), "dilation"),
        (lambda: cl.effective_kernel_size(0, 1), "k"),
        (lambda: cl.receptive_field([]), "kernel_sizes"),
        (lambda: cl.receptive_field([3, 0]), "kernel_sizes"),
        (lambda: cl.receptive_field([3, 3], strides=[1]), "strides"),
        (lambda: cl.receptive_field([3], strides=[0]), "strides"),
        (lambda: cl.receptive_field([3], dilations=[0]), "dilations"),
        (lambda: cl.receptive_field([3], dilations=[1, 1]), "dilations"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"\b{argument}\b"):
        call()
