"""11-shuffled-grouped-conv: channel_shuffle, pointwise_grouped_conv2d, the ShuffleNet unit."""

import numpy as np

from ... import channel_shuffle, pointwise_grouped_conv2d, shufflenet_unit
from ._base import Exercise, call, raises

SHUFFLES = [
    ((2, 6, 3, 3), 2),
    ((2, 6, 3, 3), 3),
    ((1, 12, 2, 2), 4),
    ((3, 8, 4), 2),
    ((2, 12), 3),
    ((1, 10, 2, 1, 3), 5),
    ((2, 9, 2, 3), 3),
    ((1, 4, 1, 1), 1),
    ((2, 8, 2, 2), 8),
]


def shuffle_cases(rng):
    fixed = [
        call(np.arange(1.0, 17.0).reshape(1, 4, 2, 2), 2),
        call(np.arange(36.0).reshape(1, 9, 2, 2), 3),
    ]
    fixed += [call(rng.normal(size=shape), g) for shape, g in SHUFFLES]
    x = rng.normal(size=(2, 12, 3))
    fixed += [call(channel_shuffle(x, g), n) for g, n in [(3, 4), (4, 3), (2, 6)]]
    fixed.append(call(np.arange(24).reshape(2, 6, 2), 3))
    drawn = []
    for _ in range(3):
        g, n = (int(v) for v in rng.integers(1, 5, 2))
        drawn.append(call(rng.normal(size=(int(rng.integers(1, 3)), g * n, 2)), g))
    return [*fixed, *drawn, raises(x, 5, mentions="groups"), raises(x, 0, mentions="groups")]


GROUPED = [  # x, weight, groups, bias?
    ((2, 6, 3, 4), (9, 2, 1, 1), 3, True),
    ((3, 8, 2, 5), (4, 4, 1, 1), 2, True),
    ((2, 12, 3, 3), (8, 3, 1, 1), 4, False),
    ((1, 6, 4, 1), (12, 1, 1, 1), 6, True),
    ((2, 5, 3, 2), (10, 5, 1, 1), 1, True),
]


def grouped_cases(rng):
    x = rng.normal(size=(1, 6, 3, 4))
    fixed = [call(x, rng.normal(size=(6, 6, 1, 1)), 1), call(x, rng.normal(size=(6, 2, 1, 1)), 3)]
    for x_shape, w_shape, g, with_bias in GROUPED:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), g, bias))
    drawn = []
    for _ in range(3):
        g, per_in, per_out = (int(v) for v in rng.integers(1, 4, 3))
        x = rng.normal(size=(int(rng.integers(1, 3)), g * per_in, 3, 2))
        drawn.append(
            call(x, rng.normal(size=(g * per_out, per_in, 1, 1)), g, rng.normal(size=g * per_out))
        )
    errors = [
        raises(np.ones((1, 6, 2, 2)), np.ones((8, 1, 1, 1)), 4, mentions="groups"),
        raises(np.ones((1, 6, 2, 2)), np.ones((4, 2, 1, 1)), 3, mentions="groups"),
        raises(np.ones((1, 6, 2, 2)), np.ones((6, 3, 1, 1)), 3, mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


UNITS = [  # x, (C_mid, weight1 C_in/g), (C_branch, weight2 C_mid/g), groups, stride
    ((1, 4, 5, 5), (4, 2), (4, 2), 2, 1),
    ((1, 4, 5, 5), (4, 2), (4, 2), 2, 2),
    ((2, 6, 5, 6), (6, 2), (6, 2), 3, 1),
    ((1, 12, 4, 4), (6, 4), (12, 2), 3, 1),
    ((2, 6, 7, 6), (6, 2), (6, 2), 3, 2),
    ((1, 4, 7, 5), (8, 2), (6, 4), 2, 2),
    ((2, 8, 6, 6), (8, 2), (8, 2), 4, 2),
]


def unit_cases(rng):
    fixed = [_unit(rng, *case) for case in UNITS]
    x, weight1, depthwise = np.ones((1, 6, 4, 4)), np.ones((6, 2, 1, 1)), np.ones((6, 1, 3, 3))
    errors = [
        raises(x, weight1, depthwise, np.ones((6, 2, 1, 1)), 3, stride=3, mentions="stride"),
        raises(x, weight1, depthwise, np.ones((9, 2, 1, 1)), 3, mentions="weight2"),
    ]
    g = int(rng.integers(2, 4))
    drawn = [_unit(rng, (1, 2 * g, 5, 4), (2 * g, 2), (2 * g, 2), g, 1)]
    drawn.append(_unit(rng, (2, g, 6, 5), (2 * g, 1), (3 * g, 2), g, 2))
    return [*fixed, *drawn, *errors]


def _unit(rng, x_shape, first, second, groups, stride):
    (c_mid, w1_in), (c_branch, w2_in) = first, second
    x, weight1 = rng.normal(size=x_shape), rng.normal(size=(c_mid, w1_in, 1, 1))
    depthwise, weight2 = rng.normal(size=(c_mid, 1, 3, 3)), rng.normal(size=(c_branch, w2_in, 1, 1))
    if stride == 1:
        return call(x, weight1, depthwise, weight2, groups)
    return call(x, weight1, depthwise, weight2, groups, stride=stride)


EXERCISES = [
    Exercise("test_channel_shuffle", "channel_shuffle", channel_shuffle, shuffle_cases),
    Exercise(
        "test_pointwise_grouped_conv2d",
        "pointwise_grouped_conv2d",
        pointwise_grouped_conv2d,
        grouped_cases,
    ),
    Exercise("test_shufflenet_unit", "shufflenet_unit", shufflenet_unit, unit_cases),
]
