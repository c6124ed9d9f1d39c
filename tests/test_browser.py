"""The course in a real browser: JupyterLab in headless Chromium runs each released notebook.

Every explorer must render, and moving one of its controls must redraw its figure. Errors
may appear only where the learner has not written code yet (NotImplementedError).
Needs Debian's chromium (/usr/bin/chromium) and the playwright package; skips, saying which
is missing, where they are not installed (`make test` installs both when it can).
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from convlab import course

from .course_helpers import REPO, selected_assignments
from .test_course import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free port serving a scratch copy of notebooks/."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright", reason="the playwright package is not installed")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    port, token = free_port(), "convlab-browser-test"
    # Render every cell (JupyterLab 4 skips cells outside the viewport by default).
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {
        **course.environment(REPO),
        "JUPYTER_TOKEN": token,
        "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
    }
    env.pop("NBGRADER_EXECUTION", None)
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "jupyter")
            if (REPO / ".venv" / "bin" / "jupyter").exists()
            else shutil.which("jupyter", path=env["PATH"]),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
            break
        except OSError:
            assert server.poll() is None, (root / "lab.log").read_text()
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(1)
    yield base, token, root
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


RAN = """() => {
    const prompts = [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
    return prompts.length > 0 && /\\[\\d+\\]/.test(prompts[0].textContent)
        && !prompts.some(p => p.textContent.includes('*'));
}"""


def run_all_cells(page):
    """Run all cells and wait until they have run (the first numbered, none queued).

    A release stops at the first NotImplementedError, so later cells stay unnumbered; the
    explorers come before the exercises. A click that lands before the kernel is ready runs
    nothing, so it is retried once.
    """
    for attempt in range(2):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click(timeout=30_000)
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(RAN, timeout=90_000)
            return
        except Exception:  # playwright's TimeoutError: try the menu once more
            if attempt:
                raise


def move_a_control(explorer):
    """Nudge the explorer's first slider, or toggle/select its first other control."""
    handle = explorer.query_selector(".noUi-handle")
    if handle:
        handle.focus()
        handle.press("ArrowRight")
        return "slider"
    toggle = explorer.query_selector("button.widget-toggle-button, .widget-toggle-buttons button")
    if toggle:
        toggle.click()
        return "toggle"
    checkbox = explorer.query_selector(".widget-checkbox input")
    if checkbox:
        checkbox.click()
        return "checkbox"
    raise AssertionError("explorer has no slider, toggle or checkbox to move")


@pytest.mark.parametrize("assignment", selected_assignments("notebooks"))
def test_released_notebook_runs_and_its_explorers_respond(lab, browser, assignment, tmp_path):
    """Open the release, run all cells: explorers render, a moved control redraws the figure."""
    base, token, root = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # a workspace of its own, reset: no tab of another test is restored beside this one
    page.goto(
        f"{base}/lab/workspaces/{assignment}/tree/notebooks/{assignment}/{assignment}.ipynb"
        f"?reset&token={token}"
    )
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    run_all_cells(page)
    page.wait_for_selector(".widget-vbox > .widget-image", timeout=60_000)
    explorers = page.query_selector_all(".widget-vbox:has(> .widget-image)")
    assert explorers, "no explorer rendered"
    for index, explorer in enumerate(explorers):
        explorer.scroll_into_view_if_needed()
        image = explorer.query_selector(":scope > .widget-image")
        before = image.get_attribute("src")
        kind = move_a_control(explorer)
        (
            page.wait_for_function(
                "([img, src]) => img.getAttribute('src') !== src",
                arg=[image, before],
                timeout=10_000,
            ),
            f"explorer {index}: moving its {kind} did not redraw the figure",
        )
    page.screenshot(path=str(tmp_path / f"{assignment}.png"), full_page=False)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [errors.nth(i).inner_text() for i in range(errors.count())]
    unexpected = [t for t in tracebacks if "Error" in t and "NotImplementedError" not in t]
    assert not unexpected, unexpected[0][:2000]
    page.close()
