"""10-grouped-conv: conv2d with groups (and stride, padding, dilation), conv_params."""

import numpy as np

from ... import conv2d, conv_params
from ._base import Exercise, call, raises

CONVS = [  # x, weight (C_out, C_in / g, kH, kW), groups, bias?, keyword arguments
    ((1, 4, 6, 6), (4, 2, 3, 3), 2, True, {}),
    ((2, 6, 7, 5), (9, 2, 3, 2), 3, True, dict(stride=2, padding=1)),  # C_out / g = 3
    ((1, 4, 8, 8), (4, 1, 3, 3), 4, False, dict(padding=2, dilation=2)),  # groups = C_in
    ((2, 8, 6, 9), (4, 4, 2, 3), 2, True, dict(stride=(1, 2), padding=(1, 0), dilation=(2, 1))),
    ((1, 3, 5, 5), (6, 1, 3, 3), 3, True, dict(stride=2)),
    ((2, 2, 5, 6), (3, 2, 3, 3), 1, True, dict(padding=1)),
]


def conv_cases(rng):
    fixed = []
    for x_shape, w_shape, g, with_bias, kwargs in CONVS:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(
            call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, groups=g, **kwargs)
        )
    drawn = []
    for _ in range(3):
        g, per_in, per_out = (int(v) for v in rng.integers(1, 4, 3))
        x = rng.normal(size=(int(rng.integers(1, 3)), g * per_in, 7, 6))
        weight = rng.normal(size=(g * per_out, per_in, 3, 2))
        drawn.append(
            call(x, weight, rng.normal(size=g * per_out), stride=int(rng.integers(1, 3)), groups=g)
        )
    errors = [
        raises(np.ones((1, 6, 5, 5)), np.ones((4, 2, 3, 3)), groups=4, mentions="groups"),
        raises(np.ones((1, 6, 5, 5)), np.ones((4, 3, 3, 3)), groups=3, mentions="groups"),
    ]
    return [*fixed, *drawn, *errors]


def params_cases(rng):
    fixed = [(16, 32, 3, 1, False), (256, 256, 3, 8, False), (6, 9, (3, 2), 3, True)]
    fixed += [(64, 64, 3, 64, False), (32, 64, (1, 5), 4, True)]
    drawn = []
    for _ in range(3):
        g, per_in, per_out = (int(v) for v in rng.integers(1, 9, 3))
        drawn.append(
            (g * per_in, g * per_out, int(rng.integers(1, 8)), g, bool(rng.random() < 0.5))
        )
    return [call(16, 32, 3), *(call(*args) for args in fixed + drawn)]


EXERCISES = [
    Exercise("test_conv2d", "conv2d", conv2d, conv_cases),
    Exercise("test_conv_params", "conv_params", conv_params, params_cases),
]
