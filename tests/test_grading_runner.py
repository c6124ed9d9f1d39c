"""The re-check's wire format and cell runner (convlab.grading.runner), in this process."""

import io

import numpy as np
import pytest

from convlab.grading import runner


def roundtrip_input(value):
    arrays = []
    tree = runner.encode_input(value, arrays)
    buffer = io.BytesIO()
    runner.write_frame(buffer, {"tree": tree}, arrays)
    header, loaded = runner.read_frame(io.BytesIO(buffer.getvalue()), 1 << 20)
    return runner.decode(header["tree"], loaded)


def test_inputs_arrive_as_they_were_sent():
    """Do ints stay ints, lists lists, tuples tuples, and arrays keep dtype and shape?"""
    value = (3, [1, 2], (2, 1), "same", None, np.arange(6, dtype=np.int32).reshape(2, 3))
    got = roundtrip_input(value)
    assert got[:5] == value[:5] and isinstance(got[2], tuple) and isinstance(got[1], list)
    assert got[5].dtype == np.int32 and np.array_equal(got[5], value[5])
    assert roundtrip_input({"padding": (1, 0)}) == {"padding": (1, 0)}


def test_results_become_plain_arrays():
    """Is a numeric result an array, a subclass plain, a pair two arrays, text unreadable?"""

    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

    arrays = []
    tree = runner.encode((np.zeros(2).view(Liar), [1.0, 2.0], "text"), arrays)
    got = runner.decode(tree, arrays)
    assert type(got[0]) is np.ndarray and np.array_equal(got[1], [1.0, 2.0])
    assert isinstance(got[2], runner.Unreadable)
    assert runner.decode(runner.encode(5, arrays := []), arrays).shape == ()


def test_a_part_over_the_limit_is_refused():
    """Does reading stop at a part larger than the byte limit?"""
    buffer = io.BytesIO()
    runner.write_frame(buffer, {}, [np.zeros(1000)])
    with pytest.raises(ValueError, match="over the limit"):
        runner.read_frame(io.BytesIO(buffer.getvalue()), 100)


def test_cells_run_like_the_kernel_runs_them():
    """A failing cell: recorded, and the next cells still run; IPython calls do nothing?"""
    cells = [
        ("a", "def a():\n    return 1"),
        ("b", "raise RuntimeError('no')"),
        ("c", "get_ipython().run_line_magic('time', 'a()')\ndef c():\n    return a() + 1"),
    ]
    namespace, errors = runner.run_cells("import numpy as np", cells)
    assert namespace["c"]() == 2
    assert errors == ["cell b: RuntimeError: no"]


def test_calls_report_errors_with_their_kind():
    """Is a ValueError reported as one (with its message), and a missing function named?"""
    namespace, _ = runner.run_cells("", [("f", "def f(x):\n    raise ValueError('x: bad')")])
    fields, _ = runner.call(namespace, "f", (1,), {})
    assert fields["raised"] == {"type": "ValueError", "value_error": True, "message": "x: bad"}
    fields, _ = runner.call(namespace, "g", (), {})
    assert fields["raised"]["type"] == "NameError"
