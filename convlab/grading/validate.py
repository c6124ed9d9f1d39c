"""``convlab validate NOTEBOOK``: the learner's check before submitting, with an exit code.

``nbgrader validate`` runs a notebook and prints which test cells fail, but exits 0 either
way. This runs it the same way (nbgrader's Validator: the visible tests, in a fresh
kernel), then checks that each passing answer also runs *outside* the notebook, as the
grader's re-check will run it: from its answer cell alone, with NumPy and nothing of
convlab or SciPy. Only problems of that kind are reported from the re-check (an import,
a helper defined in another cell); its cases are the grader's, and their results are not
shown. Exit status 1 when anything fails, and every failing cell is named.
"""

import re
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.validator import Validator

from . import recheck, specs
from .policy import Sandbox

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PORTABILITY = ("ModuleNotFoundError", "ImportError", "NameError", "no answer cell")


def validate(path, out=print):
    """Validate the notebook at `path`; returns the number of failing test cells."""
    path = Path(path).resolve()
    assignment = path.stem
    failures = _run_tests(path, out)
    notebook = nbformat.read(path, as_version=4)
    failed_ids = {grade_id for grade_id, _ in failures}
    exercises = [e for e in specs.exercises(assignment) if e.test not in failed_ids]
    if exercises:
        failures += _portability(notebook, assignment, exercises, out)
    if failures:
        out(f"✗ {len(failures)} test cell(s) fail: {', '.join(g for g, _ in failures)}")
    else:
        total = sum(1 for c in notebook.cells if _is_test(c))
        out(f"✓ all {total} test cells pass")
    return len(failures)


def _is_test(cell):
    return cell.cell_type == "code" and utils.is_grade(cell)


def _run_tests(path, out):
    """[(grade_id, message)] of the test cells that fail when the notebook runs."""
    validator = Validator(ignore_checksums=False)
    results = validator.validate(str(path))
    found = []
    for kind, what in (("type_changed", "its type was changed"), ("changed", "it was edited")):
        for cell in results.get(kind, []):
            message = f"{what}; the grader runs the original: restore it from the release"
            found.append((_grade_id_of(path, cell["source"]), message))
    for cell in results.get("failed", []):
        error = ANSI.sub("", cell["raw_error"]).strip().splitlines()
        found.append((_grade_id_of(path, cell["source"]), "\n".join(error[-12:])))
    for grade_id, message in found:
        out(f"✗ {grade_id}\n{_indent(message)}")
    return found


def _grade_id_of(path, source):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if utils.is_grade(cell) or utils.is_locked(cell):
            if cell.source.strip() == source:
                return cell.metadata.nbgrader.grade_id
    return "a test cell"


def _portability(notebook, assignment, exercises, out):
    """[(grade_id, message)] for answers that cannot run outside the notebook."""
    policy = Sandbox(required=False)
    checker = recheck.Checker(policy)
    seed = lambda test: specs.generator("validate", "", assignment, test)  # noqa: E731
    verdicts = checker.check(recheck.notebook_program(notebook), exercises, seed)
    found = []
    for test, message in verdicts.items():
        if message and any(word in message for word in PORTABILITY):
            reason = next(line for line in message.splitlines() if line.strip())
            text = (
                "passes here, but not when your answer runs on its own, as the grader runs "
                f"it (from its answer cell, with NumPy only):\n{reason.strip()}"
            )
            out(f"✗ {test}\n{_indent(text)}")
            found.append((test, text))
    return found


def _indent(text, prefix="    "):
    return "\n".join(prefix + line for line in text.splitlines())
