"""05-transposed-conv: conv_transpose2d (stride, padding, output_padding) and conv_matrix."""

import numpy as np

from ... import conv2d, conv_matrix, conv_transpose2d
from ._base import Exercise, call, raises

HIDDEN = [  # x, weight (C_in, C_out, kH, kW), bias?, keyword arguments
    ((2, 3, 4, 4), (3, 2, 3, 3), True, dict(stride=2)),
    ((1, 2, 3, 5), (2, 4, 3, 2), True, dict(stride=(2, 3), padding=(1, 0))),
    ((2, 1, 3, 3), (1, 3, 4, 4), False, dict(stride=2, padding=1)),
    ((1, 2, 4, 3), (2, 3, 3, 3), True, dict(stride=2, padding=1, output_padding=1)),
    ((2, 3, 3, 4), (3, 1, 3, 5), True, dict(stride=(3, 2), padding=(1, 2), output_padding=(2, 1))),
    ((1, 2, 3, 3), (2, 3, 2, 2), False, dict(stride=3)),
    ((3, 1, 2, 2), (1, 2, 3, 3), True, dict(padding=1)),
]


def transpose_cases(rng):
    fixed = [
        call(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), np.arange(1.0, 10.0).reshape(1, 1, 3, 3)),
        call(rng.normal(size=(1, 2, 3, 3)), rng.normal(size=(2, 2, 4, 4)), stride=2, padding=1),
    ]
    for x_shape, w_shape, with_bias, kwargs in HIDDEN:
        bias = rng.normal(size=w_shape[1]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    # the adjoint of a conv2d with stride (2, 3) and padding 1 on a 7x8 input
    weight = rng.normal(size=(4, 3, 3, 2))
    y = rng.normal(size=conv2d(np.ones((2, 3, 7, 8)), weight, stride=(2, 3), padding=1).shape)
    fixed.append(call(y, weight, stride=(2, 3), padding=1, output_padding=(0, 2)))
    drawn = [_random(rng) for _ in range(3)]
    ones = np.ones((1, 1, 3, 3))
    errors = [
        raises(ones, ones, stride=2, output_padding=2, mentions="output_padding"),
        raises(ones, ones, stride=2, output_padding=(0, 2), mentions="output_padding"),
        raises(
            np.ones((1, 2, 3, 3)),
            np.ones((2, 2, 4, 4)),
            output_padding=2,
            mentions="output_padding",
        ),
        raises(np.ones((1, 3, 4, 4)), np.ones((2, 3, 3, 3)), mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


def _random(rng):
    n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
    while True:
        size = tuple(int(v) for v in rng.integers(1, 5, 2))
        kernel = tuple(int(v) for v in rng.integers(1, 5, 2))
        stride = tuple(int(v) for v in rng.integers(1, 4, 2))
        padding = tuple(int(rng.integers(0, k)) for k in kernel)
        output_padding = tuple(int(rng.integers(0, s)) for s in stride)
        sizes = zip(size, kernel, stride, padding, output_padding)
        if all((i - 1) * s - 2 * p + k + o > 0 for i, k, s, p, o in sizes):
            break
    bias = rng.normal(size=c_out) if rng.random() < 0.7 else None
    x, weight = rng.normal(size=(n, c_in, *size)), rng.normal(size=(c_in, c_out, *kernel))
    return call(x, weight, bias, stride=stride, padding=padding, output_padding=output_padding)


MATRIX_HIDDEN = [
    ((4, 6), (2, 3), {}),
    ((5, 4), (3, 2), dict(stride=(1, 2))),
    ((6, 5), (3, 3), dict(stride=2)),
    ((4, 4), (3, 3), dict(padding=1)),
    ((5, 7), (3, 2), dict(stride=(2, 3), padding=(1, 0))),
    ((3, 5), (2, 4), dict(padding=(0, 2))),
]


def matrix_cases(rng):
    kernel = np.arange(1.0, 10.0).reshape(3, 3)
    fixed = [call((4, 4), kernel), call((5, 5), kernel, stride=2)]
    fixed += [call(shape, rng.normal(size=k), **kwargs) for shape, k, kwargs in MATRIX_HIDDEN]
    fixed += [call((3, 3), np.array([[1, 2], [3, 4]])), call((7, 6), kernel, stride=2, padding=1)]
    drawn = []
    for _ in range(3):
        shape = tuple(int(v) for v in rng.integers(2, 7, 2))
        k = tuple(int(rng.integers(1, s + 1)) for s in shape)
        stride = tuple(int(v) for v in rng.integers(1, 3, 2))
        drawn.append(call(shape, rng.normal(size=k), stride=stride))
    return [*fixed, *drawn, raises((2, 5), np.ones((3, 3)), mentions="kernel")]


EXERCISES = [
    Exercise("test_conv_transpose2d", "conv_transpose2d", conv_transpose2d, transpose_cases),
    Exercise("test_conv_matrix", "conv_matrix", conv_matrix, matrix_cases),
]
