"""JupyterLab in headless Chromium: the course as learners and instructors use it.

The browser tests (tests/test_browser.py) and ``convlab bench --explorers`` drive it. It
starts JupyterLab on a free loopback port for a course folder, with nbgrader's extensions
configured as ``convlab lab`` does; opens one page on a fresh workspace, where notebooks
open in turn; runs each through JupyterLab's own command once its kernel is connected and
idle; and reads cells, errors and explorers from the page. It needs Debian's ``chromium``
and the ``playwright`` package (the test extra) and never downloads a browser;
:func:`unavailable` says which is missing.

Why the kernel wait matters: the notebook's status bar reads "idle" before its kernel has
even started, and a Run All issued then runs nothing. The page therefore asks JupyterLab
itself (``window.jupyterapp``, exposed for this server only) for the kernel's connection
and status, and awaits the Run All command's own promise.

Every request the page makes to a host other than this machine's loopback is refused and
recorded (:attr:`LabPage.external_requests`): the course must work offline.
"""

import ast
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat

from . import course

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

# JupyterLab settings for a test server: every cell rendered (JupyterLab 4 skips those
# outside the viewport by default), no news or update checks (nothing fetched, no toast).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
}


def chromium():
    """The path of Debian's chromium, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def unavailable():
    """Why the browser cannot run here (a sentence), or None when it can."""
    if chromium() is None:
        return "Chromium is not installed (Debian: apt-get install chromium; `make test` does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def free_port():
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """A JupyterLab server serving `root` on a free loopback port, for tests and benchmarks.

    nbgrader reads the course configuration of `course_root` (default `root`), as under
    ``convlab lab``; JupyterLab's settings and workspaces live in a scratch folder, so no
    state of an earlier run (or of the user's own JupyterLab) is restored.

    Use as a context manager; :meth:`url` builds authenticated URLs.
    """

    def __init__(self, root, course_root=None, token="convlab-browser"):
        self.root, self.token = Path(root), token
        self.course_root = Path(course_root or root)
        self.port, self.process, self.state, self.log_text = None, None, None, ""

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=120):
        self.state = state = Path(tempfile.mkdtemp(prefix="convlab-lab-"))
        for name, text in LAB_SETTINGS.items():
            (state / "settings" / name).parent.mkdir(parents=True, exist_ok=True)
            (state / "settings" / name).write_text(text)
        env = {
            **course.environment(self.course_root),
            "JUPYTER_TOKEN": self.token,
            "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        }
        env.pop("NBGRADER_EXECUTION", None)  # the explorers are live, as for a learner
        self.port = free_port()
        jupyter = Path(sys.executable).parent / "jupyter"
        with open(state / "lab.log", "w") as log:
            self.process = subprocess.Popen(
                [
                    str(jupyter) if jupyter.exists() else "jupyter",
                    "lab",
                    "--no-browser",
                    f"--port={self.port}",
                    "--ServerApp.ip=127.0.0.1",
                    "--ServerApp.port_retries=0",
                    f"--ServerApp.root_dir={self.root}",
                    "--LabApp.expose_app_in_browser=True",
                    "--LabApp.news_url=",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                    *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(self.url("api/status"), timeout=5)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not start:\n{self.log_tail()}") from None
                time.sleep(0.5)

    def stop(self):
        """Stop the server and its kernels; keep its log (:meth:`log_tail`), drop the rest."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.state is not None:
            self.log_text = self.log_tail(chars=None)
            shutil.rmtree(self.state, ignore_errors=True)
            self.state = None

    def url(self, path="lab", **query):
        query = urllib.parse.urlencode({**query, "token": self.token})
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?{query}"

    def log_tail(self, chars=3000):
        """The end of the server's log (all of it with ``chars=None``)."""
        log = self.state / "lab.log" if self.state is not None else None
        text = log.read_text(errors="replace") if log and log.exists() else self.log_text
        return text[-chars:] if chars else text


def only_loopback(route, refused):
    """Let a page's request through to the loopback only; list the others in `refused`."""
    url = urllib.parse.urlsplit(route.request.url)
    if url.scheme in ("http", "https", "ws", "wss") and (url.hostname or "") not in LOOPBACK:
        refused.append(route.request.url)
        route.abort()
    else:
        route.continue_()


class Browser:
    """Headless Chromium (Debian's, never a downloaded one) through playwright's sync API."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.chromium = self._playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_FLAGS
        )
        return self

    def __exit__(self, *exc):
        self.chromium.close()
        self._playwright.stop()


# ------------------------------------------------------------------ one notebook in a page

PANEL = """(path) => {
    const app = window.jupyterapp;
    if (!app || !app.shell) return null;
    return [...app.shell.widgets('main')].find(w => w.context && w.context.path === path)
        || null;
}"""

KERNEL_READY = f"""(path) => {{
    const panel = ({PANEL})(path);
    if (!panel || !panel.context.isReady || !panel.sessionContext.isReady) return false;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}}"""

RUN_ALL = f"""(path) => {{
    const app = window.jupyterapp, panel = ({PANEL})(path);
    app.shell.activateById(panel.id);
    window.convlabRun = null;
    app.commands.execute('notebook:run-all-cells').then(
        ok => {{ window.convlabRun = {{ok}}; }},
        error => {{ window.convlabRun = {{error: String(error)}}; }});
}}"""

CELLS = f"""(path) => ({PANEL})(path).content.widgets.map(cell => {{
    const model = cell.model;
    if (model.type !== 'code') return {{type: model.type}};
    return {{
        type: 'code',
        count: model.executionCount,
        outputs: model.outputs.toJSON().map(o => ({{
            type: o.output_type, name: o.name || null, ename: o.ename || null,
            evalue: o.evalue || null,
            text: o.output_type === 'stream' ? String(o.text).slice(0, 4000) : null,
            traceback: o.traceback ? o.traceback.join('\\n').slice(-4000) : null,
            mimes: o.data ? Object.keys(o.data) : [],
        }})),
    }};
}})"""


OPEN = """async (path) => {
    const app = window.jupyterapp;
    const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    app.shell.activateById(panel.id);
    return panel.id;
}"""

CLOSE = f"""async (path) => {{
    const panel = ({PANEL})(path);
    if (!panel) return;
    await panel.sessionContext.shutdown();
    panel.dispose();
}}"""


class LabPage:
    """One browser page on JupyterLab, in a fresh workspace; notebooks open in it in turn.

    Requests to other hosts than the loopback are refused and listed in
    :attr:`external_requests`.
    """

    def __init__(self, browser, lab, viewport=(1400, 1000), timeout=120):
        self.lab, self.external_requests = lab, []
        self.page = browser.chromium.new_page(
            viewport={"width": viewport[0], "height": viewport[1]}
        )
        self.page.route("**/*", lambda route: only_loopback(route, self.external_requests))
        self.page.goto(lab.url("lab/workspaces/convlab-test", reset=""))
        # every plugin active (the widget manager's among them) before a notebook opens
        self.page.wait_for_function("() => window.jupyterapp", timeout=timeout * 1000)
        self.page.evaluate(
            "() => { window.jupyterapp.restored.then(() => { window.convlabRestored = true; }); }"
        )
        self.page.wait_for_function("() => window.convlabRestored", timeout=timeout * 1000)

    def open(self, path, timeout=120):
        """Open a notebook (path relative to the server root); wait for its kernel."""
        return Notebook(self, path, timeout)

    def dismiss_dialogs(self):
        """Close any dialog left open (say, by a test that failed half-way)."""
        for _ in range(5):
            if not self.page.locator(".jp-Dialog").count():
                return
            self.page.keyboard.press("Escape")
            self.page.wait_for_timeout(200)

    def close(self):
        self.page.close()


class Notebook:
    """A notebook open in a :class:`LabPage`, its kernel connected and idle."""

    def __init__(self, lab_page, path, timeout=120):
        self.lab_page, self.page, self.path = lab_page, lab_page.page, str(path)
        self.panel_id = self.page.evaluate(OPEN, self.path)
        self.scope = f"#{self.panel_id}"
        self.wait_for_kernel(timeout)

    def wait_for_kernel(self, timeout=120):
        """Until JupyterLab says the kernel is connected and idle (not the status bar's word)."""
        self.page.wait_for_function(
            KERNEL_READY, arg=self.path, timeout=timeout * 1000, polling=200
        )

    def close(self):
        """Shut the kernel down and close the notebook without saving."""
        self.page.evaluate(CLOSE, self.path)

    def run_all(self, timeout=180):
        """Run all cells with JupyterLab's command; wait for it and for the kernel to idle."""
        self.page.evaluate(RUN_ALL, self.path)
        self.page.wait_for_function("() => window.convlabRun", timeout=timeout * 1000, polling=200)
        outcome = self.page.evaluate("() => window.convlabRun")
        if "error" in outcome:
            raise RuntimeError(f"Run All failed in JupyterLab: {outcome['error']}")
        self.wait_for_kernel(timeout)

    def cells(self):
        """Every cell: its type; for code cells the execution count and the outputs."""
        return self.page.evaluate(CELLS, self.path)

    def errors(self):
        """[(cell index, 'ename: evalue' or the stderr text)] of error outputs and stderr."""
        found = []
        for index, cell in enumerate(self.cells()):
            for output in cell.get("outputs", []):
                if output["type"] == "error":
                    found.append((index, f"{output['ename']}: {output['evalue']}"))
                elif output["type"] == "stream" and output["name"] == "stderr":
                    found.append((index, output["text"]))
        return found

    def explorers(self):
        """The explorers of this notebook, in notebook order (playwright locators)."""
        explorers = self.page.locator(f"{self.scope} .convlab-explorer")
        return [explorers.nth(i) for i in range(explorers.count())]

    def wait_for_explorers(self, count, timeout=60):
        """Wait until `count` explorers show a loaded image; say what the page shows if not."""
        script = """([scope, count]) => {
            const shown = [...document.querySelectorAll(
                scope + ' .convlab-explorer > img.widget-image')];
            return shown.length >= count
                && shown.every(img => img.getAttribute('src') && img.complete
                                      && img.naturalWidth > 0);
        }"""
        try:
            self.page.wait_for_function(script, arg=[self.scope, count], timeout=timeout * 1000)
        except Exception as error:  # playwright's TimeoutError: report what is there instead
            raise AssertionError(
                f"{len(self.explorers())} of {count} explorers rendered; widget outputs read: "
                f"{self.widget_output_texts()}"
            ) from error

    def widget_output_texts(self):
        """The text of every widget output area (e.g. 'Error displaying widget...')."""
        return self.page.evaluate(
            """(scope) => [...document.querySelectorAll(scope + ' .jp-OutputArea-output'
                + '[data-mime-type="application/vnd.jupyter.widget-view+json"]'
            )].map(o => o.innerText.slice(0, 300))""",
            self.scope,
        )

    def validate(self, timeout=180):
        """Click nbgrader's Validate button; return (verdict class, dialog text) and close it.

        The verdict class is nbgrader's: 'validation-success', 'validation-failed',
        'validation-changed', 'validation-type-changed' or '' (an error message).
        """
        self.page.locator(f"{self.scope} .validate-button").first.click()
        message = self.page.locator("#validation-message")
        message.wait_for(timeout=timeout * 1000)
        classes = (message.get_attribute("class") or "").split()
        verdict = next((c for c in classes if c.startswith("validation-")), "")
        text = message.inner_text()
        self.page.locator(".jp-Dialog .jp-mod-accept").first.click()
        message.wait_for(state="detached", timeout=30_000)
        return verdict, text


# ------------------------------------------------------------------ controls and images


def move_control(control, back=False):
    """Change one control from the browser, as a learner would; its kind, or None if fixed.

    Sliders move one step with the keyboard, dropdowns and toggle buttons pick the next
    option (`back`: the step or option before; either turns round at the end), check
    boxes flip. Moving forth then back leaves the explorer as it was.
    """
    handle = control.locator(".noUi-handle")
    if handle.count():
        handle = handle.first
        low, now, high = (
            float(handle.get_attribute(f"aria-value{a}") or 0) for a in ("min", "now", "max")
        )
        if low == high:
            return None
        down = (back and now > low) or now >= high
        handle.focus()
        handle.press("ArrowLeft" if down else "ArrowRight")
        return "slider"
    select = control.locator("select")
    if select.count():
        values = select.first.evaluate("s => [...s.options].map(o => o.value)")
        if len(values) < 2:
            return None
        index = values.index(select.first.input_value())
        select.first.select_option(values[(index + (-1 if back else 1)) % len(values)])
        return "dropdown"
    if control.evaluate("e => e.tagName") == "BUTTON":  # a single toggle button
        control.click()
        return "toggle"
    buttons = control.locator("button")
    if buttons.count() > 1:
        active = control.evaluate(
            "e => [...e.querySelectorAll('button')].findIndex(b => b.classList.contains("
            "'mod-active'))"
        )
        buttons.nth((active + (-1 if back else 1)) % buttons.count()).click()
        return "toggle"
    checkbox = control.locator("input[type=checkbox], input[type=radio]:not(:checked)")
    if checkbox.count():
        checkbox.first.click()
        return "checkbox"
    return None


def controls(explorer):
    """The control elements of an explorer, in the order of ``Explorer.controls``."""
    found = explorer.locator(":scope > .convlab-controls > *")
    return [found.nth(i) for i in range(found.count())]


def image_source(explorer):
    return explorer.locator(":scope > img.widget-image").get_attribute("src")


def wait_for_new_image(page, explorer, before, timeout=15):
    """Wait until the explorer's image is another one than `before`, loaded."""
    page.wait_for_function(
        """([explorer, before]) => {
            const img = explorer.querySelector(':scope > img.widget-image');
            return img.getAttribute('src') !== before && img.complete && img.naturalWidth > 0;
        }""",
        arg=[explorer.element_handle(), before],
        timeout=timeout * 1000,
    )


ARM_TIMER = """(explorer) => {
    const img = explorer.querySelector(':scope > img.widget-image');
    const state = {before: img.getAttribute('src'), t0: null, t1: null};
    const events = ['keydown', 'mousedown', 'input', 'change', 'click'];
    const start = () => { if (state.t0 === null) state.t0 = performance.now(); };
    events.forEach(e => explorer.addEventListener(e, start, true));
    const observer = new MutationObserver(() => {
        if (img.getAttribute('src') === state.before) return;
        observer.disconnect();
        events.forEach(e => explorer.removeEventListener(e, start, true));
        img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
            state.t1 = performance.now();
        }));
    });
    observer.observe(img, {attributes: true, attributeFilter: ['src']});
    window.convlabTiming = state;
}"""


def round_trip(page, explorer, control, back=False, timeout=15):
    """Seconds from moving `control` in the page to the explorer's new image shown, or None."""
    explorer.evaluate(ARM_TIMER)
    if move_control(control, back) is None:
        return None
    page.wait_for_function(
        "() => window.convlabTiming.t1 !== null && window.convlabTiming.t0 !== null",
        timeout=timeout * 1000,
    )
    state = page.evaluate("() => window.convlabTiming")
    return (state["t1"] - state["t0"]) / 1000


def time_round_trips(root, explorers, moves=6):
    """{(explorer, control): [seconds per move]}, every explorer shown in one notebook.

    `explorers` maps names to the functions of :mod:`convlab.widgets` that make them.

    The notebook lives in a scratch folder; nbgrader is configured from the course `root`.
    """
    times = {}
    with tempfile.TemporaryDirectory(prefix="convlab-bench-") as scratch:
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [nbformat.v4.new_code_cell("from convlab import widgets")] + [
            nbformat.v4.new_code_cell(f"widgets.{name}()") for name in explorers
        ]
        nbformat.write(notebook, Path(scratch) / "explorers.ipynb")
        with Lab(scratch, course_root=root) as lab, Browser() as browser:
            lab_page = LabPage(browser, lab)
            notebook = lab_page.open("explorers.ipynb")
            notebook.run_all()
            notebook.wait_for_explorers(len(explorers))
            for name, explorer in zip(explorers, notebook.explorers()):
                explorer.scroll_into_view_if_needed()
                for control_name, control in zip(
                    _control_names(explorers[name]), controls(explorer)
                ):
                    spent = [
                        round_trip(lab_page.page, explorer, control, back=i % 2 == 1)
                        for i in range(moves)
                    ]
                    times[(name, control_name)] = [s for s in spent if s is not None]
            notebook.close()
            lab_page.close()
    return times


def _control_names(function):
    from .bench_explorers import live

    with live():
        explorer = function()
        names = list(explorer.controls)
        explorer.close()
    return names


# ------------------------------------------------------------------ the gallery


def explorer_calls(notebook, names):
    """[(cell index, function name)] of the explorer calls in a notebook, in order.

    A call counts when it names one of `names`, bare or as an attribute
    (``widgets.slide_1d()``, ``cl.widgets.slide_1d()``). IPython magics are skipped.
    """
    calls = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.split("\n")
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name in names:
                    found.append((node.lineno, node.col_offset, name))
        calls += [(index, name) for _, _, name in sorted(found)]
    return calls


def gallery_entries(root, names):
    """[(assignment, n, function name, title)] of every explorer of every released notebook."""
    entries = []
    for assignment in course.assignments(root, "notebooks"):
        (path,) = sorted((Path(root) / "notebooks" / assignment).glob("*.ipynb"))
        notebook = nbformat.read(path, as_version=4)
        title = _title(notebook) or assignment
        for n, (_, name) in enumerate(explorer_calls(notebook, names), 1):
            entries.append((assignment, n, name, title))
    return entries


def screenshot_path(root, assignment, n):
    return Path(root) / "docs" / "gallery" / f"{assignment}-{n}.png"


def gallery_page(root, explorers):
    """The markdown of docs/gallery.md: every explorer's screenshot with its caption."""
    lines = [
        "# Explorer gallery",
        "",
        "Every explorer of the released notebooks, as a learner sees it after *Run All*. The",
        "browser test (`tests/test_browser.py`, run by `make test`) takes these screenshots in",
        "JupyterLab in headless Chromium and writes this page; commit both when they change.",
    ]
    heading = None
    for assignment, n, name, title in gallery_entries(root, explorers):
        if title != heading:
            heading = title
            lines += ["", f"## [{title}](../notebooks/{assignment})"]
        doc = (explorers[name].__doc__ or "").strip().split("\n")[0]
        lines += [
            "",
            f"**{assignment}, explorer {n}: `widgets.{name}()`** — {doc}",
            "",
            f"![{assignment}, explorer {n}: widgets.{name}()](gallery/{assignment}-{n}.png)",
        ]
    return "\n".join(lines) + "\n"


def save_screenshot(png_bytes, path, colours=128):
    """Write a screenshot, reduced to `colours`, unless the file already shows the same.

    A screenshot that differs from the committed one only by antialiasing, by a pixel of
    offset (the element's box falls between pixels differently) or in under 1% of its
    pixels (a measured time in a message) keeps the committed file, so a test run leaves
    git clean. Returns True when the file was (re)written.
    """
    from PIL import Image

    shot = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    small = shot.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = Path(path)
    if path.exists() and _same_picture(Image.open(path).convert("RGB"), small.convert("RGB")):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, optimize=True)
    return True


def _same_picture(old, new, slack=2):
    """True when `new` is `old` up to a shift of `slack` pixels and under 1% other pixels."""
    import numpy as np

    a, b = np.asarray(old, int), np.asarray(new, int)
    if abs(a.shape[0] - b.shape[0]) > slack or abs(a.shape[1] - b.shape[1]) > slack:
        return False
    height, width = min(a.shape[0], b.shape[0]) - slack, min(a.shape[1], b.shape[1]) - slack
    for dy in range(-slack, slack + 1):
        for dx in range(-slack, slack + 1):
            y, x = max(dy, 0), max(dx, 0)
            y2, x2 = max(-dy, 0), max(-dx, 0)
            difference = np.abs(
                a[y : y + height, x : x + width] - b[y2 : y2 + height, x2 : x2 + width]
            )
            if (difference.max(axis=-1) > 32).mean() < 0.01:
                return True
    return False


def _title(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.split("\n"):
                if line.startswith("# "):
                    return line[2:].strip()
            return None
    return None
