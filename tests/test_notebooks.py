"""The course pipeline on the real notebooks: nbgrader grades solutions, releases and mutants.

One session fixture builds a scratch course with, per assignment, the solution as a
submission ("solved"), the release untouched ("blank") and every wrong-solution fixture
in tests/mutants/ (each a student), grades them all once with `convlab.course.grade`,
and the tests read the gradebook and the feedback.
"""

import html
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook

from convlab import course

from .course_helpers import (
    ASSIGNMENTS,
    REPO,
    cell_scores,
    grade_cells,
    mutant_expectations,
    mutants,
    scratch_course,
    submit,
)

MUTANTS = mutants()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """A scratch course whose submissions have been autograded, and its gradebook."""
    root = scratch_course(tmp_path_factory.mktemp("course"))
    for assignment in ASSIGNMENTS:
        submit(root, "solved", assignment, {}, base="solution")
        submit(root, "blank", assignment, {})
    for assignment, name, path in MUTANTS:
        submit(root, f"mutant-{name}", assignment, course.read_answers(path), base="solution")
    course.grade(root)
    with Gradebook(f"sqlite:///{root}/autograde/gradebook.db") as gradebook:
        yield root, gradebook


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_earns_full_automatic_marks(graded, assignment):
    """Does the instructor's solution, submitted as is, earn every automatic point?"""
    _, gradebook = graded
    scores = cell_scores(gradebook, assignment, "solved")
    assert scores and all(score == points for score, points in scores.values()), scores


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_earns_zero(graded, assignment):
    """Does the released notebook, submitted untouched, earn no automatic point?"""
    _, gradebook = graded
    scores = cell_scores(gradebook, assignment, "blank")
    assert all(score == 0 for score, _ in scores.values()), scores


@pytest.mark.parametrize(
    ("assignment", "name", "path"), MUTANTS, ids=[f"{a}/{n}" for a, n, _ in MUTANTS]
)
def test_wrong_solution_loses_points_and_feedback_says_why(graded, assignment, name, path):
    """Does each plausible wrong solution lose its declared points, with feedback saying why?"""
    root, gradebook = graded
    loses, phrases = mutant_expectations(path)
    assert loses, f"{path} declares no '# loses:' line"
    scores = cell_scores(gradebook, assignment, f"mutant-{name}")
    for grade_id in loses:
        score, points = scores[grade_id]
        assert score < points, f"{name}: {grade_id} scored {score}/{points}"
    feedback = (
        root / "autograde" / "feedback" / f"mutant-{name}" / assignment / f"{assignment}.html"
    )
    text = html.unescape(feedback.read_text(encoding="utf-8"))  # &#39; is an apostrophe
    for phrase in phrases:
        assert phrase in text, f"{name}: feedback lacks {phrase!r}"


def test_every_exercise_has_at_least_three_wrong_solutions():
    """Is each automatically graded cell of each assignment targeted by three or more mutants?"""
    for assignment in ASSIGNMENTS:
        source = nbformat.read(
            REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4
        )
        targeted = [
            g for a, _, path in MUTANTS if a == assignment for g in mutant_expectations(path)[0]
        ]
        for grade_id in grade_cells(source):
            assert targeted.count(grade_id) >= 3, (
                f"{assignment}: {grade_id} has {targeted.count(grade_id)} mutants"
            )


SOLUTION_SECONDS = {}  # each solution's run time, filled in by the test below


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_top_to_bottom_quickly_with_widgets(assignment, monkeypatch):
    """Does the solution run without error in a few seconds, widgets live (not under nbgrader)?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    path = REPO / "solutions" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=60, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    elapsed = time.perf_counter() - start
    widget_views = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    assert widget_views, "no explorer widget rendered"
    SOLUTION_SECONDS[assignment] = elapsed
    assert elapsed < 10, f"{assignment} took {elapsed:.1f} s"


def test_all_twelve_solutions_run_in_under_a_minute_together():
    """Do the solutions, each run in a fresh kernel above, take under 60 s in all?"""
    if len(ASSIGNMENTS) < 12:
        pytest.skip("--assignment chose only some of the notebooks")
    if not SOLUTION_SECONDS:
        pytest.skip("it sums the times of test_solution_runs_top_to_bottom_quickly_with_widgets")
    missing = sorted(set(ASSIGNMENTS) - set(SOLUTION_SECONDS))
    assert not missing, f"the solutions of {missing} did not run to the end"
    total = sum(SOLUTION_SECONDS.values())
    assert total < 60, f"the twelve solutions took {total:.1f} s together"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_fails_only_where_the_learner_must_write_code(assignment):
    """Run all cells of the release: is every error a NotImplementedError from an empty answer?"""
    path = REPO / "notebooks" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=60, allow_errors=True, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        output["ename"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors, "the release raised nothing: are the answers really removed?"
    assert set(errors) == {"NotImplementedError"}, errors
