"""correlate1d/convolve1d/correlate2d/convolve2d against scipy.signal, every mode."""

import numpy as np
import pytest
from scipy import signal

import convlab as cl

MODES = ["full", "same", "valid"]
PAIRS_1D = [(cl.correlate1d, signal.correlate), (cl.convolve1d, signal.convolve)]
PAIRS_2D = [(cl.correlate2d, signal.correlate2d), (cl.convolve2d, signal.convolve2d)]


def random(shape, seed, dtype=float):
    """Reproducible test data: normal floats, complex with both parts random, or ints."""
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.complexfloating):
        return rng.normal(size=shape) + 1j * rng.normal(size=shape)
    if np.issubdtype(dtype, np.integer):
        return rng.integers(-5, 6, size=shape).astype(dtype)
    return rng.normal(size=shape)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("n", [1, 4, 7])
@pytest.mark.parametrize("m", [1, 2, 3, 4, 9])  # odd, even, longer than the signal
def test_1d_matches_scipy(mode, n, m):
    """Random (so asymmetric) kernels of odd and even length, shorter and longer than f."""
    f, g = random(n, n), random(m, 100 + m)
    for ours, theirs in PAIRS_1D:
        expected = theirs(f, g, mode)
        got = ours(f, g, mode)
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("image", [(5, 5), (4, 7), (2, 3)])
@pytest.mark.parametrize("kernel", [(1, 1), (3, 3), (2, 4), (4, 2), (5, 8), (2, 2)])
def test_2d_matches_scipy(mode, image, kernel):
    """Square, non-square, even, odd and mixed kernels; larger than the image too. Where
    scipy refuses 'valid' (neither input larger on every axis), convlab refuses too."""
    a, b = random(image, sum(image)), random(kernel, 100 + sum(kernel))
    for ours, theirs in PAIRS_2D:
        try:
            expected = theirs(a, b, mode)
        except ValueError:
            assert mode == "valid"
            with pytest.raises(ValueError, match="valid"):
                ours(a, b, mode)
            continue
        got = ours(a, b, mode)
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_1d_asymmetric_kernel_is_not_flipped_by_correlate_and_is_by_convolve():
    """A hand-checked pair: correlate slides g as is, convolve slides g reversed."""
    f, g = [1.0, 2.0, 3.0], [0.0, 1.0, 0.5]
    assert cl.correlate1d(f, g).tolist() == [0.5, 2.0, 3.5, 3.0, 0.0]
    assert cl.convolve1d(f, g).tolist() == [0.0, 1.0, 2.5, 4.0, 1.5]
    assert cl.correlate1d(f, g, "same").tolist() == [2.0, 3.5, 3.0]
    assert cl.correlate1d(f, g, "valid").tolist() == [3.5]


def test_even_kernel_same_mode_follows_each_scipy_function():
    """For an even kernel, correlate2d keeps the window one later than convolve2d does,
    as scipy; the 1-D functions keep the earlier one, as scipy.signal.correlate/convolve."""
    image = np.arange(16.0).reshape(4, 4)
    kernel = np.array([[1.0, 2.0], [3.0, 4.0]])
    full = cl.correlate2d(image, kernel, "full")
    assert np.array_equal(cl.correlate2d(image, kernel, "same"), full[1:5, 1:5])
    assert np.array_equal(
        cl.convolve2d(image, kernel, "same"), cl.convolve2d(image, kernel)[:4, :4]
    )
    f, g = np.arange(5.0), np.array([1.0, -2.0, 0.5, 3.0])
    assert np.array_equal(cl.correlate1d(f, g, "same"), cl.correlate1d(f, g)[1:6])
    assert np.array_equal(cl.convolve1d(f, g, "same"), cl.convolve1d(f, g)[1:6])


@pytest.mark.parametrize("mode", MODES)
def test_complex_inputs_match_scipy_conjugating_the_kernel(mode):
    """Complex signals and kernels: correlation conjugates the kernel, as scipy does."""
    f, g = random(7, 1, complex), random(4, 2, complex)
    for ours, theirs in PAIRS_1D:
        np.testing.assert_allclose(ours(f, g, mode), theirs(f, g, mode), rtol=0, atol=1e-12)
    a, b = random((5, 6), 3, complex), random((2, 3), 4, complex)
    for ours, theirs in PAIRS_2D:
        got = ours(a, b, mode)
        assert got.dtype == np.complex128
        np.testing.assert_allclose(got, theirs(a, b, mode), rtol=0, atol=1e-12)
    assert not np.allclose(cl.correlate1d(f, g), cl.correlate1d(f, g.conj()))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int16])
def test_integer_inputs_stay_integer_and_match_scipy_exactly(mode, dtype):
    f, g = random(8, 5, dtype), random(3, 6, dtype)
    for ours, theirs in PAIRS_1D:
        got = ours(f, g, mode)
        assert got.dtype.kind == "i"
        np.testing.assert_array_equal(got, theirs(f, g, mode))
    a, b = random((4, 5), 7, dtype), random((2, 3), 8, dtype)
    for ours, theirs in PAIRS_2D:
        got = ours(a, b, mode)
        assert got.dtype.kind == "i"
        np.testing.assert_array_equal(got, theirs(a, b, mode))


def test_lists_are_accepted_like_arrays():
    np.testing.assert_array_equal(cl.correlate2d([[1, 2], [3, 4]], [[1]]), [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: cl.correlate1d([1, 2], [1], mode="circular"), "mode"),
        (lambda: cl.convolve1d([1, 2], [1], mode="FULL"), "mode"),
        (lambda: cl.correlate2d(np.ones((2, 2)), np.ones((1, 1)), mode=None), "mode"),
        (lambda: cl.convolve2d(np.ones((2, 2)), np.ones((1, 1)), mode="wrap"), "mode"),
        (lambda: cl.correlate1d(np.ones((2, 2)), [1]), "f"),
        (lambda: cl.correlate1d([1, 2], np.ones((1, 1))), "g"),
        (lambda: cl.convolve1d(3.0, [1]), "f"),
        (lambda: cl.convolve1d([1, 2], np.ones((2, 2))), "g"),
        (lambda: cl.correlate2d(np.ones(3), np.ones((1, 1))), "image"),
        (lambda: cl.correlate2d(np.ones((3, 3)), np.ones((1, 1, 1))), "kernel"),
        (lambda: cl.convolve2d(np.ones((3, 3, 1)), np.ones((1, 1))), "image"),
        (lambda: cl.convolve2d(np.ones((3, 3)), np.ones(3)), "kernel"),
        (lambda: cl.correlate1d([], [1.0]), "f"),
        (lambda: cl.convolve1d([1.0], []), "g"),
        (lambda: cl.correlate2d(np.ones((0, 3)), np.ones((1, 1))), "image"),
        (lambda: cl.convolve2d(np.ones((3, 3)), np.ones((2, 0))), "kernel"),
        (lambda: cl.correlate2d(np.ones((2, 5)), np.ones((3, 3)), "valid"), "valid"),
        (lambda: cl.convolve2d(np.ones((5, 2)), np.ones((3, 3)), "valid"), "valid"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"\b{argument}\b"):
        call()
