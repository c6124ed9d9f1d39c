"""The explorer gallery (docs/gallery.md): every explorer of every release, screenshot shown.

The screenshots are taken by the browser test (tests/test_browser.py), which also writes
the page; a notebook whose explorer has no screenshot fails here until that test has run
and its PNG is committed.
"""

import pytest

from convlab import bench_explorers
from convlab import browser as lab_browser

from .course_helpers import REPO, selected_assignments

EXPLORERS = bench_explorers.explorer_functions()
PAGE = REPO / "docs" / "gallery.md"
HOW = "run `pytest tests/test_browser.py --assignment {}` and commit docs/gallery*"


@pytest.mark.parametrize("assignment", selected_assignments("notebooks"))
def test_every_explorer_of_the_release_has_its_screenshot_in_the_gallery(assignment):
    entries = [e for e in lab_browser.gallery_entries(REPO, EXPLORERS) if e[0] == assignment]
    page = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    for _, n, name, _ in entries:
        path = lab_browser.screenshot_path(REPO, assignment, n)
        assert path.exists(), f"no screenshot {path.name}: {HOW.format(assignment)}"
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < 100_000, f"{path.name}: not a small PNG"
        assert f"](gallery/{path.name})" in page, f"{path.name} not shown: {HOW.format(assignment)}"
        assert f"{assignment}, explorer {n}: `widgets.{name}()`" in page, "caption missing"


def test_the_gallery_shows_no_explorer_the_releases_do_not_have():
    expected = {
        lab_browser.screenshot_path(REPO, a, n).name
        for a, n, _, _ in lab_browser.gallery_entries(REPO, EXPLORERS)
    }
    shown = {path.name for path in (REPO / "docs" / "gallery").glob("*.png")}
    assert shown <= expected, f"stale screenshots: {sorted(shown - expected)}"


def test_the_readme_links_the_gallery():
    assert "(docs/gallery.md)" in (REPO / "README.md").read_text(encoding="utf-8")
