"""The checks a learner sees: a verdict in one line, then what is wrong and a hint.

``check(name, got, expected)`` prints ``✓ name`` when the answer is right and raises
:class:`CheckFailed` otherwise, with a message that says *what* is wrong: the type, the
shape (axes transposed? off by one?), NaNs, the first wrong entry and the largest error,
and a hint when the answer equals a known mistake (kernel flipped, axes swapped, ceil
instead of floor, ...). nbgrader shows the message in the feedback.

Tolerance: a correct float64 answer differs from the reference by about 1e-15 relative
to the size of the values (rounding only); the default ``rtol=1e-7`` leaves room for a
different order of summation. A float32 answer gets ``64 * eps(float32) ≈ 8e-6``, so a
correct single-precision implementation passes. Errors are measured against the scale
of `expected` (its largest finite magnitude), not entry by entry, so entries near zero do
not demand absurd precision. Integers (output sizes, counts, a tuple of sizes) compare
exactly, entry by entry: no tolerance lets a count of 123456786 pass for 123456789.

Examples
--------
>>> check("doubling", np.array([2.0, 4.0]), np.array([2.0, 4.0]))
✓ doubling
>>> check("size", 4, 3)
Traceback (most recent call last):
    ...
convlab.checks.CheckFailed: ✗ size: got 4, expected 3
  off by one: floor vs ceil, or a missing or extra +1?
"""

import numpy as np

__all__ = ["CheckFailed", "check", "check_raises"]

SMALL = 36  # arrays up to this many entries are shown whole in a message
_PRINT = {"precision": 4, "threshold": SMALL, "edgeitems": 2, "max_line_width": 88}


class CheckFailed(AssertionError):
    """A learner's answer is wrong; the message says how."""


def check(name, got, expected, *, rtol=1e-7, atol=1e-9, mistakes=None):
    """Compare a learner's answer with the expected value; print ✓ or raise CheckFailed.

    Parameters
    ----------
    name : str
        What is checked, e.g. ``"correlate1d(f, g, 'same')"``.
    got : array_like or int or None
        The learner's answer. Lists, tuples, NumPy scalars and arrays (any subclass is
        read as a plain array) are accepted; anything else is reported.
    expected : array_like or int
        The right answer (from the reference). Integers (an output size, a tuple of
        sizes) must match exactly; floats within ``atol + rtol * max|expected|``.
    rtol, atol : float
        Tolerances; `rtol` is raised to ``64 * eps`` for a lower-precision float answer.
    mistakes : dict of str -> array_like, optional
        Known wrong answers: ``{"kernel flipped: convolution, not correlation": value}``.
        When `got` equals one, the message says ``looks like: <description>``.

    Raises
    ------
    CheckFailed
        With a one-line verdict, then details and hints, each on its own line.
    """
    expected_array = np.asarray(expected)
    got_array, problem = _plain_array(got)
    if problem:
        _fail(name, problem, [])
    verdict, details = _compare(got_array, expected_array, rtol, atol)
    if verdict is None:
        print(f"✓ {name}")
        return
    hints = _known_mistakes(got_array, mistakes or {}, rtol, atol)
    if not hints and got_array.shape == expected_array.shape:
        hints = _generic_hints(got_array, expected_array, rtol, atol)
    _fail(name, verdict, details + hints)


def check_raises(name, func, *args, error=ValueError, mentions=None, **kwargs):
    """Check that ``func(*args, **kwargs)`` raises `error`, whose message contains `mentions`.

    Examples
    --------
    >>> check_raises("negative size", np.zeros, -1, mentions="negative")
    ✓ negative size
    """
    expected_kind = getattr(error, "__name__", str(error))
    try:
        result = func(*args, **kwargs)
    except error as raised:
        if mentions is not None and mentions not in str(raised):
            _fail(
                name,
                f"raised {type(raised).__name__} as it should, but the message does not "
                f"name {mentions!r}",
                [f"  message: {str(raised)[:300]}"],
            )
        print(f"✓ {name}")
        return
    except Exception as raised:  # any other exception is the learner's bug to see
        _fail(
            name,
            f"raised {type(raised).__name__} instead of {expected_kind}",
            [f"  message: {str(raised)[:300]}"],
        )
    _fail(name, f"returned instead of raising {expected_kind}", [f"  returned: {_show(result)}"])


# ------------------------------------------------------------------ comparison


def _plain_array(value):
    """(plain ndarray, None), or (None, the problem) when `value` is not a numeric answer."""
    if value is None:
        return None, "your function returned None: did you forget `return`?"
    try:
        array = np.array(value, subok=False)  # a subclass is read as its plain data
    except Exception as error:  # ragged lists and objects that refuse conversion
        return (
            None,
            f"got a {type(value).__name__} that is not an array of numbers ({str(error)[:120]})",
        )
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        return None, f"got a {type(value).__name__} of {array.dtype}, expected numbers"
    return array, None


