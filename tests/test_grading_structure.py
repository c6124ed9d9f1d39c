"""Structure damage (convlab.grading.structure): found, repaired where safe, reported."""

import copy

import nbformat
import pytest

from convlab import course
from convlab.grading import structure

from .course_helpers import ASSIGNMENTS, REPO

ASSIGNMENT = ASSIGNMENTS[0]
RELEASE = REPO / "notebooks" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


def grade_ids(notebook):
    return [structure._grade_id(c) for c in notebook.cells if structure._grade_id(c)]


def submitted(tmp_path, notebook, name=RELEASE.name):
    folder = tmp_path / "alice" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / name)
    return folder


def inspect(folder):
    return structure.inspect(folder, RELEASE, "alice", ASSIGNMENT)


@pytest.fixture
def solved():
    return course.make_submission(REPO, ASSIGNMENT, {}, base="solution")[1]


def test_an_intact_submission_has_no_findings(tmp_path, solved):
    """Is a solved release graded as it is, without a finding?"""
    notebook, findings = inspect(submitted(tmp_path, solved))
    assert findings == [] and grade_ids(notebook) == grade_ids(solved)


def test_a_deleted_test_cell_is_put_back_where_it_was(tmp_path, solved):
    """Is a deleted test cell put back after the cell before it, and reported?"""
    order = grade_ids(solved)
    test = next(g for g in order if g.startswith("test_"))
    solved.cells = [c for c in solved.cells if structure._grade_id(c) != test]
    notebook, findings = inspect(submitted(tmp_path, solved))
    assert grade_ids(notebook) == order
    assert [f.severity for f in findings] == [structure.REPAIRED]
    assert f"test cell {test} was deleted" in findings[0].line()


def test_a_duplicated_cell_is_graded_once_the_last_copy(tmp_path, solved):
    """With two cells of one grade id, is the last graded and the first made ordinary?"""
    test = next(g for g in grade_ids(solved) if g.startswith("test_"))
    (cell,) = [c for c in solved.cells if structure._grade_id(c) == test]
    twin = copy.deepcopy(cell)
    twin.source += "\n# the copy"
    twin["id"] = "the-copy"
    solved.cells.insert(solved.cells.index(cell), twin)
    notebook, findings = inspect(submitted(tmp_path, solved))
    assert grade_ids(notebook).count(test) == 1
    assert any("appears 2 times" in f.what for f in findings)
    assert sum("# the copy" in c.source for c in notebook.cells) == 1  # kept, ungraded


def test_an_unknown_grade_id_becomes_an_ordinary_cell(tmp_path, solved):
    """A renamed test cell: is it kept as an ordinary cell and the original put back?"""
    test = next(g for g in grade_ids(solved) if g.startswith("test_"))
    (cell,) = [c for c in solved.cells if structure._grade_id(c) == test]
    cell.metadata.nbgrader["grade_id"] = "test_mine"
    notebook, findings = inspect(submitted(tmp_path, solved))
    assert "test_mine" not in grade_ids(notebook) and test in grade_ids(notebook)
    assert {"unknown cell id 'test_mine' (a renamed or copied cell?)"} <= {f.what for f in findings}


def test_a_renamed_notebook_is_graded_under_its_name(tmp_path, solved):
    """One notebook, another name: graded all the same, and reported?"""
    notebook, findings = inspect(submitted(tmp_path, solved, name="final.ipynb"))
    assert notebook is not None and "renamed notebook" in findings[0].what


def test_invalid_json_is_not_graded_and_says_where(tmp_path):
    """A truncated file: no notebook to grade, and the line and column in the report?"""
    folder = tmp_path / "alice" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / RELEASE.name).write_text(RELEASE.read_text()[:500])
    notebook, findings = inspect(folder)
    assert notebook is None
    assert findings[0].severity == structure.NOT_GRADED and "line" in findings[0].what


def test_two_strange_notebooks_are_not_guessed_between(tmp_path, solved):
    """Two notebooks, neither with the right name: nothing graded, both named?"""
    folder = submitted(tmp_path, solved, name="a.ipynb")
    nbformat.write(solved, folder / "b.ipynb")
    notebook, findings = inspect(folder)
    assert notebook is None and "a.ipynb, b.ipynb" in findings[0].what


def test_edited_test_cells_and_metadata_are_restored(tmp_path, solved):
    """An edited test cell and changed points: release metadata back, and a note?"""
    test = next(g for g in grade_ids(solved) if g.startswith("test_"))
    (cell,) = [c for c in solved.cells if structure._grade_id(c) == test]
    cell.source = "pass"
    cell.metadata.nbgrader["points"] = 100
    notebook, findings = inspect(submitted(tmp_path, solved))
    (repaired,) = [c for c in notebook.cells if structure._grade_id(c) == test]
    release = nbformat.read(RELEASE, as_version=4)
    (original,) = [c for c in release.cells if structure._grade_id(c) == test]
    assert repaired.metadata.nbgrader == original.metadata.nbgrader
    assert [f.severity for f in findings] == [structure.NOTE]
