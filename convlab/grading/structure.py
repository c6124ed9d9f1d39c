"""Structure damage in a submission: found before grading, repaired where that is safe, reported.

nbgrader silently grades whatever it finds: a deleted test cell simply is not graded, a
duplicated one is graded once, a renamed notebook is "missing" (0 points) and a file that is
not valid JSON stops the batch. :func:`inspect` compares a submission with the released
notebook (cells by grade id) and returns the notebook to grade and a list of
:class:`Finding` objects, each saying what happened and what the instructor should do:

- renamed notebook (one notebook, another name): graded under the right name;
- invalid JSON, no notebook, several candidates: not graded (0 points until fixed);
- deleted cells: put back from the release (a test cell then runs the real tests, an
  answer cell comes back empty); duplicated cells: the last copy is graded, the others
  become ordinary cells; unknown grade ids (renamed cells): ordinary cells;
- edited locked cells and changed cell metadata: nbgrader restores them; noted.
"""

import copy
import functools
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader import utils

NOT_GRADED, REPAIRED, NOTE = "not graded", "repaired", "note"


@dataclass(frozen=True)
class Finding:
    """One problem in one submission: what happened, and what the instructor should do."""

    student: str
    assignment: str
    severity: str  # NOT_GRADED, REPAIRED or NOTE
    what: str
    action: str

    def line(self):
        """The finding as one report line."""
        return f"{self.student} · {self.assignment}: {self.what} ({self.severity}) → {self.action}"


def inspect(folder, release, student, assignment):
    """(notebook to grade or None, findings) for the submission in `folder`.

    Parameters
    ----------
    folder : Path
        ``submitted/<student>/<assignment>/``.
    release : Path
        The released notebook (``notebooks/<assignment>/<name>.ipynb``): the expected
        name and cells.
    """
    note = _Notes(student, assignment)
    path = _find_notebook(Path(folder), Path(release).name, note)
    if path is None:
        return None, note.findings
    notebook = _read(path, note)
    if notebook is None:
        return None, note.findings
    return repair(notebook, _release(str(release)), note), note.findings


@functools.lru_cache(maxsize=16)
def _release(path):
    """The released notebook (read once per process: a worker grades many of one assignment)."""
    return nbformat.read(path, as_version=4)


class _Notes:
    def __init__(self, student, assignment):
        self.student, self.assignment, self.findings = student, assignment, []

    def add(self, severity, what, action):
        self.findings.append(Finding(self.student, self.assignment, severity, what, action))


def _find_notebook(folder, name, note):
    expected = folder / name
    others = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and p != expected)
    if expected.is_file():
        if others:
            extra = ", ".join(p.name for p in others)
            what = f"other notebooks were submitted too ({extra})"
            note.add(NOTE, what, f"only {name} is graded")
        return expected
    if len(others) == 1:
        note.add(
            REPAIRED,
            f"renamed notebook: submitted as {others[0].name}, graded as {name}",
            f"nothing to do; ask the student to keep the name {name}",
        )
        return others[0]
    found = ", ".join(p.name for p in others) or "no notebook at all"
    note.add(
        NOT_GRADED,
        f"no notebook named {name} (found: {found})",
        f"rename the right notebook in {folder} to {name}, then run make grade again",
    )
    return None


def _read(path, note):
    text = path.read_bytes().decode("utf-8", "replace")
    try:
        json.loads(text)
        return nbformat.reads(text, as_version=4)
    except json.JSONDecodeError as error:
        what = (
            f"invalid JSON in {path.name} (line {error.lineno}, column {error.colno}: {error.msg})"
        )
    except Exception as error:  # valid JSON that is not a notebook nbformat can read
        what = f"{path.name} is not a notebook nbformat can read ({str(error)[:120]})"
    note.add(
        NOT_GRADED,
        what,
        "ask the student to open the notebook in JupyterLab, save it and submit again (or "
        "repair the file by hand), then run make grade again",
    )
    return None


# ------------------------------------------------------------------ cells


