"""03-conv3d: conv3d (N, C, D, H, W) with per-axis stride and padding and a bias."""

import numpy as np

from ... import conv3d
from ._base import Exercise, call, raises

HIDDEN = [  # x, weight, bias?, keyword arguments: the hidden tests' kinds
    ((2, 3, 5, 6, 7), (4, 3, 1, 3, 3), True, dict(padding=(0, 1, 1))),
    ((1, 2, 7, 5, 6), (3, 2, 3, 1, 1), True, dict(stride=(2, 1, 1))),
    ((3, 2, 6, 7, 5), (2, 2, 2, 3, 4), True, dict(stride=(1, 2, 3), padding=(1, 0, 2))),
    ((2, 1, 8, 7, 9), (2, 1, 3, 3, 3), False, dict(stride=(3, 2, 2))),
    ((1, 3, 5, 5, 5), (2, 3, 5, 3, 3), True, dict(padding=(0, 1, 1))),
    ((2, 2, 6, 6, 6), (3, 2, 2, 2, 2), True, dict(stride=3)),
    ((1, 4, 4, 6, 5), (2, 4, 3, 2, 3), True, dict(stride=(2, 3, 1), padding=(2, 1, 0))),
    ((1, 2, 10, 9, 6), (2, 2, 2, 3, 2), True, dict(stride=(3, 4, 1), padding=(0, 1, 0))),
    ((2, 1, 8, 6, 7), (3, 1, 2, 3, 3), False, dict(stride=(3, 1, 2), padding=(0, 1, 2))),
    ((1, 2, 8, 5, 8), (2, 2, 2, 3, 2), True, dict(stride=(3, 1, 3), padding=(0, 1, 1))),
]


def conv3d_cases(rng):
    fixed = [
        call(rng.normal(size=(1, 1, 4, 5, 6)), rng.normal(size=(1, 1, 2, 2, 2))),
        call(
            rng.normal(size=(1, 2, 5, 5, 5)), rng.normal(size=(3, 2, 3, 3, 3)), stride=2, padding=1
        ),
    ]
    for x_shape, w_shape, with_bias, kwargs in HIDDEN:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    x, weight = rng.integers(-4, 5, size=(2, 2, 4, 5, 5)), rng.integers(-4, 5, size=(3, 2, 2, 3, 2))
    fixed.append(call(x, weight / 8, np.array([1, -2, 3]), padding=1))
    drawn = [_random(rng) for _ in range(3)]
    errors = [raises(np.ones((1, 3, 4, 4, 4)), np.ones((2, 2, 3, 3, 3)), mentions="weight")]
    return [*fixed, *drawn, *errors]


def _random(rng):
    n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
    size = tuple(int(v) for v in rng.integers(2, 7, 3))
    stride = tuple(int(v) for v in rng.integers(1, 4, 3))
    padding = tuple(int(v) for v in rng.integers(0, 2, 3))
    kernel = tuple(int(rng.integers(1, s + 1)) for s in size)
    bias = rng.normal(size=c_out) if rng.random() < 0.7 else None
    x, weight = rng.normal(size=(n, c_in, *size)), rng.normal(size=(c_out, c_in, *kernel))
    return call(x, weight, bias, stride=stride, padding=padding)


EXERCISES = [Exercise("test_conv3d", "conv3d", conv3d, conv3d_cases)]
