"""The one sliding-window primitive every operator is built on."""

import itertools

import numpy as np
import pytest

from convlab._windows import pad, runs, windows


@pytest.mark.parametrize(
    ("shape", "kernel", "stride", "dilation"),
    [
        ((7,), (3,), (2,), (1,)),
        ((7,), (1,), (3,), (1,)),
        ((8,), (2,), (3,), (3,)),  # stride > kernel, dilation > 1
        ((6, 7), (2, 3), (1, 2), (2, 1)),
        ((2, 5, 6), (3, 2), (2, 3), (1, 2)),
        ((4, 4, 5), (2, 2, 2), (1, 1, 2), (1, 2, 1)),
        ((2, 3, 5, 4), (5, 4), (1, 1), (1, 1)),  # one window: the whole input
    ],
)
def test_windows_match_explicit_loops(shape, kernel, stride, dilation):
    """view[lead, out, tap] == x[lead, out * stride + tap * dilation], for every index."""
    x = np.arange(np.prod(shape), dtype=float).reshape(shape)
    view = windows(x, kernel, stride, dilation)
    d = len(kernel)
    out_shape = tuple(
        (n - dl * (k - 1) - 1) // s + 1 for n, k, s, dl in zip(shape[-d:], kernel, stride, dilation)
    )
    assert view.shape == shape[:-d] + out_shape + kernel
    for lead in itertools.product(*map(range, x.shape[: x.ndim - d])):
        for out in itertools.product(*map(range, out_shape)):
            for tap in itertools.product(*map(range, kernel)):
                source = tuple(o * s + t * dl for o, t, s, dl in zip(out, tap, stride, dilation))
                assert view[lead + out + tap] == x[lead + source]


def test_stride_and_dilation_default_to_one():
    x = np.arange(10.0).reshape(2, 5)
    np.testing.assert_array_equal(windows(x, (2, 2)), windows(x, (2, 2), (1, 1), (1, 1)))
    assert windows(np.arange(5), (2,)).tolist() == [[0, 1], [1, 2], [2, 3], [3, 4]]


def test_windows_is_a_read_only_view_sharing_memory():
    """No copy: the view shares x's memory, and writing through it is refused."""
    x = np.arange(20.0).reshape(4, 5)
    view = windows(x, (2, 2), (2, 1), (1, 2))
    assert np.shares_memory(view, x) and view.base is not None
    assert not view.flags.writeable
    with pytest.raises(ValueError):
        view[0, 0, 0, 0] = 1.0
    x[1, 2] = -1.0  # a change to x shows through the view: it is not a copy
    assert view[0, 2, 1, 0] == -1.0  # x[0 * 2 + 1 * 1, 2 * 1 + 0 * 2]


def test_windows_of_a_strided_input_is_still_a_view():
    """A non-contiguous input (a transposed or sliced array) is windowed without a copy."""
    base = np.arange(60.0).reshape(6, 10)
    x = base[::2, 1::3].T  # shape (3, 3), strides that are neither C nor F order
    view = windows(x, (2, 2))
    assert np.shares_memory(view, base)
    np.testing.assert_array_equal(view[1, 0], x[1:3, 0:2])


def test_writeable_view_scatters_one_tap_into_the_input():
    """writeable=True lets a transposed conv add one tap's contribution in place."""
    x = np.zeros(7)
    view = windows(x, (3,), (2,), writeable=True)
    view[..., 1] += 1.0  # tap 1 of windows 0, 1, 2: positions 1, 3, 5
    assert x.tolist() == [0, 1, 0, 1, 0, 1, 0]


def test_window_larger_than_input_is_refused():
    with pytest.raises(ValueError, match="larger than input"):
        windows(np.ones((3, 3)), (4, 1))
    with pytest.raises(ValueError, match="larger than input"):
        windows(np.ones(5), (3,), dilation=(3,))  # span 7 > 5


def test_pad_adds_zeros_before_and_after_the_last_axes_only():
    x = np.ones((2, 2, 3))
    padded = pad(x, [(1, 0), (0, 2)])
    assert padded.shape == (2, 3, 5)
    assert padded.sum() == x.sum() and padded[:, 1:, :3].tolist() == x.tolist()
    assert pad(x, [(0, 0), (0, 0)]) is x  # nothing to pad: no copy


@pytest.mark.parametrize(
    ("shape", "kernel", "dilation"),
    [
        ((7,), (3,), (2,)),
        ((5, 6), (2, 3), (1, 1)),
        ((2, 6, 7), (3, 2), (2, 1)),
        ((2, 4, 4, 5), (2, 2, 3), (1, 2, 1)),
        ((3, 4), (3, 4), (1, 1)),  # one window: a run of length 1
    ],
)
def test_runs_hold_every_stride_1_window_at_its_folded_position(shape, kernel, dilation):
    """runs[lead, tap, sum(out * steps)] == windows[lead, out, tap]; the rest wraps."""
    x = np.arange(np.prod(shape), dtype=float).reshape(shape)
    view, flat = windows(x, kernel, dilation=dilation), runs(x, kernel, dilation)
    d = len(kernel)
    steps = np.array(x.strides[-d:]) // x.itemsize
    out_shape = view.shape[x.ndim - d : x.ndim]
    assert flat.shape[-1] == 1 + int(np.dot(np.array(out_shape) - 1, steps))
    for out in itertools.product(*map(range, out_shape)):
        position = int(np.dot(out, steps))
        for tap in itertools.product(*map(range, kernel)):
            lead = (Ellipsis,)
            assert np.array_equal(flat[lead + tap + (position,)], view[lead + out + tap])
    assert not flat.flags.writeable


def test_runs_refuse_a_strided_array():
    with pytest.raises(ValueError, match="C-contiguous"):
        runs(np.zeros((4, 6))[:, ::2], (2, 2))
