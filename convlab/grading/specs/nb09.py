"""09-flattened-conv: flattened_weight, flattened_conv2d, rank1_factors (graded by the fit)."""

import numpy as np

from ... import checks, flattened_conv2d, flattened_weight, rank1_factors
from ._base import Exercise, call, check, parts

SHAPES = [(1, 1, 3, 3), (2, 3, 3, 3), (4, 2, 1, 5), (3, 4, 5, 2)]  # (C_out, C_in, kH, kW)


def _factors(rng, c_out, c_in, kh, kw):
    return (
        rng.normal(size=(c_out, c_in)),
        rng.normal(size=(c_out, kh)),
        rng.normal(size=(c_out, kw)),
    )


def weight_cases(rng):
    fixed = [call([[1.0, -2.0]], [[1.0, 2.0, 1.0]], [[-1.0, 0.0, 1.0]])]
    fixed += [call(*_factors(rng, *shape)) for shape in SHAPES]
    drawn = [call(*_factors(rng, *(int(v) for v in rng.integers(1, 5, 4)))) for _ in range(3)]
    return [*fixed, *drawn]


def conv_cases(rng):
    fixed = []
    for (c_out, c_in, kh, kw), padding in zip(SHAPES, [0, 1, (0, 2), (2, 1)]):
        x = rng.normal(size=(2, c_in, 7, 6))
        bias = rng.normal(size=c_out) if c_out > 1 else None
        fixed.append(call(x, *_factors(rng, c_out, c_in, kh, kw), bias, padding=padding))
    drawn = []
    for _ in range(3):
        c_out, c_in, kh, kw = (int(v) for v in rng.integers(1, 5, 4))
        x = rng.normal(size=(int(rng.integers(1, 3)), c_in, 6, 7))
        padding = tuple(int(p) for p in rng.integers(0, 3, 2))
        drawn.append(
            call(x, *_factors(rng, c_out, c_in, kh, kw), rng.normal(size=c_out), padding=padding)
        )
    return [*fixed, *drawn]


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
    exact = [flattened_weight(*_factors(rng, *shape)) for shape in SHAPES]
    noisy = [rng.normal(size=shape) for shape in [(2, 3, 3, 3), (3, 2, 2, 4), (1, 4, 3, 1)]]
    drawn = [rng.normal(size=tuple(int(v) for v in rng.integers(1, 5, 4))) for _ in range(3)]
    return [call(weight) for weight in exact + noisy + drawn]


EXERCISES = [
    Exercise("test_flattened_weight", "flattened_weight", flattened_weight, weight_cases),
    Exercise("test_flattened_conv2d", "flattened_conv2d", flattened_conv2d, conv_cases),
    Exercise("test_rank1_factors", "rank1_factors", rank1_factors, fit_cases, compare_fit),
]
