"""02-conv2d: conv_output_size, pad2d, conv2d (N, C, H, W; stride, padding, bias)."""

import numpy as np

from ... import conv2d, conv_output_size, pad2d
from ...widgets.correlation import EXAMPLE_IMAGE, EXAMPLE_KERNEL
from ._base import Exercise, call, raises


def _sizes(rng, count):
    """`count` fitting (i, k, stride, padding, dilation) drawn as the hidden tests draw them."""
    found = []
    while len(found) < count:
        i, k, s, p, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [20, 6, 5, 3, 4]))
        if d * (k - 1) + 1 <= i + 2 * p:
            found.append((i, k, s, p, d))
    return found


def output_size_cases(rng):
    fixed = [call(5, 3), call(7, 3, stride=2, padding=1), call(8, 3, stride=2)]
    fixed += [call(224, 7, stride=2, padding=3), call(10, 3, stride=4)]
    fixed += [call(9, 2, stride=4, padding=1)]
    hidden_like = [call(*size) for size in _sizes(np.random.default_rng(201), 50)]
    drawn = [call(i, k, stride=s, padding=p, dilation=d) for i, k, s, p, d in _sizes(rng, 20)]
    errors = [raises(3, 5, mentions="k"), raises(4, 3, dilation=2, mentions="k")]
    return [*fixed, *hidden_like, *drawn, *errors]


def pad_cases(rng):
    image = np.arange(1.0, 7.0).reshape(2, 3)
    x = rng.normal(size=(2, 3, 4, 5))
    fixed = [call(image, 1), call(image, 2), call(x, 1), call(x, (2, 1))]
    fixed += [call(x[0, 0], (0, 3)), call(x, 0)]
    drawn = [
        call(rng.normal(size=tuple(rng.integers(1, 5, rng.integers(2, 5)))), _padding(rng))
        for _ in range(4)
    ]
    errors = [raises(x, -1, mentions="padding"), raises(x, (1, -1), mentions="padding")]
    return [*fixed, *drawn, *errors]


def _padding(rng):
    ph, pw = (int(v) for v in rng.integers(0, 4, 2))
    return ph if rng.random() < 0.5 else (ph, pw)


HIDDEN_CONV = [
    ((2, 3, 8, 8), (4, 3, 3, 3), True, dict(stride=2)),
    ((3, 2, 6, 9), (5, 2, 2, 3), True, dict(stride=(1, 2), padding=(1, 0))),
    ((2, 1, 9, 9), (2, 1, 2, 2), False, dict(stride=3)),
    ((1, 4, 5, 7), (3, 4, 3, 1), True, dict(padding=(0, 2))),
    ((2, 2, 7, 6), (1, 2, 4, 3), True, dict(stride=(2, 3), padding=1)),
    ((4, 3, 4, 4), (2, 3, 4, 4), True, {}),
]


def conv_cases(rng):
    example = (EXAMPLE_IMAGE[None, None].astype(float), EXAMPLE_KERNEL[None, None].astype(float))
    x, weight = rng.normal(size=(1, 3, 7, 7)), rng.normal(size=(4, 3, 3, 3))
    fixed = [call(*example), call(x, weight, stride=2, padding=1)]
    for x_shape, w_shape, with_bias, kwargs in HIDDEN_CONV:
        bias = rng.normal(size=w_shape[0]) if with_bias else None
        fixed.append(call(rng.normal(size=x_shape), rng.normal(size=w_shape), bias, **kwargs))
    drawn = [_random_conv(rng) for _ in range(4)]
    errors = [raises(np.ones((1, 3, 5, 5)), np.ones((2, 2, 3, 3)), mentions="weight")]
    return [*fixed, *drawn, *errors]


def _random_conv(rng):
    n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
    h, w = (int(v) for v in rng.integers(3, 10, 2))
    stride = tuple(int(v) for v in rng.integers(1, 4, 2))
    padding = tuple(int(v) for v in rng.integers(0, 3, 2))
    kh, kw = (int(rng.integers(1, size + 1)) for size in (h, w))
    bias = rng.normal(size=c_out) if rng.random() < 0.7 else None
    x, weight = rng.normal(size=(n, c_in, h, w)), rng.normal(size=(c_out, c_in, kh, kw))
    return call(x, weight, bias, stride=stride, padding=padding)


EXERCISES = [
    Exercise("test_conv_output_size", "conv_output_size", conv_output_size, output_size_cases),
    Exercise("test_pad2d", "pad2d", pad2d, pad_cases),
    Exercise("test_conv2d", "conv2d", conv2d, conv_cases),
]
