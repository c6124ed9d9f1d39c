"""06-dilated-conv: dilate_kernel, conv2d with dilation, the receptive field of a stack."""

from ... import conv2d, dilate_kernel, receptive_field
from ._base import Exercise, call


def dilate_cases(rng):
    fixed = [
        call([[1, 2], [3, 4]], 2),
        call(rng.normal(size=(3, 3)), 1),
        call(rng.normal(size=(3, 3)), 3),
    ]
    fixed += [call(rng.normal(size=(2, 4)), 2), call(rng.normal(size=(1, 3)), 4)]
    drawn = [
        call(rng.normal(size=tuple(rng.integers(1, 5, 2))), int(rng.integers(1, 5)))
        for _ in range(3)
    ]
    return [*fixed, *drawn]


CONVS = [  # x, weight, bias?, keyword arguments
    ((1, 1, 7, 7), (1, 1, 3, 3), False, dict(dilation=2)),
    ((2, 3, 9, 8), (4, 3, 3, 3), True, dict(dilation=2, padding=2)),
    ((1, 2, 10, 9), (3, 2, 3, 2), True, dict(dilation=(2, 3), padding=(1, 2), stride=2)),
    ((2, 2, 11, 11), (2, 2, 2, 2), False, dict(dilation=3, stride=(2, 3))),
    ((1, 3, 8, 12), (2, 3, 3, 3), True, dict(dilation=(1, 4), padding=(1, 4))),
]


def conv_cases(rng):
    fixed = []
    for x_shape, w_shape, with_bias, kwargs in CONVS:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    fixed.append(call(rng.normal(size=(1, 2, 6, 6)), rng.normal(size=(3, 2, 3, 3)), padding=1))
    drawn = []
    for _ in range(3):
        d = int(rng.integers(1, 4))
        x, weight = rng.normal(size=(2, 2, 9, 10)), rng.normal(size=(3, 2, 3, 2))
        drawn.append(
            call(x, weight, rng.normal(size=3), stride=int(rng.integers(1, 3)), dilation=d)
        )
    return [*fixed, *drawn]


def field_cases(rng):
    fixed = [
        call([3]),
        call([3, 3]),
        call([3, 3, 3], dilations=[1, 2, 4]),
        call([3, 3], strides=[2, 1]),
        call([7, 3, 3], strides=[2, 2, 1]),
        call([3, 3, 3, 3], strides=[1, 2, 1, 2], dilations=[1, 1, 2, 2]),
    ]
    drawn = []
    for _ in range(3):
        layers = int(rng.integers(1, 6))
        sizes = [int(k) for k in rng.integers(1, 8, layers)]
        strides = [int(s) for s in rng.integers(1, 4, layers)]
        dilations = [int(d) for d in rng.integers(1, 5, layers)]
        drawn.append(call(sizes, strides, dilations))
    return [*fixed, *drawn]


EXERCISES = [
    Exercise("test_dilate_kernel", "dilate_kernel", dilate_kernel, dilate_cases),
    Exercise("test_conv2d", "conv2d", conv2d, conv_cases),
    Exercise("test_receptive_field", "receptive_field", receptive_field, field_cases),
]
