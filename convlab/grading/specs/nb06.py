"""06-dilated-conv: dilate_kernel, conv2d with dilation, the receptive field of a stack."""

import numpy as np

from ... import conv2d, dilate_kernel, receptive_field
from ._base import Exercise, call, raises

SPREADS = [  # kernel shape, dilation: the hidden tests' kinds
    ((3, 3), (1, 3)),
    ((2, 4), (2, 3)),
    ((4, 4), (3, 1)),
    ((1, 3), 4),
    ((4, 2), 2),
    ((2, 3, 3, 3), 2),
    ((4, 1, 2, 3), (3, 2)),
    ((3, 2, 5), 1),
]


def dilate_cases(rng):
    kernel = np.arange(1.0, 10.0).reshape(3, 3)
    fixed = [call([[1, 2], [3, 4]], 2), call(kernel, 1), call(kernel, 3)]
    fixed += [call(rng.normal(size=shape), d) for shape, d in SPREADS]
    fixed.append(call([[1, 2, 3], [4, 5, 6]], (2, 1)))
    drawn = []
    for _ in range(3):
        shape = tuple(int(v) for v in rng.integers(1, 5, rng.integers(2, 5)))
        d = (
            tuple(int(v) for v in rng.integers(1, 5, 2))
            if rng.random() < 0.5
            else int(rng.integers(1, 5))
        )
        drawn.append(call(rng.normal(size=shape), d))
    errors = [
        raises(np.ones((3, 3)), 0, mentions="dilation"),
        raises(np.ones((3, 3)), (2, 0), mentions="dilation"),
    ]
    return [*fixed, *drawn, *errors]


CONVS = [  # x, weight, bias?, keyword arguments
    ((2, 2, 10, 10), (3, 2, 3, 3), True, dict(dilation=(2, 3), stride=3)),
    ((2, 3, 9, 8), (4, 3, 3, 3), True, dict(dilation=2, padding=2)),
    ((1, 2, 10, 9), (3, 2, 3, 2), True, dict(dilation=(2, 3), padding=(1, 2), stride=2)),
    ((2, 2, 11, 11), (2, 2, 2, 2), False, dict(dilation=3, stride=(2, 3))),
    ((1, 3, 8, 12), (2, 3, 3, 3), True, dict(dilation=(1, 4), padding=(1, 4))),
    ((3, 1, 7, 10), (2, 1, 4, 2), True, dict(dilation=(2, 1), stride=(1, 2), padding=(3, 0))),
    ((2, 2, 12, 12), (3, 2, 3, 3), True, dict(dilation=(3, 2))),
    ((2, 2, 6, 6), (3, 2, 3, 3), True, dict(padding=1)),
    ((1, 2, 9, 9), (2, 2, 4, 4), True, dict(dilation=2, stride=3, padding=3)),
]


def conv_cases(rng):
    fixed = [
        call(rng.normal(size=(1, 1, 7, 7)), rng.normal(size=(1, 1, 3, 3)), dilation=2),
        call(rng.normal(size=(1, 2, 8, 8)), rng.normal(size=(3, 2, 3, 3)), padding=2, dilation=2),
        call(
            rng.normal(size=(1, 2, 9, 9)),
            rng.normal(size=(3, 2, 3, 3)),
            stride=2,
            padding=1,
            dilation=2,
        ),
    ]
    for x_shape, w_shape, with_bias, kwargs in CONVS:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    weight = rng.normal(size=(3, 2, 3, 2))
    fixed.append(call(rng.normal(size=(2, 2, 9, 10)), dilate_kernel(weight, (2, 3))))
    fixed.append(call(np.ones((1, 1, 5, 5)), np.ones((1, 1, 3, 3)), padding=1, dilation=3))
    drawn = []
    for _ in range(3):
        dilation = tuple(int(v) for v in rng.integers(1, 4, 2))
        x, weight = rng.normal(size=(2, 2, 10, 11)), rng.normal(size=(3, 2, 3, 2))
        drawn.append(
            call(x, weight, rng.normal(size=3), stride=int(rng.integers(1, 3)), dilation=dilation)
        )
    errors = [
        raises(np.ones((1, 1, 5, 5)), np.ones((1, 1, 3, 3)), dilation=3, mentions="weight"),
        raises(np.ones((1, 1, 7, 6)), np.ones((1, 1, 3, 3)), dilation=(1, 3), mentions="weight"),
        raises(np.ones((1, 3, 6, 6)), np.ones((2, 2, 3, 3)), dilation=2, mentions="weight"),
    ]
    return [*fixed, *drawn, *errors]


STACKS = [  # kernel sizes, strides, dilations
    ([3, 3], [2, 1], None),
    ([7, 3, 3], [2, 2, 1], None),
    ([3, 3, 3, 3], [1, 2, 1, 2], [1, 1, 2, 2]),
    ([2] * 10, None, [2**layer for layer in range(10)]),
    ([4, 2, 3], [2, 1, 2], [1, 3, 2]),
    ([3, 2, 3, 2, 3], [1, 2, 1, 2, 1], [1, 1, 2, 1, 4]),
    ([3] * 7 + [1], None, [1, 1, 2, 4, 8, 16, 1, 1]),
    ([5], [3], [2]),
]


def field_cases(rng):
    fixed = [
        call([3]),
        call([3, 3]),
        call([3, 3, 3], dilations=[1, 2, 4]),
        call([3, 3], dilations=[2, 2]),
    ]
    fixed += [call(sizes, strides, dilations) for sizes, strides, dilations in STACKS]
    fixed.append(call([3, 3, 3], dilations=[1, 2, 1], strides=[2, 1, 2]))
    drawn = []
    for _ in range(3):
        layers = int(rng.integers(1, 6))
        sizes, strides, dilations = (
            [int(v) for v in rng.integers(1, top, layers)] for top in (8, 4, 5)
        )
        drawn.append(call(sizes, strides, dilations))
    errors = [
        raises([3, 3], dilations=[1], mentions="dilations"),
        raises([3, 3], [1, 2, 2], mentions="strides"),
    ]
    return [*fixed, *drawn, *errors]


EXERCISES = [
    Exercise("test_dilate_kernel", "dilate_kernel", dilate_kernel, dilate_cases),
    Exercise("test_conv2d", "conv2d", conv2d, conv_cases),
    Exercise("test_receptive_field", "receptive_field", receptive_field, field_cases),
]
