"""Output sizes, effective kernel sizes and receptive fields, checked against real convs."""

import itertools

import numpy as np
import pytest

import convlab as cl


@pytest.mark.parametrize(
    ("i", "k", "s", "p", "d"),
    [
        c
        for c in itertools.product(range(1, 9), range(1, 5), range(1, 4), range(0, 3), range(1, 3))
        if c[4] * (c[1] - 1) + 1 <= c[0] + 2 * c[3]
    ][::7],
)
def test_conv_output_size_is_the_size_conv2d_produces(i, k, s, p, d):
    out = cl.conv2d(
        np.ones((1, 1, i, 1)), np.ones((1, 1, k, 1)), stride=(s, 1), padding=(p, 0), dilation=(d, 1)
    )
    assert cl.conv_output_size(i, k, s, p, d) == out.shape[2]


def test_conv_output_size_floors_when_the_stride_does_not_divide():
    assert cl.conv_output_size(8, 3, stride=2) == 3  # (8 - 3) / 2 = 2.5 -> 2, + 1
    assert cl.conv_output_size(5, 3, stride=2, padding=1) == 3


@pytest.mark.parametrize(
    ("i", "k", "s", "p", "op", "d"),
    [
        (2, 3, 1, 0, 0, 1),
        (3, 3, 2, 1, 1, 1),
        (4, 4, 2, 1, 0, 1),
        (3, 3, 3, 0, 2, 2),
        (5, 2, 1, 0, 1, 2),
    ],
)
def test_conv_transpose_output_size_is_the_size_conv_transpose2d_produces(i, k, s, p, op, d):
    out = cl.conv_transpose2d(
        np.ones((1, 1, i, 1)),
        np.ones((1, 1, k, 1)),
        stride=(s, 1),
        padding=(p, 0),
        output_padding=(op, 0),
        dilation=(d, 1),
    )
    assert cl.conv_transpose_output_size(i, k, s, p, op, d) == out.shape[2]


def test_effective_kernel_size():
    assert [cl.effective_kernel_size(3, d) for d in (1, 2, 4)] == [3, 5, 9]


def brute_force_receptive_field(kernel_sizes, strides, dilations):
    """Push a delta through real convolutions with all-ones kernels and measure its reach
    backwards: the inputs that change the centre output."""
    size = (
        1
        + sum(d * (k - 1) for k, d in zip(kernel_sizes, dilations)) * int(np.prod(strides)) * 2
        + 1
    )
    influence = []
    for position in range(size):
        x = np.zeros((1, 1, 1, size))
        x[0, 0, 0, position] = 1.0
        for k, s, d in zip(kernel_sizes, strides, dilations):
            x = cl.conv2d(x, np.ones((1, 1, 1, k)), stride=(1, s), dilation=(1, d))
        influence.append(x[0, 0, 0, 0] != 0)
    reached = np.flatnonzero(influence)
    return reached[-1] - reached[0] + 1


@pytest.mark.parametrize(
    ("kernel_sizes", "strides", "dilations"),
    [
        ([3], [1], [1]),
        ([3, 3], [1, 1], [1, 2]),
        ([3, 3, 3], [1, 1, 1], [1, 2, 4]),
        ([3, 3], [2, 1], [1, 1]),
        ([5, 3, 3], [2, 2, 1], [1, 1, 2]),
        ([2, 4], [3, 1], [2, 1]),
    ],
)
def test_receptive_field_equals_brute_force(kernel_sizes, strides, dilations):
    assert cl.receptive_field(kernel_sizes, strides, dilations) == brute_force_receptive_field(
        kernel_sizes, strides, dilations
    )


def test_dilated_stack_grows_3_7_15():
    """3x3 layers with rates 1, 2, 4: receptive fields 3, 7, 15 (the seed figures)."""
    rates = [1, 2, 4]
    assert [cl.receptive_field([3] * n, dilations=rates[:n]) for n in (1, 2, 3)] == [3, 7, 15]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: cl.conv_output_size(0, 3), "i"),
        (lambda: cl.conv_output_size(5, 3, stride=0), "stride"),
        (lambda: cl.conv_output_size(5, 3, padding=-1), "padding"),
        (lambda: cl.conv_output_size(2, 5), "k"),
        (lambda: cl.conv_output_size(5.0, 3), "i"),
        (lambda: cl.conv_transpose_output_size(3, 3, stride=2, output_padding=2), "output_padding"),
        (lambda: cl.effective_kernel_size(3, 0), "dilation"),
        (lambda: cl.receptive_field([]), "kernel_sizes"),
        (lambda: cl.receptive_field([3, 3], strides=[1]), "strides"),
        (lambda: cl.receptive_field([3], dilations=[0]), "dilations"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
