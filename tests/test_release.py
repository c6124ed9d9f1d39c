"""notebooks/ is what `convlab release` makes from solutions/, and the sources are well formed."""

import filecmp
import json
import re

import nbformat
import pytest

from convlab import course

from .course_helpers import ASSIGNMENTS, REPO, scratch_course, selected_assignments

SOURCES = {a: REPO / "solutions" / a / f"{a}.ipynb" for a in ASSIGNMENTS}
RELEASES = {a: REPO / "notebooks" / a / f"{a}.ipynb" for a in ASSIGNMENTS}
NBGRADER_KEYS = {"schema_version", "grade", "solution", "locked", "grade_id", "points", "task"}


def nbgrader_cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [
        (cell, cell.metadata["nbgrader"]) for cell in notebook.cells if "nbgrader" in cell.metadata
    ]


@pytest.mark.slow
def test_notebooks_equal_a_fresh_release(tmp_path):
    """Is every file in notebooks/ byte-identical to what `convlab release` makes now?"""
    root = scratch_course(tmp_path / "course")
    course.release(root)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    for assignment in ASSIGNMENTS:
        walk(
            filecmp.dircmp(
                REPO / "notebooks" / assignment,
                root / "notebooks" / assignment,
                ignore=[".ipynb_checkpoints"],
            ),
            f"notebooks/{assignment}/",
        )
    # dircmp compares shallowly (size and mtime); compare the notebooks byte by byte too.
    for assignment in ASSIGNMENTS:
        fresh = root / "notebooks" / assignment / f"{assignment}.ipynb"
        if fresh.read_bytes() != RELEASES[assignment].read_bytes():
            differing.append(str(RELEASES[assignment].relative_to(REPO)))
    assert not differing, f"run `make release`: notebooks/ is out of date: {sorted(set(differing))}"


def test_every_source_has_a_release_and_nothing_else_is_released():
    """Is there one released notebook per source notebook, and no stale release?"""
    assert selected_assignments("notebooks") == ASSIGNMENTS
    assert ASSIGNMENTS, "no assignment in solutions/"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_stored_notebooks_carry_no_outputs(assignment):
    """Are the source and the release stored without outputs or execution counts?"""
    for path in (SOURCES[assignment], RELEASES[assignment]):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, (
                    f"{path}: {cell.source[:60]}"
                )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_cells_follow_the_anatomy(assignment):
    """Answer cells hold a solution; test cells open with a docstring and hide tests; ids unique."""
    cells = nbgrader_cells(SOURCES[assignment])
    ids = [meta["grade_id"] for _, meta in cells]
    assert len(ids) == len(set(ids)), "duplicate grade_id"
    assert cells[0][1]["grade_id"] == "setup" and cells[0][1]["locked"], (
        "first nbgrader cell: locked setup"
    )
    for cell, meta in cells:
        assert set(meta) <= NBGRADER_KEYS and meta["schema_version"] == 3, meta
        if cell.cell_type != "code":
            continue
        if meta["solution"]:
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, meta
        if meta["grade"]:
            assert meta["locked"] and meta["points"] > 0, meta
            assert re.match(r'\s*"""', cell.source), (
                f"{meta['grade_id']}: starts without a docstring"
            )
            assert "### BEGIN HIDDEN TESTS" in cell.source, f"{meta['grade_id']}: no hidden tests"
            assert "checks." in cell.source.split("### BEGIN HIDDEN TESTS")[0], "no visible checks"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_holds_no_solution_and_no_hidden_test(assignment):
    """Has nbgrader stripped every solution and hidden test from the release?"""
    text = RELEASES[assignment].read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    hidden_block = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)
    cells = [cell.source for cell in nbformat.read(SOURCES[assignment], as_version=4).cells]
    visible = "\n".join(hidden_block.sub("", source) for source in cells)
    for source in cells:
        for block in hidden_block.findall(source):
            for line in filter(None, (line.strip() for line in block.splitlines()[1:-1])):
                if len(line) > 25 and line not in visible:  # specific to the hidden test
                    assert json.dumps(line)[1:-1] not in text, f"hidden line leaked: {line}"
