"""Timing a function the way the notebooks compare a learner's code with convlab's."""

import os
import time

__all__ = ["best_time"]


def best_time(function, *args, repeat=5, **kwargs):
    """The shortest of `repeat` runs of ``function(*args, **kwargs)``, in seconds.

    The best run, not the mean: other programs on the machine only ever make a run
    slower, so the minimum is the closest to what the code itself costs.

    Examples
    --------
    >>> best_time(sum, range(1000), repeat=3) < 1.0
    True
    """
    if isinstance(repeat, bool) or not isinstance(repeat, int) or repeat < 1:
        raise ValueError(f"repeat must be an integer >= 1, got {repeat!r}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def load_average():
    """The machine's load average over 1, 5 and 15 minutes, as benchmark reports print it.

    >>> isinstance(load_average(), str)
    True
    """
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
