"""The one sliding-window primitive every operator is built on."""

import itertools

import numpy as np
import pytest

from convlab._windows import windows


@pytest.mark.parametrize(
    ("shape", "kernel", "stride", "dilation"),
    [
        ((7,), (3,), (2,), (1,)),
        ((6, 7), (2, 3), (1, 2), (2, 1)),
        ((2, 5, 6), (3, 2), (2, 3), (1, 2)),
        ((4, 4, 5), (2, 2, 2), (1, 1, 2), (1, 2, 1)),
    ],
)
def test_windows_match_explicit_loops(shape, kernel, stride, dilation):
    x = np.arange(np.prod(shape), dtype=float).reshape(shape)
    view = windows(x, kernel, stride, dilation)
    d = len(kernel)
    out_shape = view.shape[x.ndim - d : x.ndim]
    for lead in itertools.product(*map(range, x.shape[: x.ndim - d])):
        for out in itertools.product(*map(range, out_shape)):
            for tap in itertools.product(*map(range, kernel)):
                source = tuple(o * s + t * dl for o, t, s, dl in zip(out, tap, stride, dilation))
                assert view[lead + out + tap] == x[lead + source]


def test_windows_is_a_read_only_view_sharing_memory():
    x = np.arange(20.0).reshape(4, 5)
    view = windows(x, (2, 2))
    assert np.shares_memory(view, x) and not view.flags.writeable
    with pytest.raises(ValueError):
        view[0, 0, 0, 0] = 1.0


def test_window_larger_than_input_is_refused():
    with pytest.raises(ValueError, match="larger than input"):
        windows(np.ones((3, 3)), (4, 1))
