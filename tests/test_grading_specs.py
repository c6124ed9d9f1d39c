"""Re-check specs (convlab.grading.specs): one per graded test cell, as strong as the tests."""

import re

import nbformat
import numpy as np
import pytest

from convlab import course
from convlab.grading import recheck, specs
from convlab.grading.policy import Sandbox

from .course_helpers import ASSIGNMENTS, MUTANTS, REPO, grade_cells, mutant_expectations, mutants

EXERCISE_TABLE = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")


def documented():
    """{assignment: [function]} from the table of docs/exercises.md."""
    table, assignment = {}, None
    for line in EXERCISE_TABLE.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not re.match(r"(\d\d-[a-z0-9-]+)?$", cells[0]):
            continue
        assignment = cells[0] or assignment
        table.setdefault(assignment, []).extend(re.findall(r"`(\w+)`", cells[1]))
    return table


def test_every_documented_function_has_a_spec():
    """Does each function of docs/exercises.md, in all twelve notebooks, have its re-check?"""
    table = documented()
    assert sorted(table) == sorted(specs.NOTEBOOKS)
    for assignment, functions in table.items():
        exercises = specs.exercises(assignment)
        assert [e.function for e in exercises] == functions, assignment
        assert [e.test for e in exercises] == [f"test_{f}" for f in functions]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_test_cell_has_a_spec(assignment):
    """In the notebook as written: is every graded code cell re-checked, by its answer cell?"""
    source = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    answers = set(course.solution_answers(source))
    exercises = {e.test: e for e in specs.exercises(assignment)}
    assert set(grade_cells(source)) == set(exercises), assignment
    assert {e.function for e in exercises.values()} <= answers


@pytest.mark.parametrize("assignment", sorted(specs.NOTEBOOKS))
def test_the_reference_answers_every_case(assignment):
    """Does convlab return for every value case and raise the named ValueError for the rest?"""
    for exercise in specs.exercises(assignment):
        for case in exercise.cases(np.random.default_rng(7)):
            label = case.label(exercise.function)
            if case.error:
                with pytest.raises(ValueError) as raised:
                    exercise.reference(*case.args, **case.kwargs)
                assert (case.mentions or "") in str(raised.value), label
            else:
                exercise.reference(*case.args, **case.kwargs)


def test_cases_drawn_for_two_students_differ():
    """Are the random cases drawn per student (and the same again for the same student)?"""
    (exercise, *_) = specs.exercises("02-conv2d")
    draw = lambda student: [  # noqa: E731
        c.label(exercise.function) for c in exercise.cases(specs.generator("k", student, "a", "t"))
    ]
    assert draw("alice") == draw("alice") != draw("bob")


RELEASED = [a for a in ASSIGNMENTS if a in course.assignments(REPO, "notebooks")]


def _program(assignment, answers=None):
    _, notebook = course.make_submission(REPO, assignment, answers or {}, base="solution")
    return recheck.notebook_program(notebook)


def _check(assignment, program):
    checker = recheck.Checker(Sandbox(required=False))
    seed = lambda test: specs.generator("", "student", assignment, test)  # noqa: E731
    return checker.check(program, specs.exercises(assignment), seed)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", RELEASED)
def test_the_solution_passes_the_recheck(assignment):
    """Is the instructor's solution right on every re-check case?"""
    verdicts = _check(assignment, _program(assignment))
    assert all(message is None for message in verdicts.values()), verdicts


MUTANT_LIST = [m for m in mutants() if m[0] in RELEASED]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("assignment", "name", "path"), MUTANT_LIST, ids=[f"{a}/{n}" for a, n, _ in MUTANT_LIST]
)
def test_every_wrong_solution_fails_the_recheck(assignment, name, path):
    """Is the re-check as strong as the hidden tests: does each mutant fail it where it must?

    A mutant passes the visible tests and fails the hidden ones; with checks patched in the
    kernel, only the re-check stands between it and full marks.
    """
    loses, _ = mutant_expectations(path)
    verdicts = _check(assignment, _program(assignment, course.read_answers(path)))
    assert {g for g, message in verdicts.items() if message} >= set(loses), verdicts


def test_mutants_folder_exists():
    assert MUTANTS.is_dir()
