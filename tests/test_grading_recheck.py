"""The trusted re-check (convlab.grading.recheck) on small programs, jailed when possible."""

import nbformat
import numpy as np
import pytest

from convlab import checks
from convlab.grading import recheck, specs
from convlab.grading.policy import Sandbox
from convlab.grading.specs import Exercise, raises
from convlab.grading.specs._base import call

pytestmark = pytest.mark.slow


def double(x):
    """The reference of the toy exercise."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    return 2 * x


def cases(rng):
    return [call(np.arange(3.0)), call(rng.normal(size=5)), raises(np.ones((2, 2)), mentions="x")]


TOY = Exercise("test_double", "double", double, cases)
SECOND = Exercise("test_half", "half", lambda x: np.asarray(x) / 2, lambda rng: [call([2.0])])
RIGHT = "def double(x):\n    x = np.asarray(x, dtype=float)\n"
RIGHT += "    if x.ndim != 1:\n        raise ValueError('x must be 1-D')\n    return x + x"
HALF = "def half(x):\n    return np.asarray(x) / 2"


def check(*cells, exercises=(TOY,), timeout=10):
    program = recheck.Program("import numpy as np", list(cells))
    checker = recheck.Checker(Sandbox(required=False), exercise_timeout=timeout)
    return checker.check(program, list(exercises), lambda test: specs.generator("", "s", "a", test))


def test_a_right_answer_passes():
    assert check(("double", RIGHT)) == {"test_double": None}


def test_a_wrong_answer_fails_with_the_checks_message():
    """Is a wrong value reported the way convlab.checks reports it?"""
    (message,) = check(("double", "def double(x):\n    return np.asarray(x) * 3")).values()
    assert "values are wrong" in message and "(3 of 3 calls were wrong)" in message


def test_an_answer_that_imports_convlab_fails():
    """The reference is out of reach: does an answer that calls it fail?"""
    code = "def double(x):\n    import convlab\n    return 2 * np.asarray(x)"
    (message,) = check(("double", code)).values()
    assert "No module named 'convlab'" in message or "not available" in message


def test_an_endless_loop_fails_its_exercise_only():
    """After an exercise hits the time limit, are the other exercises still checked?"""
    loop = "def double(x):\n    while True:\n        pass"
    verdicts = check(("double", loop), ("half", HALF), exercises=(TOY, SECOND), timeout=3)
    assert "too long" in verdicts["test_double"] and verdicts["test_half"] is None


def test_a_process_exit_fails_its_exercise_only():
    """os._exit in the answer: is it reported, and the next exercise checked anew?"""
    crash = "def double(x):\n    import os\n    os._exit(3)"
    verdicts = check(("double", crash), ("half", HALF), exercises=(TOY, SECOND))
    assert "exited with code 3" in verdicts["test_double"] and verdicts["test_half"] is None


def test_a_missing_answer_cell_fails():
    assert "no answer cell" in check(("half", HALF))["test_double"]


def test_the_notebook_program_keeps_setup_imports_but_not_convlab():
    """From a notebook: its answer cells in order, and the setup cell's imports minus convlab?"""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        _cell("setup", "%matplotlib inline\nimport numpy as np\nimport convlab as cl"),
        _cell("double", "%time 1\ndef double(x): ...", solution=True),
    ]
    program = recheck.notebook_program(notebook)
    assert program.setup == "import numpy as np"
    assert program.cells[0][0] == "double" and "run_line_magic" in program.cells[0][1]


def _cell(grade_id, source, solution=False):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": solution, "locked": not solution}
    return cell


def test_a_failed_recheck_is_an_error_output():
    """Does a failed re-check become an error output (nbgrader then scores the cell 0)?"""
    output = recheck.recheck_error("✗ double: wrong")
    assert output.output_type == "error" and output.ename == "RecheckFailed"
    assert isinstance(checks.CheckFailed("x"), AssertionError)
