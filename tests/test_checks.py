"""convlab.checks: the verdicts and hints a learner reads."""

import warnings

import numpy as np
import pytest

import convlab as cl
from convlab.checks import CheckFailed, check, check_raises

RNG = np.random.default_rng(7)
X = RNG.normal(size=(5, 5))


def failure(got, expected, **kwargs):
    """The message of the CheckFailed that check() raises."""
    with pytest.raises(CheckFailed) as raised:
        check("answer", got, expected, **kwargs)
    return str(raised.value)


def test_correct_answer_prints_a_tick(capsys):
    """Is a right answer acknowledged with one line and no exception?"""
    check("answer", X.copy(), X)
    assert capsys.readouterr().out == "✓ answer\n"


def test_verdict_is_one_line_naming_the_check():
    """Does the message start with ✗, the check's name and a short verdict?"""
    first = failure(X + 1, X).splitlines()[0]
    assert first.startswith("✗ answer: ") and "25 of 25 values are wrong" in first


def test_check_failed_is_an_assertion_error():
    """Does nbgrader see a failed check as a failed test (AssertionError)?"""
    assert issubclass(CheckFailed, AssertionError)


def test_none_suggests_a_missing_return():
    assert "forget `return`" in failure(None, X)


def test_non_numeric_answer_is_reported():
    assert "expected numbers" in failure("abc", X)


def test_lists_of_numbers_are_accepted(capsys):
    check("answer", [1.0, 2.0], np.array([1.0, 2.0]))
    assert "✓" in capsys.readouterr().out


def test_transposed_shape_is_hinted():
    message = failure(np.zeros((4, 3)), np.zeros((3, 4)))
    assert "shape (4, 3), expected (3, 4)" in message and "transposed" in message


def test_off_by_one_shape_is_hinted():
    assert "off by one" in failure(np.zeros((3, 5)), np.zeros((4, 5)))


def test_missing_leading_axis_is_hinted():
    assert "axis 0 (size 1) is missing" in failure(np.zeros((3, 4)), np.zeros((1, 3, 4)))


def test_missing_channel_axis_is_named():
    """Is an axis dropped from the middle of (N, C, H, W) named, not just counted?"""
    message = failure(np.zeros((2, 5, 5)), np.zeros((2, 3, 5, 5)))
    assert "axis 1 (size 3) is missing" in message


def test_extra_axis_is_hinted():
    assert "an extra axis 0 (size 1)" in failure(np.zeros((1, 3, 4)), np.zeros((3, 4)))


def test_first_mismatch_and_largest_error_are_given():
    got = X.copy()
    got[1, 2] += 0.5
    got[3, 4] += 2.0
    message = failure(got, X)
    assert "2 of 25 values are wrong" in message
    assert "first wrong at index (1, 2)" in message
    assert "largest error 2 at index (3, 4)" in message


def test_known_mistake_is_named():
    f, g = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 0.0, -1.0])
    message = failure(
        cl.convolve1d(f, g), cl.correlate1d(f, g), mistakes={"kernel flipped": cl.convolve1d(f, g)}
    )
    assert "looks like: kernel flipped" in message and "sign is flipped" not in message


def test_known_mistake_of_another_shape_is_not_claimed():
    message = failure(np.zeros(3), np.ones(3), mistakes={"ceil": np.zeros(4)})
    assert "looks like: ceil" not in message


def test_swapped_axes_are_hinted():
    assert "last two axes are swapped" in failure(X.T, X)


def test_reversed_result_is_hinted():
    assert "reversed along its last axes" in failure(X[::-1, ::-1], X)


def test_reversal_along_one_axis_is_named():
    assert "reversed along axis 1" in failure(X[:, ::-1], X)
    assert "reversed along axis 0" in failure(X[::-1, :], X)


def test_spatial_flip_of_a_batch_is_hinted():
    """In (N, C, H, W) the flip is along H and W, the axes the kernel slides over."""
    x = RNG.normal(size=(2, 3, 4, 5))
    assert "reversed along its last axes" in failure(x[..., ::-1, ::-1], x)


def test_no_flip_or_swap_hint_when_expected_is_symmetric():
    """A hint fires only when the slip changes the answer: a symmetric result cannot show it."""
    symmetric = X + X.T + (X + X.T)[::-1, ::-1]
    message = failure(symmetric + 1, symmetric)
    assert "reversed" not in message and "swapped" not in message


def test_sign_flip_is_hinted():
    assert "sign is flipped" in failure(-X, X)


def test_shift_by_one_is_hinted():
    assert "one position later along axis 1" in failure(np.roll(X, 1, axis=1), X)


