"""`convlab validate`: a learner's check before submitting, with an honest exit code."""

import nbformat
import pytest

from convlab import cli, course

from .course_helpers import ASSIGNMENTS, REPO

pytestmark = pytest.mark.slow
ASSIGNMENT = "02-conv2d" if "02-conv2d" in ASSIGNMENTS else ASSIGNMENTS[0]


def notebook(tmp_path, answers=None, base="solution"):
    filename, submission = course.make_submission(REPO, ASSIGNMENT, answers or {}, base=base)
    path = tmp_path / filename
    nbformat.write(submission, path)
    return path


def test_a_solved_notebook_passes_with_exit_code_0(tmp_path, capsys):
    """Does a solved notebook pass, and say so?"""
    assert cli.main(["validate", str(notebook(tmp_path))]) == 0
    assert "✓ all" in capsys.readouterr().out


def test_failing_cells_are_named_with_exit_code_1(tmp_path, capsys):
    """The untouched release: exit 1, and every failing test cell named?"""
    assert cli.main(["validate", str(notebook(tmp_path, base="release"))]) == 1
    out = capsys.readouterr().out
    source = nbformat.read(REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    tests = [
        c.metadata.nbgrader.grade_id
        for c in source.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert all(f"✗ {grade_id}" in out for grade_id in tests), out


@pytest.mark.skipif(ASSIGNMENT != "02-conv2d", reason="the example answer is for 02-conv2d")
def test_an_answer_that_needs_convlab_fails_with_the_reason(tmp_path, capsys):
    """It passes in the notebook but calls convlab: is that cell named, with the reason?"""
    path = REPO / "tests" / "submissions" / "02-conv2d" / "reference-call.py"
    answers = course.read_answers(path)
    assert cli.main(["validate", str(notebook(tmp_path, answers))]) == 1
    out = capsys.readouterr().out
    assert "✗ test_conv2d" in out and "convlab" in out and "✗ test_pad2d" not in out
