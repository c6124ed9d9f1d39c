"""12-deformable-conv: bilinear_sample (zero outside) and deform_conv2d (offsets, v2 mask)."""

import numpy as np

from ... import bilinear_sample, conv2d, deform_conv2d
from ._base import Exercise, call, raises


def sample_cases(rng):
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    image = rng.normal(size=(4, 4))
    rows, cols = np.mgrid[:4, :4]
    fixed = [
        call(square, np.array(0.5), np.array(0.5)),
        call(square, np.array(0.25), np.array(0.75)),
    ]
    fixed.append(call(image, rows, cols))
    fixed.append(
        call(
            image,
            np.array([[0.1, 1.5, 3.0], [2.7, 1.25, 0.0]]),
            np.array([[2.2, 0.5, 1.75], [3.0, 0.4, 2.9]]),
        )
    )
    fixed.append(
        call(
            rng.normal(size=(3, 5)), rng.uniform(0, 2, size=(4, 6)), rng.uniform(0, 4, size=(4, 6))
        )
    )
    image = rng.normal(size=(4, 3))
    fixed.append(
        call(image, rng.uniform(-2.5, 5.5, size=(5, 8)), rng.uniform(-2.5, 4.5, size=(5, 8)))
    )
    edges = np.array([-1.5, -1.0, -0.75, -0.25, 0.0, 2.5, 3.0, 3.5, 4.0, 4.25])
    fixed.append(call(image, *np.meshgrid(edges, edges - 0.5, indexing="ij")))
    y = np.array([-0.5, 1.5, -1.0, 2.0, 0.0, 0.0, -0.999])
    x = np.array([0.0, 1.0, 0.0, 0.0, -0.25, 1.999, 1.0])
    fixed.append(call(square, y, x))
    fixed.append(
        call(
            rng.normal(size=(3, 4, 5)),
            rng.uniform(-1.5, 4.5, size=7),
            rng.uniform(-1.5, 5.5, size=7),
        )
    )
    fixed.append(call(np.arange(12).reshape(3, 4), np.array([0.5, 1.25]), np.array([2.5, 0.75])))
    fixed.append(call([[1, 2], [3, 4]], [0.5, -0.5], [0.25, 1.0]))
    drawn = []
    for _ in range(3):
        h, w = (int(v) for v in rng.integers(1, 7, 2))
        points = tuple(int(v) for v in rng.integers(1, 5, rng.integers(1, 3)))
        ys, xs = rng.uniform(-2, h + 1, size=points), rng.uniform(-2, w + 1, size=points)
        drawn.append(call(rng.normal(size=(h, w)), ys, xs))
    return [*fixed, *drawn]


DEFORM = [  # x, weight, keyword arguments, offset scale, mask?, bias?
    ((2, 3, 5, 6), (4, 3, 3, 2), {}, 1.5, False, True),
    ((1, 2, 6, 5), (3, 2, 3, 3), dict(stride=2, padding=1), 1.0, True, False),
    ((2, 2, 7, 6), (2, 2, 2, 3), dict(padding=(1, 0), dilation=(2, 1)), 0.8, True, True),
    ((1, 1, 4, 4), (1, 1, 3, 3), dict(padding=1), 4.0, False, False),
    ((2, 2, 6, 7), (3, 2, 3, 3), dict(stride=(2, 1), padding=2, dilation=2), 1.2, True, True),
]


def deform_cases(rng):
    x, weight = rng.normal(size=(1, 2, 5, 5)), rng.normal(size=(3, 2, 3, 3))
    fixed = [call(x, np.zeros((1, 18, 5, 5)), weight, padding=1)]
    fixed += [call(x, np.full((1, 18, 5, 5), shift), weight, padding=1) for shift in (1.0, 0.5)]
    fixed += [_deform(rng, *case) for case in DEFORM]
    drawn = [_deform(rng, (2, 2, 6, 5), (2, 2, 3, 2), dict(padding=1), 2.0, True, True)]
    drawn.append(_deform(rng, (1, 3, 5, 5), (2, 3, 2, 2), dict(stride=2), 1.0, False, True))
    x, weight = np.ones((1, 2, 5, 5)), np.ones((3, 2, 3, 3))
    errors = [
        raises(x, np.zeros((1, 9, 3, 3)), weight, mentions="offset"),
        raises(x, np.zeros((1, 18, 5, 5)), weight, mentions="offset"),
        raises(x, np.zeros((1, 18, 3, 3)), weight, mask=np.ones((1, 18, 3, 3)), mentions="mask"),
    ]
    return [*fixed, *drawn, *errors]


def _deform(rng, x_shape, w_shape, kwargs, scale, with_mask, with_bias):
    x, weight = rng.normal(size=x_shape), rng.normal(size=w_shape)
    n, taps = x_shape[0], w_shape[2] * w_shape[3]
    h_out, w_out = conv2d(x, weight, **kwargs).shape[2:]
    offset = rng.normal(scale=scale, size=(n, 2 * taps, h_out, w_out))
    mask = rng.uniform(size=(n, taps, h_out, w_out)) if with_mask else None
    bias = rng.normal(size=w_shape[0]) if with_bias else None
    return call(x, offset, weight, bias, mask=mask, **kwargs)


EXERCISES = [
    Exercise("test_bilinear_sample", "bilinear_sample", bilinear_sample, sample_cases),
    Exercise("test_deform_conv2d", "deform_conv2d", deform_conv2d, deform_cases),
]