def test_scale_factor_is_hinted():
    assert "times 2.0" in failure(2 * X, X)


def test_no_generic_hint_for_unrelated_values():
    assert "looks like" not in failure(RNG.normal(size=(5, 5)), X)


def test_integer_dtype_truncation_is_explained():
    assert "integer dtype" in failure(X.astype(int), X)


def test_nan_is_reported_and_never_matches_a_hint():
    message = failure(np.full_like(X, np.nan), X)
    assert "25 entries are NaN or infinite" in message and "looks like" not in message


def test_equal_infinities_are_right(capsys):
    check("answer", np.array([np.inf, -np.inf, 1.0]), np.array([np.inf, -np.inf, 1.0]))
    assert capsys.readouterr().out == "✓ answer\n"


def test_real_answer_for_complex_result_gets_no_scale_hint():
    message = failure(np.ones(3), np.ones(3) + 1j)
    assert "expected complex" in message and "times" not in message


def test_failure_emits_no_numpy_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        failure(np.array([np.inf, 1.0, 2.0]), np.array([1.0, np.inf, 2.0]))
        failure(np.array([np.nan, 1.0]), np.array([np.inf, 1.0]))


def test_correct_float32_answer_passes(capsys):
    """Is a right single-precision computation accepted with the default tolerance?"""
    w = RNG.normal(size=(4, 3, 3, 3))
    x = RNG.normal(size=(2, 3, 8, 8))
    got = cl.conv2d(x.astype(np.float32), w.astype(np.float32))
    assert got.dtype == np.float32
    check("answer", got, cl.conv2d(x, w))
    assert "✓" in capsys.readouterr().out


def test_float32_tolerance_still_rejects_real_errors():
    assert "values are wrong" in failure((X + 1e-3).astype(np.float32), X)


def test_ndarray_impostor_with_true_eq_fails():
    """Can an ndarray subclass whose == always says True pass as a right answer? It must not."""

    class Impostor(np.ndarray):
        def __eq__(self, other):
            return True

        __ne__ = lambda self, other: False  # noqa: E731

    assert "values are wrong" in failure(np.zeros((5, 5)).view(Impostor), X)


def test_object_with_lying_array_protocol_is_judged_by_its_data():
    class Liar:
        def __eq__(self, other):
            return True

        def __array__(self, dtype=None, copy=None):
            return np.zeros((5, 5))

    assert "values are wrong" in failure(Liar(), X)


def test_integers_compare_exactly_with_off_by_one_hint():
    message = failure(4, 3)
    assert message.splitlines()[0] == "✗ answer: got 4, expected 3" and "off by one" in message


def test_boolean_is_not_a_number():
    assert "got True/False" in failure(True, 1)


def test_float_for_an_integer_is_reported():
    assert "return an int" in failure(3.0, 3)


def test_integer_known_mistake(capsys):
    assert "looks like: ceil instead of floor" in failure(
        4, 3, mistakes={"ceil instead of floor": 4}
    )


def test_tuple_of_ints_compares_elementwise(capsys):
    check("answer", (3, 4), (3, 4))
    assert "✓" in capsys.readouterr().out
    message = failure((3, 5), (3, 4))
    assert "1 of 2 values are wrong" in message and "off by one" in message


def test_large_integers_compare_exactly():
    """Does no relative tolerance let a count of 123456786 pass for 123456789?"""
    message = failure((4608, 123456786), (4608, 123456789))
    assert "got 123456786, expected 123456789" in message and "off by one" not in message


def test_small_arrays_are_shown_and_large_ones_summarised():
    assert "expected:" in failure(np.zeros(4), np.ones(4))
    message = failure(np.zeros((100, 100)), np.ones((100, 100)))
    assert "expected:" not in message and len(message) < 1000


def test_check_raises_passes_on_the_named_error(capsys):
    check_raises("bad padding", cl.pad2d, np.ones((2, 2)), -1, mentions="padding")
    assert capsys.readouterr().out == "✓ bad padding\n"


def test_check_raises_fails_when_nothing_is_raised():
    with pytest.raises(CheckFailed, match="returned instead of raising ValueError"):
        check_raises("bad", lambda: 1)


def test_check_raises_fails_on_another_exception():
    def broken():
        raise TypeError("nope")

    with pytest.raises(CheckFailed, match="raised TypeError instead of ValueError"):
        check_raises("bad", broken)


def test_check_raises_fails_when_the_argument_is_not_named():
    def vague():
        raise ValueError("something is wrong")

    with pytest.raises(CheckFailed, match="does not name 'padding'"):
        check_raises("bad", vague, mentions="padding")
