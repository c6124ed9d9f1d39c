"""04-pointwise-conv: pointwise_conv2d (no groups) and the bottleneck's multiply-accumulates."""

import numpy as np

from ... import bottleneck_macs, pointwise_conv2d
from ._base import Exercise, call, raises

LAYERS = [  # x, C_out, bias?
    ((1, 3, 4, 5), 2, False),
    ((2, 3, 4, 4), 8, True),  # expansion, N > 1
    ((3, 6, 2, 5), 2, True),
    ((1, 1, 3, 3), 4, True),
    ((2, 4, 1, 7), 4, False),
]


def pointwise_cases(rng):
    fixed = []
    for x_shape, c_out, with_bias in LAYERS:
        weight = rng.normal(size=(c_out, x_shape[1], 1, 1))
        bias = rng.normal(size=c_out) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), weight, bias))
    drawn = []
    for _ in range(3):
        n, c_in, c_out, h, w = (int(v) for v in rng.integers(1, 6, 5))
        x, weight = rng.normal(size=(n, c_in, h, w)), rng.normal(size=(c_out, c_in, 1, 1))
        drawn.append(call(x, weight, rng.normal(size=c_out)))
    errors = [raises(np.ones((1, 3, 2, 2)), np.ones((4, 2, 1, 1)), mentions="weight")]
    return [*fixed, *drawn, *errors]


def macs_cases(rng):
    fixed = [(192, 16, 32, 5, 28), (192, 96, 128, 3, 28), (256, 64, 256, 3, 56), (3, 1, 8, 1, 4)]
    drawn = [
        tuple(int(v) for v in rng.integers(1, 200, 3))
        + (int(rng.integers(1, 8)), int(rng.integers(1, 60)))
        for _ in range(3)
    ]
    return [call(*args) for args in fixed + drawn]


EXERCISES = [
    Exercise("test_pointwise_conv2d", "pointwise_conv2d", pointwise_conv2d, pointwise_cases),
    Exercise("test_bottleneck_macs", "bottleneck_macs", bottleneck_macs, macs_cases),
]
