"""08-depthwise-separable: depthwise_conv2d (multiplier), the separable layer, its parameters."""

import numpy as np

from ... import depthwise_conv2d, depthwise_separable_conv2d, depthwise_separable_params
from ._base import Exercise, call, raises

DEPTHWISE = [  # x, multiplier, kernel, bias?, keyword arguments
    ((1, 2, 6, 6), 2, (3, 3), True, {}),
    ((2, 3, 7, 5), 3, (2, 3), True, dict(stride=2)),
    ((2, 2, 8, 8), 2, (3, 1), False, dict(stride=(2, 1), padding=(0, 2))),
    ((3, 4, 5, 9), 2, (1, 5), True, dict(stride=(1, 3), padding=1)),
    ((1, 1, 9, 9), 4, (3, 3), True, dict(stride=2, padding=1)),
    ((2, 3, 6, 7), 1, (4, 2), True, dict(padding=(2, 1))),
]


def depthwise_cases(rng):
    weight = np.array([[[[1.0, 0.0], [0.0, -1.0]]], [[[0.0, 2.0], [1.0, 0.0]]]])
    fixed = [call(np.arange(32.0).reshape(1, 2, 4, 4), weight)]
    fixed.append(
        call(rng.normal(size=(1, 3, 7, 7)), rng.normal(size=(3, 1, 3, 3)), stride=2, padding=1)
    )
    for x_shape, m, kernel, with_bias, kwargs in DEPTHWISE:
        channels = x_shape[1] * m
        bias = rng.normal(size=channels) if with_bias else None
        w = rng.normal(size=(channels, 1, *kernel))
        fixed.append(call(rng.normal(size=x_shape), w, bias, **kwargs))
    drawn = [_random_depthwise(rng) for _ in range(3)]
    errors = [
        raises(np.ones((1, 2, 5, 5)), np.ones((2, 2, 3, 3)), mentions="weight"),
        raises(np.ones((1, 3, 5, 5)), np.ones((4, 1, 3, 3)), mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


def _random_depthwise(rng):
    n, c, m = (int(v) for v in rng.integers(1, 4, 3))
    h, w = (int(v) for v in rng.integers(3, 9, 2))
    kernel = tuple(int(rng.integers(1, s + 1)) for s in (h, w))
    stride = tuple(int(v) for v in rng.integers(1, 3, 2))
    padding = tuple(int(v) for v in rng.integers(0, 2, 2))
    bias = rng.normal(size=c * m) if rng.random() < 0.7 else None
    x, weight = rng.normal(size=(n, c, h, w)), rng.normal(size=(c * m, 1, *kernel))
    return call(x, weight, bias, stride=stride, padding=padding)


SEPARABLE = [  # x, multiplier, kernel, C_out, bias?, keyword arguments
    ((1, 4, 7, 6), 1, (3, 3), 4, True, {}),
    ((2, 3, 8, 8), 2, (3, 3), 5, True, dict(stride=2, padding=1)),
    ((2, 2, 9, 7), 3, (1, 3), 4, False, dict(stride=(2, 1), padding=(0, 1))),
    ((3, 3, 6, 6), 1, (5, 3), 2, True, dict(padding=2)),
    ((1, 2, 10, 10), 2, (3, 3), 6, True, dict(stride=2)),
    ((2, 1, 5, 8), 4, (2, 2), 3, False, dict(stride=3, padding=1)),
]


def separable_cases(rng):
    fixed = [
        call(
            rng.uniform(size=(1, 3, 7, 7)),
            rng.uniform(size=(3, 1, 3, 3)),
            rng.normal(size=(128, 3, 1, 1)),
        ),
        call(
            rng.uniform(size=(1, 16, 6, 6)),
            rng.uniform(size=(16, 1, 3, 3)),
            rng.normal(size=(32, 16, 1, 1)),
            padding=1,
        ),
    ]
    for x_shape, m, kernel, c_out, with_bias, kwargs in SEPARABLE:
        middle = x_shape[1] * m
        depthwise, pointwise = (
            rng.normal(size=(middle, 1, *kernel)),
            rng.normal(size=(c_out, middle, 1, 1)),
        )
        bias = rng.normal(size=c_out) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), depthwise, pointwise, bias, **kwargs))
    errors = [
        raises(
            np.ones((1, 3, 5, 5)),
            np.ones((6, 1, 3, 3)),
            np.ones((4, 3, 1, 1)),
            mentions="pointwise_weight",
        ),
        raises(
            np.ones((1, 3, 5, 5)), np.ones((3, 3, 3, 3)), np.ones((4, 3, 1, 1)), mentions="weight"
        ),
    ]
    return [*fixed, _random_separable(rng), _random_separable(rng), *errors]


def _random_separable(rng):
    depthwise = _random_depthwise(rng)
    x, weight = depthwise.args[:2]
    pointwise = rng.normal(size=(int(rng.integers(1, 5)), weight.shape[0], 1, 1))
    return call(x, weight, pointwise, None, **depthwise.kwargs)


def params_cases(rng):
    fixed = [(16, 32, 3, 1), (32, 64, 5, 1), (16, 32, 3, 2), (3, 24, 3, 4), (32, 32, (3, 5), 1)]
    fixed += [
        (8, 48, (1, 7), 3),
        (64, 128, (5, 3), 2),
        (1, 1, 1, 1),
        (1024, 1024, 3, 1),
        (12, 7, (2, 4), 5),
    ]
    drawn = [
        tuple(int(v) for v in rng.integers(1, 300, 2))
        + (int(rng.integers(1, 8)), int(rng.integers(1, 5)))
        for _ in range(3)
    ]
    return [call(16, 32, 3), *(call(c_in, c_out, k, m) for c_in, c_out, k, m in fixed + drawn)]


EXERCISES = [
    Exercise("test_depthwise_conv2d", "depthwise_conv2d", depthwise_conv2d, depthwise_cases),
    Exercise(
        "test_depthwise_separable_conv2d",
        "depthwise_separable_conv2d",
        depthwise_separable_conv2d,
        separable_cases,
    ),
    Exercise(
        "test_depthwise_separable_params",
        "depthwise_separable_params",
        depthwise_separable_params,
        params_cases,
    ),
]
