"""04-pointwise-conv: pointwise_conv2d (no groups) and the bottleneck's multiply-accumulates."""

import numpy as np

from ... import bottleneck_macs, pointwise_conv2d
from ._base import Exercise, call, raises

LAYERS = [  # x, C_out, bias?: the hidden tests' kinds
    ((1, 3, 4, 5), 2, False),
    ((1, 2, 3, 3), 5, False),
    ((3, 4, 5, 5), 4, False),
    ((2, 3, 4, 4), 4, True),
    ((2, 6, 3, 7), 2, True),
    ((2, 2, 6, 3), 8, True),
]


def pointwise_cases(rng):
    image = np.arange(12.0).reshape(1, 3, 2, 2)
    fixed = [call(image, np.eye(3)[[2, 0, 1]].reshape(3, 3, 1, 1))]
    fixed.append(call(rng.normal(size=(1, 4, 5, 5)), rng.normal(size=(4, 4, 1, 1))))
    for x_shape, c_out, with_bias in LAYERS:
        weight = rng.normal(size=(c_out, x_shape[1], 1, 1))
        bias = rng.normal(size=c_out) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), weight, bias))
    drawn = []
    for _ in range(3):
        n, c_in, c_out, h, w = (int(v) for v in rng.integers(1, 7, 5))
        x, weight = rng.normal(size=(n, c_in, h, w)), rng.normal(size=(c_out, c_in, 1, 1))
        drawn.append(call(x, weight, rng.normal(size=c_out)))
    errors = [
        raises(np.ones((1, 3, 2, 2)), np.ones((4, 2, 1, 1)), mentions="weight"),
        raises(np.ones((1, 3, 4, 4)), np.ones((2, 3, 3, 3)), mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


def macs_cases(rng):
    fixed = [(192, 16, 32, 5, 28), (192, 96, 128, 3, 28), (192, 16, 32, (5, 3), 28)]
    fixed += [
        (256, 64, 256, 3, (56, 28)),
        (64, 8, 16, (1, 7), (14, 9)),
        (512, 24, 64, (7, 1), (17, 12)),
    ]
    fixed += [(480, 96, 208, 3, 14), (832, 48, 128, 5, 7), (3, 1, 8, 1, 4), (1, 1, 1, 1, 1)]
    drawn = []
    for _ in range(4):
        c_in, c_reduced, c_out = (int(v) for v in rng.integers(1, 300, 3))
        kernel = tuple(int(v) for v in rng.integers(1, 8, 2))
        size = tuple(int(v) for v in rng.integers(1, 60, 2))
        drawn.append((c_in, c_reduced, c_out, kernel, size))
    return [call(*args) for args in fixed + drawn]


EXERCISES = [
    Exercise("test_pointwise_conv2d", "pointwise_conv2d", pointwise_conv2d, pointwise_cases),
    Exercise("test_bottleneck_macs", "bottleneck_macs", bottleneck_macs, macs_cases),
]