def _compare(got, expected, rtol, atol):
    """(None, []) when `got` is right, else (verdict, detail lines)."""
    if got.shape != expected.shape:
        return _shape_verdict(got, expected)
    if got.dtype == bool and expected.dtype != bool:
        return "got True/False, expected numbers", []
    if _is_integer(expected) and expected.ndim == 0:
        if got.dtype.kind == "f" and got == expected:
            return f"got {got.item()!r}, expected the integer {expected.item()}", [
                "  return an int (use // for floor division), not a float"
            ]
        if got != expected:
            details = (
                ["  off by one: floor vs ceil, or a missing or extra +1?"]
                if abs(float(got) - float(expected)) == 1
                else []
            )
            return f"got {_number(got)}, expected {expected.item()}", details
        return None, []
    if expected.dtype.kind == "c" and got.dtype.kind != "c":
        return "got real numbers, expected complex ones", [
            "  keep the complex dtype (no .real or abs() on the result)"
        ]
    bad = ~np.isfinite(got) & np.isfinite(expected)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return f"{int(bad.sum())} entries are NaN or infinite", [
            f"  first at index {index}: got {_number(got[index])}, "
            f"expected {_number(expected[index])}"
        ]
    wrong, error, tolerance = _mismatch(got, expected, rtol, atol)
    if not wrong.any():
        return None, []
    return f"{int(wrong.sum())} of {wrong.size} values are wrong", _value_details(
        got, expected, wrong, error, tolerance
    )


def _mismatch(got, expected, rtol, atol):
    """Boolean mask of wrong entries, the absolute errors and the tolerance used."""
    if got.dtype.kind == "f" and got.dtype.itemsize < 8:
        rtol = max(rtol, 64 * float(np.finfo(got.dtype).eps))
    if _is_integer(expected):  # sizes and counts: exact, however large
        rtol, atol = 0.0, 0.0
    kind = complex if "c" in (got.dtype.kind, expected.dtype.kind) else float
    got, expected = got.astype(kind), expected.astype(kind)
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(got - expected)  # inf - inf is NaN: equal infinities are right below
    tolerance = atol + rtol * _scale(expected)
    right = (error <= tolerance) | (got == expected) | (np.isnan(got) & np.isnan(expected))
    return ~right, error, tolerance  # a NaN error counts as wrong


def _scale(expected):
    """The largest finite magnitude in `expected` (0 when there is none)."""
    magnitudes = np.abs(expected)
    return float(np.max(magnitudes[np.isfinite(magnitudes)], initial=0.0))


def _value_details(got, expected, wrong, error, tolerance):
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    worst = tuple(int(i) for i in np.unravel_index(np.argmax(error), error.shape))
    scale = _scale(expected) or 1.0
    at = lambda index: f" at index {index}" if index else ""  # noqa: E731
    details = [
        f"  first wrong{at(first)}: got {_number(got[first])}, expected {_number(expected[first])}",
        f"  largest error {float(error[worst]):.3g}{at(worst)} "
        f"({float(error[worst]) / scale:.2g} of the largest expected value; "
        f"tolerance {tolerance:.2g})",
    ]
    if _is_integer(expected) and np.all(error[wrong] == 1):
        details.append("  off by one: floor vs ceil, or a missing or extra +1?")
    if got.dtype.kind in "iub" and expected.dtype.kind in "fc":
        details.append(
            "  your result has an integer dtype: fractions were cut off; compute in floats"
        )
    if 1 < expected.size <= SMALL:
        details += ["  got:", _indent(got), "  expected:", _indent(expected)]
    return details


def _shape_verdict(got, expected):
    verdict = f"shape {got.shape}, expected {expected.shape}"
    details = []
    if got.ndim == expected.ndim and sorted(got.shape) == sorted(expected.shape):
        details.append("  the same sizes in another order: axes transposed or swapped?")
    elif got.ndim == expected.ndim and all(
        abs(a - b) <= 1 for a, b in zip(got.shape, expected.shape)
    ):
        details.append("  off by one in the output size: floor vs ceil, or a missing +1?")
    elif (axis := _dropped_axis(expected.shape, got.shape)) is not None:
        details.append(
            f"  axis {axis} (size {expected.shape[axis]}) is missing: the batch N or the channels?"
        )
    elif (axis := _dropped_axis(got.shape, expected.shape)) is not None:
        details.append(
            f"  an extra axis {axis} (size {got.shape[axis]}): keep the batch and channel axes "
            "as given"
        )
    elif got.ndim != expected.ndim:
        details.append(f"  {got.ndim} dimensions instead of {expected.ndim}")
    elif got.size == expected.size:
        details.append("  the right number of entries in the wrong shape: a reshape?")
    return verdict, details


