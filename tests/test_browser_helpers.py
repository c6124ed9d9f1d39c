"""The parts of convlab.browser that need no browser: explorer calls, gallery, screenshots."""

import io

import nbformat
import numpy as np
from PIL import Image

from convlab import browser as lab_browser

NAMES = {"slide_1d", "window_2d"}


def notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_explorer_calls_are_found_in_order_bare_or_qualified_magics_skipped():
    book = notebook(
        "%matplotlib inline\nimport convlab as cl",
        "widgets.window_2d()",
        "x = 1  # widgets.slide_1d() in a comment is no call",
        "view = cl.widgets.slide_1d(signal=[1, 2])\ndisplay(view, window_2d())",
        "widgets.helper()",
        "def broken(:",
    )
    assert lab_browser.explorer_calls(book, NAMES) == [
        (1, "window_2d"),
        (3, "slide_1d"),
        (3, "window_2d"),
    ]


def test_gallery_lists_every_explorer_of_every_release_under_its_notebook(tmp_path):
    for assignment, source in [("01-a", "widgets.slide_1d()"), ("02-b", "widgets.window_2d()")]:
        folder = tmp_path / "notebooks" / assignment
        folder.mkdir(parents=True)
        book = notebook(source, "widgets.slide_1d()")
        book.cells.insert(0, nbformat.v4.new_markdown_cell(f"# Title of {assignment}\n\ntext"))
        nbformat.write(book, folder / f"{assignment}.ipynb")

    def slide_1d():
        """Slide a kernel.

        More."""

    def window_2d():
        """Step a window."""

    explorers = {"slide_1d": slide_1d, "window_2d": window_2d}
    entries = lab_browser.gallery_entries(tmp_path, explorers)
    assert [(a, n, name) for a, n, name, _ in entries] == [
        ("01-a", 1, "slide_1d"),
        ("01-a", 2, "slide_1d"),
        ("02-b", 1, "window_2d"),
        ("02-b", 2, "slide_1d"),
    ]
    page = lab_browser.gallery_page(tmp_path, explorers)
    assert "## [Title of 01-a](../notebooks/01-a)" in page
    assert "**02-b, explorer 1: `widgets.window_2d()`** — Step a window." in page
    assert "](gallery/02-b-2.png)" in page


def png(array):
    buffer = io.BytesIO()
    Image.fromarray(array.astype(np.uint8)).save(buffer, format="png")
    return buffer.getvalue()


def test_a_screenshot_a_pixel_off_keeps_the_committed_file(tmp_path):
    picture = np.full((60, 80, 3), 255)
    picture[20:30, 10:50] = (200, 60, 30)
    path = tmp_path / "shot.png"
    assert lab_browser.save_screenshot(png(picture), path)
    first = path.read_bytes()
    shifted = np.roll(picture, 1, axis=0)
    assert not lab_browser.save_screenshot(png(shifted), path)
    assert path.read_bytes() == first
    changed = picture.copy()
    changed[40:55, 10:70] = 0
    assert lab_browser.save_screenshot(png(changed), path)
    assert path.read_bytes() != first


def test_unavailable_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(lab_browser, "chromium", lambda: None)
    assert "apt-get install chromium" in lab_browser.unavailable()
