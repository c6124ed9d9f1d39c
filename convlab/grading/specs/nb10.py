"""10-grouped-conv: conv2d with groups (and stride, padding, dilation), conv_params."""

import numpy as np

from ... import conv2d, conv_params
from ._base import Exercise, call, raises

CONVS = [  # x, weight (C_out, C_in / g, kH, kW), bias?, keyword arguments
    ((2, 4, 6, 7), (6, 2, 3, 3), True, dict(groups=2)),
    ((1, 6, 7, 7), (6, 1, 3, 3), True, dict(groups=6, padding=1)),
    ((2, 6, 8, 8), (12, 2, 3, 2), True, dict(groups=3, stride=2, padding=(1, 0))),
    ((1, 4, 9, 8), (4, 2, 3, 3), False, dict(groups=2, dilation=2, padding=2)),
    ((2, 8, 7, 9), (4, 4, 2, 3), True, dict(groups=2, stride=(2, 1), dilation=(1, 2))),
    ((1, 3, 5, 6), (6, 1, 2, 2), True, dict(groups=3)),
    ((3, 6, 6, 5), (4, 3, 3, 3), True, dict(groups=2, stride=3, padding=1)),
    ((2, 2, 5, 5), (3, 2, 3, 3), True, dict(dilation=2, padding=1)),
]


def conv_cases(rng):
    x = rng.normal(size=(2, 3, 7, 6))
    fixed = [
        call(x, rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4), stride=2, padding=1),
        call(x, rng.normal(size=(3, 1, 3, 3)), padding=1, groups=3),
    ]
    for x_shape, w_shape, with_bias, kwargs in CONVS:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    drawn = []
    for _ in range(3):
        g, per_in, per_out = (int(v) for v in rng.integers(1, 4, 3))
        x = rng.normal(size=(int(rng.integers(1, 3)), g * per_in, 7, 6))
        weight = rng.normal(size=(g * per_out, per_in, 3, 2))
        drawn.append(
            call(x, weight, rng.normal(size=g * per_out), stride=int(rng.integers(1, 3)), groups=g)
        )
    errors = [
        raises(np.ones((1, 4, 5, 5)), np.ones((3, 1, 3, 3)), groups=3, mentions="groups"),
        raises(np.ones((1, 4, 5, 5)), np.ones((3, 2, 3, 3)), groups=2, mentions="groups"),
        raises(np.ones((1, 4, 5, 5)), np.ones((2, 4, 3, 3)), groups=2, mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


def params_cases(rng):
    fixed = [call(16, 32, 3), call(256, 256, 3, groups=8), call(96, 256, (5, 3), groups=2)]
    fixed.append(call(384, 256, 3, groups=2, bias=True))
    drawn = []
    for _ in range(10):
        g = int(rng.choice([1, 2, 3, 4, 8]))
        c_in, c_out = g * int(rng.integers(1, 9)), g * int(rng.integers(1, 9))
        kernel = (
            int(rng.integers(1, 6))
            if rng.random() < 0.5
            else tuple(int(v) for v in rng.integers(1, 6, 2))
        )
        drawn.append(call(c_in, c_out, kernel, groups=g, bias=bool(rng.random() < 0.5)))
    errors = [
        raises(6, 4, 3, groups=4, mentions="groups"),
        raises(8, 6, 3, groups=4, mentions="groups"),
    ]
    return [*fixed, *drawn, *errors]


EXERCISES = [
    Exercise("test_conv2d", "conv2d", conv2d, conv_cases),
    Exercise("test_conv_params", "conv_params", conv_params, params_cases),
]
