"""correlate1d/convolve1d/correlate2d/convolve2d against scipy.signal, every mode."""

import numpy as np
import pytest
from scipy import signal

import convlab as cl

MODES = ["full", "same", "valid"]
RNG = np.random.default_rng(5)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("n", [1, 4, 7])
@pytest.mark.parametrize("m", [1, 2, 3, 4, 9])  # odd, even, asymmetric, longer than signal
def test_1d_matches_scipy(mode, n, m):
    f, g = RNG.normal(size=n), RNG.normal(size=m)
    np.testing.assert_allclose(cl.correlate1d(f, g, mode), signal.correlate(f, g, mode), atol=1e-12)
    np.testing.assert_allclose(cl.convolve1d(f, g, mode), signal.convolve(f, g, mode), atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("image", [(5, 5), (4, 7), (2, 3)])
@pytest.mark.parametrize("kernel", [(1, 1), (3, 3), (2, 4), (4, 2), (5, 8)])
def test_2d_matches_scipy(mode, image, kernel):
    a, b = RNG.normal(size=image), RNG.normal(size=kernel)
    try:
        expected = signal.correlate2d(a, b, mode)
    except ValueError:  # 'valid' with neither input larger on every axis
        with pytest.raises(ValueError, match="valid"):
            cl.correlate2d(a, b, mode)
        return
    np.testing.assert_allclose(cl.correlate2d(a, b, mode), expected, atol=1e-12)
    np.testing.assert_allclose(cl.convolve2d(a, b, mode), signal.convolve2d(a, b, mode), atol=1e-12)


def test_even_kernel_same_mode_follows_each_scipy_function():
    """For an even kernel, correlate2d keeps the window one later than convolve2d does."""
    image = np.arange(16.0).reshape(4, 4)
    kernel = np.array([[1.0, 2.0], [3.0, 4.0]])
    full = cl.correlate2d(image, kernel, "full")
    assert np.array_equal(cl.correlate2d(image, kernel, "same"), full[1:5, 1:5])
    assert np.array_equal(
        cl.correlate2d(image, kernel, "same"), signal.correlate2d(image, kernel, "same")
    )
    flipped_full = cl.convolve2d(image, kernel, "full")
    assert np.array_equal(cl.convolve2d(image, kernel, "same"), flipped_full[0:4, 0:4])


def test_complex_and_integer_inputs_match_scipy():
    f, g = RNG.normal(size=6) + 1j * RNG.normal(size=6), RNG.normal(size=3) - 2j
    np.testing.assert_allclose(cl.correlate1d(f, g), signal.correlate(f, g), atol=1e-12)
    a, b = np.arange(12).reshape(3, 4), np.array([[1, -1], [2, 0]])
    got = cl.correlate2d(a, b)
    assert got.dtype.kind == "i"
    np.testing.assert_array_equal(got, signal.correlate2d(a, b))


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: cl.correlate1d([1, 2], [1], mode="circular"), "mode"),
        (lambda: cl.correlate1d(np.ones((2, 2)), [1]), "f"),
        (lambda: cl.convolve1d([1, 2], np.ones((2, 2))), "g"),
        (lambda: cl.correlate2d(np.ones(3), np.ones((1, 1))), "image"),
        (lambda: cl.convolve2d(np.ones((3, 3)), np.ones(3)), "kernel"),
        (lambda: cl.correlate1d([], [1.0]), "f"),
        (lambda: cl.correlate2d(np.ones((2, 5)), np.ones((3, 3)), "valid"), "valid"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
