"""Helpers for the tests that drive the course pipeline in a scratch copy of the course."""

import os
import shutil
from pathlib import Path

import nbformat

from convlab import course

REPO = Path(__file__).resolve().parents[1]
MUTANTS = REPO / "tests" / "mutants"


def selected_assignments(folder="solutions"):
    """The assignments in `folder`, limited to those named by `pytest --assignment`."""
    names = course.assignments(REPO, folder)
    only = [a for a in os.environ.get("CONVLAB_ASSIGNMENTS", "").split(",") if a]
    unknown = set(only) - set(names)
    if unknown:
        raise ValueError(f"--assignment: no assignment {sorted(unknown)} in {folder}/")
    return [a for a in names if a in only] if only else names


ASSIGNMENTS = selected_assignments()


def scratch_course(root, with_samples=False):
    """A copy of the course (sources, releases, nbgrader config) under `root`, no gradebook."""
    root = Path(root)
    (root / "autograde").mkdir(parents=True)
    shutil.copy(REPO / "autograde" / "nbgrader_config.py", root / "autograde")
    for folder in ("solutions", "notebooks"):  # only the selected assignments
        for assignment in ASSIGNMENTS:
            shutil.copytree(REPO / folder / assignment, root / folder / assignment)
    if with_samples and (REPO / "autograde" / "samples").is_dir():
        shutil.copytree(REPO / "autograde" / "samples", root / "autograde" / "samples")
    return root


def submit(root, student, assignment, answers, base="release"):
    """Write a submission of `assignment` for `student`; returns its path."""
    filename, notebook = course.make_submission(root, assignment, answers, base=base)
    folder = Path(root) / "autograde" / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / filename)
    return folder / filename


def mutants():
    """(assignment, name, path) of every wrong-solution fixture in tests/mutants/."""
    return [
        (path.parent.name, path.stem, path)
        for path in sorted(MUTANTS.glob("*/*.py"))
        if path.parent.name in ASSIGNMENTS
    ]


def mutant_expectations(path):
    """The `# loses:` grade ids and the `# feedback:` phrases declared at the top of a mutant."""
    loses, feedback = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# loses:"):
            loses += [g.strip() for g in line.split(":", 1)[1].split(",") if g.strip()]
        elif line.startswith("# feedback:"):
            feedback.append(line.split(":", 1)[1].strip())
    return loses, feedback


def grade_cells(notebook):
    """{grade_id: points} of the automatically graded cells (code grade cells) of a notebook."""
    return {
        cell.metadata.nbgrader.grade_id: cell.metadata.nbgrader.points
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
    }


def cell_scores(gradebook, assignment, student):
    """{grade_id: (auto score, points)} of a graded submission's automatically graded cells."""
    source = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    return {
        grade_id: (
            gradebook.find_grade(grade_id, assignment, assignment, student).auto_score,
            points,
        )
        for grade_id, points in grade_cells(source).items()
    }
