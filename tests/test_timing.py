"""convlab.timing: how the notebooks time code."""

import pytest

from convlab.timing import best_time


def test_best_time_is_the_fastest_run_and_names_a_bad_repeat():
    calls = []
    assert best_time(calls.append, 1, repeat=4) >= 0 and calls == [1] * 4
    with pytest.raises(ValueError, match="repeat"):
        best_time(print, repeat=0)
