"""The pieces of a re-check spec: calls, exercises, and the comparisons."""

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ... import checks
from ..runner import Unreadable


@dataclass(frozen=True)
class Call:
    """One call of a learner's function.

    ``error=True`` means the call must raise ValueError, whose message contains
    `mentions` when that is given.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    error: bool = False
    mentions: str | None = None
    note: str = ""

    def label(self, function):
        """How a message names this call: the function and its arguments, briefly."""
        parts = [_describe(a) for a in self.args]
        parts += [f"{key}={_describe(value)}" for key, value in self.kwargs.items()]
        text = f"{function}({', '.join(parts)})"
        return f"{text} [{self.note}]" if self.note else text


def raises(*args, mentions=None, note="", **kwargs):
    """A call that must raise ValueError (mentioning `mentions`)."""
    return Call(args, kwargs, error=True, mentions=mentions, note=note)


def call(*args, note="", **kwargs):
    """A call that must return the reference's value."""
    return Call(args, kwargs, note=note)


def _describe(value):
    if isinstance(value, np.ndarray):
        shape = "x".join(map(str, value.shape)) or "scalar"
        return f"<{shape} {value.dtype.name} array>"
    if isinstance(value, list):
        return repr(value) if len(repr(value)) <= 40 else f"<list of {len(value)}>"
    return repr(value)


def same(call, got, expected, function):
    """The default comparison: convlab.checks' rules (tolerances, exact integers)."""
    check(call.label(function), got, expected)


def check(name, got, expected, **kwargs):
    """checks.check without its ✓ line; raises checks.CheckFailed."""
    if isinstance(got, Unreadable):
        raise checks.CheckFailed(f"✗ {name}: returned {got!r}, expected numbers")
    with contextlib.redirect_stdout(io.StringIO()):
        checks.check(name, got, expected, **kwargs)


def parts(got, count, name):
    """A result that must be a tuple of `count` values (a stacked array is split)."""
    if isinstance(got, np.ndarray) and got.ndim >= 1 and got.shape[0] == count:
        return tuple(got)
    if not isinstance(got, tuple) or len(got) != count:
        raise checks.CheckFailed(f"✗ {name}: expected a tuple of {count} values, got {got!r:.80}")
    return got


@dataclass(frozen=True)
class Exercise:
    """The re-check of one graded test cell.

    Parameters
    ----------
    test : str
        grade_id of the test cell (``test_<function>``).
    function : str
        The learner's function; its answer cell has this grade_id too.
    reference : callable
        convlab's function, called with each call's arguments in the grader.
    cases : callable
        ``cases(rng) -> list of Call``: fixed cases, then cases drawn from `rng`.
    compare : callable
        ``compare(call, got, expected, function)``, raises checks.CheckFailed.
    """

    test: str
    function: str
    reference: Callable
    cases: Callable
    compare: Callable = same
