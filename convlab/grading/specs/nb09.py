"""09-flattened-conv: flattened_weight, flattened_conv2d, rank1_factors (graded by the fit)."""

import numpy as np

from ... import checks, flattened_conv2d, flattened_weight, rank1_factors
from ._base import Exercise, call, check, parts, raises

SHAPES = [(1, 1, 3, 3), (2, 3, 3, 3), (4, 2, 1, 5), (3, 4, 5, 2)]  # (C_out, C_in, kH, kW)


def _factors(rng, c_out, c_in, kh, kw):
    return (
        rng.normal(size=(c_out, c_in)),
        rng.normal(size=(c_out, kh)),
        rng.normal(size=(c_out, kw)),
    )


def weight_cases(rng):
    fixed = [call([[1.0, -2.0]], [[1.0, 2.0, 1.0]], [[-1.0, 0.0, 1.0]])]
    fixed += [call(*_factors(rng, *shape)) for shape in SHAPES + [(2, 1, 3, 4), (5, 3, 2, 2)]]
    fixed.append(call([[1, 2], [0, -1]], [[1, -1], [2, 3]], [[3], [1]]))
    drawn = [call(*_factors(rng, *(int(v) for v in rng.integers(1, 5, 4)))) for _ in range(3)]
    errors = [
        raises(np.ones((3, 2)), np.ones((1, 3)), np.ones((3, 3)), mentions="vertical"),
        raises(np.ones((3, 2)), np.ones((3, 3)), np.ones((2, 3)), mentions="horizontal"),
    ]
    return [*fixed, *drawn, *errors]


CONVS = [  # x, C_out, kH, kW, bias?, padding: the hidden tests' kinds
    ((2, 3, 7, 6), 2, 3, 3, True, 1),
    ((1, 2, 6, 6), 3, 3, 3, True, (0, 2)),
    ((2, 4, 5, 7), 4, 2, 4, False, (2, 1)),
    ((1, 1, 6, 5), 2, 5, 1, True, (2, 0)),
    ((3, 3, 4, 4), 1, 1, 3, True, 0),
    ((1, 3, 5, 6), 3, 3, 2, True, 2),
]


def conv_cases(rng):
    fixed = [call(rng.uniform(size=(1, 3, 6, 7)), *_factors(rng, 1, 3, 3, 3))]
    fixed.append(call(rng.normal(size=(1, 2, 5, 6)), *_factors(rng, 1, 2, 3, 3), padding=1))
    for x_shape, c_out, kh, kw, with_bias, padding in CONVS:
        bias = rng.normal(size=c_out) if with_bias else None
        factors = _factors(rng, c_out, x_shape[1], kh, kw)
        fixed.append(call(rng.normal(size=x_shape), *factors, bias, padding))
    fixed.append(call([[[[1, 2, 3], [4, 5, 6]]]], [[2]], [[1, -1]], [[1, 0, 1]], [0.5], (1, 0)))
    drawn = []
    for _ in range(3):
        c_out, c_in, kh, kw = (int(v) for v in rng.integers(1, 5, 4))
        x = rng.normal(size=(int(rng.integers(1, 3)), c_in, 6, 7))
        padding = tuple(int(p) for p in rng.integers(0, 3, 2))
        drawn.append(
            call(x, *_factors(rng, c_out, c_in, kh, kw), rng.normal(size=c_out), padding=padding)
        )
    ones = np.ones
    errors = [
        raises(ones((1, 3, 5, 5)), ones((2, 2)), ones((2, 3)), ones((2, 3)), mentions="lateral"),
        raises(ones((1, 2, 5, 5)), ones((2, 2)), ones((3, 3)), ones((2, 3)), mentions="vertical"),
        raises(
            ones((1, 2, 5, 5)),
            ones((2, 2)),
            ones((2, 3)),
            ones((2, 3)),
            padding=(1, -1),
            mentions="padding",
        ),
    ]
    return [*fixed, *drawn, *errors]


def compare_fit(call, got, expected, function):
    """The factors' shapes, then each filter's fit no worse than convlab's (scaling free)."""
    name = call.label(function)
    lateral, vertical, horizontal = parts(got, 3, name)
    weight = np.asarray(call.args[0], dtype=float)
    c_out, c_in, kh, kw = weight.shape
    check(f"{name}: shape of lateral", np.shape(lateral), (c_out, c_in))
    check(f"{name}: shape of vertical", np.shape(vertical), (c_out, kh))
    check(f"{name}: shape of horizontal", np.shape(horizontal), (c_out, kw))
    mine = _errors(weight, flattened_weight(lateral, vertical, horizontal))
    best = _errors(weight, flattened_weight(*expected))
    sizes = np.sqrt((weight**2).sum(axis=(1, 2, 3)))
    worse = mine > best * (1 + 1e-3) + 1e-6 * sizes
    if worse.any():
        o = int(np.argmax(worse))
        raise checks.CheckFailed(
            f"✗ {name}: filter {o} is approximated with error {mine[o]:.4g}; the best rank-1 "
            f"approximation has error {best[o]:.4g}"
        )


def _errors(weight, approximation):
    return np.sqrt(((weight - approximation) ** 2).sum(axis=(1, 2, 3)))


def fit_cases(rng):
    rank_one = [(1, 2, 3, 3), (3, 2, 3, 3), (2, 4, 1, 5), (4, 3, 5, 2), (2, 1, 2, 3)]
    exact = [flattened_weight(*_factors(rng, *shape)) for shape in rank_one]
    shapes = [(3, 3, 3, 3), (2, 3, 2, 4), (4, 2, 3, 5), (1, 4, 3, 1), (3, 16, 3, 3)]
    noisy = [rng.normal(size=shape) for shape in shapes]
    base = flattened_weight(*_factors(rng, 3, 3, 5, 5))
    noisy.append(base + 0.3 * rng.normal(size=base.shape))
    drawn = [rng.normal(size=tuple(int(v) for v in rng.integers(1, 5, 4))) for _ in range(3)]
    errors = [raises(np.ones((3, 3, 3)), mentions="weight")]
    return [*(call(weight) for weight in exact + noisy + drawn), *errors]


EXERCISES = [
    Exercise("test_flattened_weight", "flattened_weight", flattened_weight, weight_cases),
    Exercise("test_flattened_conv2d", "flattened_conv2d", flattened_conv2d, conv_cases),
    Exercise("test_rank1_factors", "rank1_factors", rank1_factors, fit_cases, compare_fit),
]
