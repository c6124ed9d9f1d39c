"""07-spatially-separable: separate_kernel (graded up to scale), separable_correlate2d, counts."""

import numpy as np

from ... import separable_correlate2d, separable_multiplications, separate_kernel
from ...viz import separable_example
from ...widgets.correlation import EXAMPLE_IMAGE
from ._base import Exercise, call, check, parts, raises

SOBEL = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def compare_split(call, got, expected, function):
    """The factors' shapes, then outer(column, row) against convlab's: scale and sign are free."""
    name = call.label(function)
    column, row = parts(got, 2, name)
    kernel = np.asarray(call.args[0], dtype=float)
    check(f"{name}: shape of column", np.shape(column), kernel.shape[:1])
    check(f"{name}: shape of row", np.shape(row), kernel.shape[1:])
    check(f"{name}: outer(column, row)", np.outer(column, row), np.outer(*expected))


def split_cases(rng):
    base = np.outer(rng.normal(size=4), rng.normal(size=3))
    noise = np.abs(base).max() * rng.normal(size=(4, 3))
    fixed = [call(SOBEL), call(separable_example("Gaussian", 5)), call(SOBEL.T)]
    fixed += [
        call(np.outer([1.0, -2.0, 0.5], rng.normal(size=5))),
        call(np.outer(rng.normal(size=5), [3.0, -1.0])),
        call(np.outer([0.5, -1.5], rng.normal(size=6))),
        call([[2.0, -1.0, 0.5, 4.0]]),
        call([[1.0], [-3.0], [2.0], [0.5]]),
        call(-np.outer([1.0, 2.0, 1.0], [1.0, 2.0, 1.0])),
        call(np.outer([0.0, -3.0, 1.0], [2, 5, 1, 0])),
        call([[1, 2], [2, 4], [-3, -6]]),
        call(1e12 * np.outer(rng.normal(size=4), rng.normal(size=5))),
        call(1e-9 * np.outer(rng.normal(size=3), rng.normal(size=3))),
        call(base + 1e-10 * noise),
        call(base + 1e-5 * noise, 1e-3),
    ]
    drawn = [
        call(np.outer(rng.normal(size=rng.integers(1, 6)), rng.normal(size=rng.integers(1, 6))))
        for _ in range(4)
    ]
    errors = [
        raises(separable_example("disc", 5), mentions="kernel"),
        raises(1e-9 * np.eye(3), mentions="kernel"),
        raises(
            np.outer(rng.normal(size=3), rng.normal(size=4))
            + np.outer([1.0, 0, 0], [0, 0, 0, 1.0]),
            mentions="kernel",
        ),
        raises(base + 1e-5 * noise, mentions="kernel"),
        raises(base + 1e-10 * noise, rtol=1e-12, mentions="kernel"),
        raises(rng.normal(size=(3, 3)), mentions="kernel"),
    ]
    return [*fixed, *drawn, *errors]


SHAPES = [
    ((6, 9), (2, 3)),
    ((7, 4), (3, 2)),
    ((5, 8), (4, 1)),
    ((8, 6), (1, 5)),
    ((4, 4), (4, 4)),
    ((9, 7), (5, 3)),
    ((3, 2), (4, 5)),
]
MODES = ("full", "same", "valid")


def correlate_cases(rng):
    column, row = np.array([1, 2, 1]), np.array([-1, 0, 1])
    fixed = [call(EXAMPLE_IMAGE, column, row, mode) for mode in ("valid", "same", "full")]
    for (h, w), (kh, kw) in SHAPES:
        image, column, row = rng.normal(size=(h, w)), rng.normal(size=kh), rng.normal(size=kw)
        modes = MODES if h >= kh and w >= kw else MODES[:2]
        fixed += [call(image, column, row, mode) for mode in modes]
    integers = np.arange(30).reshape(5, 6)
    fixed += [call(integers, [0.25, 0.5, 0.25], [0.5, -0.25], mode) for mode in ("valid", "same")]
    fixed.append(call([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [1.0, -1.0], [2.0, 1.0, 0.5], "same"))
    drawn = []
    for mode in rng.choice(MODES, 4):
        h, w = (int(v) for v in rng.integers(2, 9, 2))
        kh, kw = (int(rng.integers(1, s + 1)) for s in (h, w))
        drawn.append(call(rng.normal(size=(h, w)), rng.normal(size=kh), rng.normal(size=kw), mode))
    errors = [
        raises(EXAMPLE_IMAGE, np.array([1, 2, 1]), np.array([-1, 0, 1]), "wrap", mentions="mode"),
        raises(np.ones((2, 6)), [1.0, 1.0, 1.0], [1.0, 1.0], "valid", mentions="image"),
        raises(np.ones((6, 2)), [1.0, 1.0], [1.0, 1.0, 1.0], "valid", mentions="image"),
    ]
    return [*fixed, *drawn, *errors]


def count_cases(rng):
    sizes = [
        (5, 3),
        (32, 3),
        (10, 5),
        (7, 7),
        (6, 1),
        (9, 2),
        (224, 7),
        (1000, 11),
        (3, 3),
        (12, 4),
    ]
    drawn = [(int(n), int(rng.integers(1, n + 1))) for n in rng.integers(1, 300, 4)]
    errors = [raises(3, 5, mentions="m"), raises(5, 0, mentions="m")]
    return [*(call(n, m) for n, m in sizes + drawn), *errors]


EXERCISES = [
    Exercise(
        "test_separate_kernel", "separate_kernel", separate_kernel, split_cases, compare_split
    ),
    Exercise(
        "test_separable_correlate2d",
        "separable_correlate2d",
        separable_correlate2d,
        correlate_cases,
    ),
    Exercise(
        "test_separable_multiplications",
        "separable_multiplications",
        separable_multiplications,
        count_cases,
    ),
]