def repair(notebook, template, note):
    """`notebook` with the nbgrader cells of `template` present exactly once, in order.

    `template` is not changed (what comes from it is copied).
    """
    expected = {_grade_id(c): c for c in template.cells if _grade_id(c)}
    order = list(expected)
    last_copy = {}
    for index, cell in enumerate(notebook.cells):
        grade_id = _grade_id(cell)
        if grade_id in expected:
            last_copy[grade_id] = index
    cells = []
    for index, cell in enumerate(notebook.cells):
        grade_id = _grade_id(cell)
        if grade_id is None:
            cells.append(cell)
        elif grade_id not in expected:
            note.add(
                REPAIRED,
                f"unknown cell id {grade_id!r} (a renamed or copied cell?)",
                "nothing to do: it was graded as an ordinary cell",
            )
            cells.append(_plain(cell))
        elif index != last_copy[grade_id]:
            cells.append(_plain(cell))
        else:
            cells.append(_restore_metadata(cell, expected[grade_id], note))
    _report_duplicates(notebook, expected, note)
    cells = _put_back(cells, order, expected, note)
    _report_order(cells, note)
    repaired = copy.deepcopy(notebook)
    repaired.cells = _unique_ids(cells)
    return repaired


def _grade_id(cell):
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    if nbgrader.get("grade") or nbgrader.get("solution") or nbgrader.get("locked"):
        return nbgrader.get("grade_id")
    return None


def _kind(cell):
    if utils.is_grade(cell) and not utils.is_solution(cell):
        return "test cell"
    if utils.is_solution(cell):
        return "answer cell" if cell.cell_type == "code" else "written answer"
    return "locked cell"


def _plain(cell):
    cell = copy.deepcopy(cell)
    cell.metadata.pop("nbgrader", None)
    return cell


def _restore_metadata(cell, original, note):
    """The cell with the release's nbgrader metadata (type and lock as released)."""
    cell = copy.deepcopy(cell)
    grade_id = _grade_id(original)
    if cell.cell_type != original.cell_type:
        note.add(
            NOTE,
            f"{_kind(original)} {grade_id} was turned into a {cell.cell_type} cell",
            f"nothing to do: graded as a {original.cell_type} cell",
        )
    if (
        utils.is_locked(original)
        and cell.source != original.source
        and not utils.is_grade(original)
    ):
        note.add(NOTE, f"locked cell {grade_id} was edited", "nothing to do: graded as released")
    elif utils.is_grade(original) and not utils.is_solution(original):
        if cell.source != original.source:
            note.add(
                NOTE,
                f"test cell {grade_id} was edited",
                "nothing to do: graded with the original tests",
            )
    cell.metadata["nbgrader"] = copy.deepcopy(original.metadata["nbgrader"])
    return cell


def _report_duplicates(notebook, expected, note):
    counts = {}
    for cell in notebook.cells:
        grade_id = _grade_id(cell)
        if grade_id in expected:
            counts[grade_id] = counts.get(grade_id, 0) + 1
    for grade_id, count in counts.items():
        if count > 1:
            note.add(
                REPAIRED,
                f"{_kind(expected[grade_id])} {grade_id} appears {count} times",
                "nothing to do: the last copy was graded, the others as ordinary cells",
            )


def _put_back(cells, order, expected, note):
    """Insert the release's copy of every missing cell after its predecessor's position."""
    present = {_grade_id(c) for c in cells}
    for position, grade_id in enumerate(order):
        if grade_id in present:
            continue
        original = expected[grade_id]
        kind = _kind(original)
        note.add(
            REPAIRED,
            f"{kind} {grade_id} was deleted (or lost its nbgrader metadata)",
            _put_back_action(kind, grade_id),
        )
        before = [g for g in order[:position] if g in present]
        index = _index_of(cells, before[-1]) + 1 if before else 0
        cells.insert(index, copy.deepcopy(original))
        present.add(grade_id)
    return cells


def _put_back_action(kind, grade_id):
    if kind == "test cell":
        return "nothing to do: it was put back from the release and graded with the real tests"
    if kind == "answer cell":
        return (
            f"it was put back empty, so its test scores 0; if the student wrote {grade_id} "
            "in another cell, ask them to move it into the answer cell and submit again"
        )
    return "it was put back as released"


def _index_of(cells, grade_id):
    return next(i for i, c in enumerate(cells) if _grade_id(c) == grade_id)


def _report_order(cells, note):
    seen = set()
    for cell in cells:
        grade_id = _grade_id(cell)
        if grade_id and grade_id.startswith("test_") and grade_id[5:] not in seen:
            answer = grade_id[5:]
            if any(_grade_id(c) == answer for c in cells):
                note.add(
                    NOTE,
                    f"test cell {grade_id} comes before its answer cell {answer}",
                    "it fails as submitted; ask the student to restore the order",
                )
        seen.add(grade_id)


def _unique_ids(cells):
    """The cells with unique nbformat cell ids (copies share them; nbformat refuses that)."""
    seen = set()
    for cell in cells:
        if "id" in cell and cell["id"] in seen:
            cell["id"] = uuid.uuid4().hex[:8]
        seen.add(cell.get("id"))
    return cells
