"""The course in a real browser: JupyterLab 4 in headless Chromium, as people use it.

One JupyterLab server, serving a scratch copy of the course with nbgrader configured for
that copy (as `convlab lab` does), and one Chromium serve every test of this module. Each
released notebook is run as a learner first meets it; a solved copy runs with no error;
nbgrader's Validate button gives both verdicts; the formgrader lists the assignments. The
explorers' screenshots for docs/gallery/ are taken here (from the solved copies, where
every explorer renders), and docs/gallery.md is rewritten.
No page may fetch anything from another host than the loopback.

Needs Debian's chromium and the playwright package: `make test` installs both where it can
(root with apt-get); elsewhere every test here skips, saying which is missing.
"""

import shutil
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

from convlab import bench_explorers, course
from convlab import browser as lab_browser

from .course_helpers import REPO, selected_assignments

pytestmark = pytest.mark.slow

RELEASES = selected_assignments("notebooks")
# nbgrader's Validate runs the whole notebook on the server: one solved and one blank copy
# show both verdicts (tests/test_notebooks.py grades every notebook through nbgrader).
VALIDATED = RELEASES[:1]
SUCCESS = "Success! Your notebook passes all the tests."


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A scratch course: nbgrader config, releases, sources, and a solved copy of each."""
    root = tmp_path_factory.mktemp("course")
    (root / "autograde").mkdir()
    shutil.copy(REPO / "autograde" / "nbgrader_config.py", root / "autograde")
    for assignment in RELEASES:
        for folder in ("notebooks", "solutions"):
            if (REPO / folder / assignment).is_dir():
                shutil.copytree(REPO / folder / assignment, root / folder / assignment)
        if (root / "solutions" / assignment).is_dir():
            name, solved = course.make_submission(root, assignment, {}, base="solution")
            (root / "solved" / assignment).mkdir(parents=True)
            nbformat.write(solved, root / "solved" / assignment / name)
    return root


@pytest.fixture(scope="module")
def lab(course_copy):
    reason = lab_browser.unavailable()
    if reason:
        pytest.skip(reason)
    with lab_browser.Lab(course_copy) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    with lab_browser.Browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lab_page(lab, browser):
    """One page on JupyterLab for the whole module: the notebooks open in it in turn."""
    page = lab_browser.LabPage(browser, lab)
    yield page
    page.close()


@pytest.fixture(scope="module")
def explorers():
    """{name: function} of every explorer in convlab.widgets."""
    return bench_explorers.explorer_functions()


@contextmanager
def opened(lab_page, path):
    """The notebook open in the page; closed after (kernel shut down), whatever happened."""
    try:
        notebook = lab_page.open(path)
    except Exception as error:  # say what the server did, not only that the page timed out
        raise AssertionError(f"{path} did not open: {error}\n{lab_page.lab.log_tail()}") from error
    try:
        yield notebook
    finally:
        lab_page.dismiss_dialogs()
        notebook.close()


def notebook_path(root, folder, assignment):
    (path,) = sorted((Path(root) / folder / assignment).glob("*.ipynb"))
    return path


def first_answer_cell(notebook):
    """Index of the first cell where the learner writes code (nbgrader solution cell)."""
    return next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    )


@pytest.mark.parametrize("assignment", RELEASES)
def test_release_runs_its_explorers_render_and_respond(
    lab_page, explorers, course_copy, assignment
):
    """Run All on the release: every explorer renders, and moving a control redraws it.

    Errors may appear only where the learner has not written code yet: NotImplementedError,
    at or after the first answer cell. Validate (on the first assignment) lists the failing
    tests.
    """
    path = notebook_path(course_copy, "notebooks", assignment)
    notebook = nbformat.read(path, as_version=4)
    with opened(lab_page, path.relative_to(course_copy)) as page:
        page.run_all()
        first_answer = first_answer_cell(notebook)
        for index, text in page.errors():
            assert "NotImplementedError" in text and index >= first_answer, (
                f"cell {index} of the release: {text[-2000:]}"
            )
        cells = page.cells()
        unrun = [
            i for i in range(first_answer) if cells[i]["type"] == "code" and not cells[i]["count"]
        ]
        assert not unrun, f"cells {unrun} before the first exercise did not run"
        # the explorers of the cells that ran: a learner sees no further before answering
        calls = lab_browser.explorer_calls(notebook, explorers)
        check_explorers(page, [(i, name) for i, name in calls if cells[i]["count"]])
        if assignment in VALIDATED:
            verdict, text = page.validate()
            assert verdict == "validation-failed", f"Validate on the blank release: {text[:1000]}"
            assert "The following cell failed" in text and "NotImplementedError" in text
    assert not lab_page.external_requests, lab_page.external_requests


@pytest.mark.parametrize("assignment", RELEASES)
def test_solved_copy_runs_without_any_error_and_validates(
    lab_page, explorers, course_copy, assignment
):
    """The release with the solution's answers: every cell runs with no error at all.

    Every explorer renders (its screenshot goes to docs/gallery/) and redraws when moved.
    Validate (on the first assignment) says the notebook passes all the tests.
    """
    if not (course_copy / "solved" / assignment).is_dir():
        pytest.skip(f"{assignment} has no source in solutions/")
    path = notebook_path(course_copy, "solved", assignment)
    notebook = nbformat.read(path, as_version=4)
    with opened(lab_page, path.relative_to(course_copy)) as page:
        page.run_all()
        assert not page.errors(), page.errors()[0]
        cells = page.cells()
        unrun = [i for i, cell in enumerate(cells) if cell["type"] == "code" and not cell["count"]]
        assert not unrun, f"cells {unrun} did not run"
        check_explorers(page, lab_browser.explorer_calls(notebook, explorers), assignment)
        if assignment in VALIDATED:
            verdict, text = page.validate()
            assert verdict == "validation-success" and SUCCESS in text, text[:2000]
    write_gallery(explorers)
    assert not lab_page.external_requests, lab_page.external_requests


def check_explorers(page, calls, screenshots_of=None):
    """The explorers of `calls` render; each redraws when a control moves.

    With `screenshots_of` (an assignment), each is first saved to docs/gallery/, as shown.
    """
    page.wait_for_explorers(len(calls))
    shown = page.explorers()
    assert len(shown) == len(calls), f"explorer calls {calls}, {len(shown)} explorers shown"
    for n, (explorer, (_, name)) in enumerate(zip(shown, calls), 1):
        explorer.scroll_into_view_if_needed()
        if screenshots_of:
            lab_browser.save_screenshot(
                explorer.screenshot(), lab_browser.screenshot_path(REPO, screenshots_of, n)
            )
        before = lab_browser.image_source(explorer)
        moved = next(
            (kind for c in lab_browser.controls(explorer) if (kind := lab_browser.move_control(c))),
            None,
        )
        assert moved, f"explorer {n} ({name}) has no control the browser can move"
        try:
            lab_browser.wait_for_new_image(page.page, explorer, before)
        except Exception as error:
            raise AssertionError(
                f"explorer {n} ({name}): moving its {moved} did not redraw the figure"
            ) from error


def test_formgrader_lists_the_assignments(lab, browser):
    """The instructor's formgrader (in the lab server) lists every assignment of the course."""
    page = browser.chromium.new_page(viewport={"width": 1400, "height": 1000})
    external = []
    page.route("**/*", lambda route: lab_browser.only_loopback(route, external))
    page.goto(lab.url("formgrader"))
    names = page.locator("table tbody tr td:first-child")
    page.wait_for_function(
        "(count) => document.querySelectorAll('table tbody tr td:first-child a').length >= count",
        arg=len(RELEASES),
        timeout=60_000,
    )
    listed = [names.nth(i).inner_text().strip() for i in range(names.count())]
    assert set(RELEASES) <= set(listed), listed
    assert not external, external
    page.close()


def write_gallery(explorers):
    """docs/gallery.md from the releases (every explorer, whichever tests ran); the
    screenshots of explorers no release shows any more are removed."""
    path = REPO / "docs" / "gallery.md"
    text = lab_browser.gallery_page(REPO, explorers)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    shown = {
        lab_browser.screenshot_path(REPO, a, n)
        for a, n, _, _ in lab_browser.gallery_entries(REPO, explorers)
    }
    for stale in set((REPO / "docs" / "gallery").glob("[0-9][0-9]-*.png")) - shown:
        stale.unlink()
