"""01-cross-correlation: correlate1d, convolve1d, correlate2d, convolve2d (SciPy modes)."""

import numpy as np

from ... import convolve1d, convolve2d, correlate1d, correlate2d
from ...widgets.correlation import EXAMPLE_IMAGE, EXAMPLE_KERNEL  # the test cells' example
from ._base import Exercise, call, raises

MODES = ("full", "same", "valid")
SIGNAL, KERNEL = np.arange(1.0, 6.0), np.array([1.0, 0.0, -1.0])


def _cases_1d(sizes, lists):
    def cases(rng):
        fixed = [call(SIGNAL, KERNEL, mode) for mode in MODES]
        fixed += [
            call(rng.normal(size=n), rng.normal(size=m), mode) for n, m in sizes for mode in MODES
        ]
        fixed += [call(*pair) for pair in lists]
        fixed += [call(np.array([1, 2, 3, 4]), np.array([0.5, 0.25]))]
        drawn = [
            call(rng.normal(size=rng.integers(1, 10)), rng.normal(size=rng.integers(1, 10)), mode)
            for mode in rng.choice(MODES, 6)
        ]
        drawn += [call(rng.integers(-5, 6, size=rng.integers(1, 8)), rng.normal(size=2), "same")]
        return [*fixed, *drawn, raises(SIGNAL, KERNEL, "circular", mentions="mode")]

    return cases


def _cases_2d(shapes, valid_refused):
    def cases(rng):
        fixed = [call(EXAMPLE_IMAGE, EXAMPLE_KERNEL, mode) for mode in MODES]
        for (h, w), (kh, kw) in shapes:
            image, kernel = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
            fixed += [call(image, kernel, mode) for mode in MODES]
        fixed += [
            call([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, -1.0]], "same"),
            call(np.arange(12).reshape(3, 4), np.array([[0.5, 0.25], [0.125, 1.0]])),
        ]
        drawn = []
        for mode in rng.choice(MODES, 6):
            h, w, kh, kw = (int(v) for v in rng.integers(1, 8, 4))
            if mode == "valid" and not ((h >= kh and w >= kw) or (h <= kh and w <= kw)):
                kh, kw = min(kh, h), min(kw, w)
            drawn.append(call(rng.normal(size=(h, w)), rng.normal(size=(kh, kw)), mode))
        errors = [raises(EXAMPLE_IMAGE, EXAMPLE_KERNEL, "wrap", mentions="mode")]
        errors += [raises(np.ones(a), np.ones(b), "valid") for a, b in valid_refused]
        return [*fixed, *drawn, *errors]

    return cases


SHAPES_CORRELATE = [
    ((6, 5), (2, 2)),
    ((5, 7), (2, 3)),
    ((4, 6), (3, 4)),
    ((7, 4), (1, 3)),
    ((3, 3), (5, 4)),
    ((2, 3), (4, 6)),
    ((4, 4), (4, 4)),
]
SHAPES_CONVOLVE = [
    ((6, 5), (2, 2)),
    ((5, 7), (3, 2)),
    ((6, 6), (3, 3)),
    ((4, 6), (4, 3)),
    ((3, 3), (5, 4)),
    ((7, 4), (1, 3)),
]

EXERCISES = [
    Exercise(
        "test_correlate1d",
        "correlate1d",
        correlate1d,
        _cases_1d(
            [(6, 2), (6, 4), (7, 4), (3, 5), (2, 7), (1, 1), (4, 4), (5, 1)],
            [([1, 2, 3], [2, 1])],
        ),
    ),
    Exercise(
        "test_convolve1d",
        "convolve1d",
        convolve1d,
        _cases_1d(
            [(6, 2), (7, 4), (3, 5), (2, 8), (1, 1), (4, 4)],
            [([1, 2, 3, 4], [1, 0, -1], "same")],
        ),
    ),
    Exercise(
        "test_correlate2d",
        "correlate2d",
        correlate2d,
        _cases_2d(SHAPES_CORRELATE, [((2, 5), (3, 3))]),
    ),
    Exercise(
        "test_convolve2d",
        "convolve2d",
        convolve2d,
        _cases_2d(SHAPES_CONVOLVE, [((5, 2), (3, 3))]),
    ),
]