def _dropped_axis(longer, shorter):
    """The first axis whose removal turns shape `longer` into `shorter`, or None."""
    for axis in range(len(longer)):
        if longer[:axis] + longer[axis + 1 :] == shorter:
            return axis
    return None


# ------------------------------------------------------------------ hints


def _known_mistakes(got, mistakes, rtol, atol):
    hints = []
    for description, value in mistakes.items():
        mistake = np.asarray(value)
        if mistake.shape == got.shape and _equal(got, mistake, rtol, atol):
            hints.append(f"  looks like: {description}")
    return hints


def _generic_hints(got, expected, rtol, atol):
    """Hints for common slips, each tested against the expected answer."""
    if expected.ndim == 0 or not np.any(expected):
        return []
    candidates = []
    if expected.ndim >= 2 and expected.shape[-1] == expected.shape[-2]:
        candidates.append(
            (np.swapaxes(expected, -1, -2), "the last two axes are swapped (rows and columns)")
        )
    candidates += _flips(expected)
    candidates.append((-expected, "the sign is flipped"))
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return _first_hint(got, expected, candidates, rtol, atol)


def _flips(expected):
    """`expected` reversed along its last (spatial) axes together, then along each alone."""
    trailing = tuple(range(max(0, expected.ndim - 2), expected.ndim))
    why = "a flipped kernel or a reversed index?"
    flips = [(np.flip(expected, trailing), f"the result is reversed along its last axes: {why}")]
    if len(trailing) > 1:
        flips += [
            (np.flip(expected, axis), f"the result is reversed along axis {axis}: {why}")
            for axis in trailing
        ]
    return flips


def _first_hint(got, expected, candidates, rtol, atol):
    for candidate, description in candidates:
        if not _equal(candidate, expected, rtol, atol) and _equal(got, candidate, rtol, atol):
            return [f"  looks like: {description}"]
    return _shift_hint(got, expected, rtol, atol) or _scale_hint(got, expected, rtol, atol)


def _shift_hint(got, expected, rtol, atol):
    for axis in range(expected.ndim):
        if expected.shape[axis] < 3:
            continue
        for step, word in ((1, "later"), (-1, "earlier")):
            moved = np.roll(expected, step, axis=axis)
            keep = [slice(None)] * expected.ndim
            keep[axis] = slice(1, None) if step == 1 else slice(None, -1)
            keep = tuple(keep)
            if not _equal(moved[keep], expected[keep], rtol, atol) and _equal(
                got[keep], moved[keep], rtol, atol
            ):
                return [
                    f"  looks like: every value sits one position {word} along axis {axis}: "
                    "an off-by-one in an index or in the padding?"
                ]
    return []


def _scale_hint(got, expected, rtol, atol):
    e = expected.astype(complex if expected.dtype.kind == "c" else float).ravel()
    factor = np.vdot(e, got.ravel()) / np.vdot(e, e)
    if got.dtype.kind != "c" and np.iscomplexobj(factor):
        if abs(factor.imag) > 1e-12 * abs(factor):
            return []  # a real answer for a complex result: the verdict says so already
        factor = factor.real
    if (
        abs(factor - 1) > 1e-6
        and abs(factor) > 1e-12
        and _equal(got, factor * expected, rtol, atol)
    ):
        return [
            f"  looks like: the expected result times {np.round(factor, 4)}: a missing or extra "
            "scale factor?"
        ]
    return []


def _equal(a, b, rtol, atol):
    return a.shape == b.shape and not _mismatch(np.asarray(a), np.asarray(b), rtol, atol)[0].any()


# ------------------------------------------------------------------ formatting


def _number(value):
    """A scalar as the learner would write it: 4, 2.5, (1+2j)."""
    value = np.asarray(value).item()
    return repr(value) if isinstance(value, (int, bool)) else f"{value:.6g}"


def _is_integer(array):
    return array.dtype.kind in "iu"


def _show(value):
    array = np.asarray(value) if not isinstance(value, np.ndarray) else value
    if array.dtype == object or array.ndim == 0:
        return repr(value)[:200]
    return f"array of shape {array.shape}: " + np.array2string(array, **_PRINT)[:400]


def _indent(array):
    return "\n".join("    " + line for line in np.array2string(array, **_PRINT).splitlines())


def _fail(name, verdict, details):
    raise CheckFailed("\n".join([f"✗ {name}: {verdict}", *details]))
