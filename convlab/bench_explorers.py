"""`convlab bench --explorers`: how long a learner waits after moving an explorer's control.

Every explorer in :mod:`convlab.widgets` (every public function there that returns an
:class:`~convlab.widgets.Explorer` when called with no arguments; none is listed by hand)
has each control moved through a few values, and each move is timed three ways:

compute
    the explorer's ``update`` alone (the NumPy work and the artists it changes);
compute + render
    the whole ``Explorer.refresh`` that the control triggers: ``update`` plus the PNG render;
browser
    in JupyterLab in headless Chromium, from the control's input event to the new image
    decoded on the page (widget message to the kernel, refresh, PNG back, image swapped);
    only where Chromium and playwright are installed (see :mod:`convlab.browser`).

Each move is timed ``repeats`` times and keeps its best; a control's row gives the median
and the worst over its moves. The limits: compute under 100 ms and compute + render under
250 ms for every move. Needs no PyTorch. The table goes to the "explorers" section of
docs/benchmarks.md.
"""

import functools
import importlib
import inspect
import os
import pkgutil
import platform
import statistics
import time
from contextlib import contextmanager

import matplotlib

from . import widgets
from .bench import write_section
from .timing import load_average

COMPUTE_LIMIT, RENDER_LIMIT = 0.100, 0.250  # seconds, per control move
MOVES = 5  # values visited per control: both ends and points between


@contextmanager
def live():
    """Explorers alive (not inert) inside the block, whatever NBGRADER_EXECUTION says."""
    saved = os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["NBGRADER_EXECUTION"] = saved


def public_functions():
    """{name: function} of what convlab.widgets exports (its ``__all__``, or its modules')."""
    names = getattr(widgets, "__all__", None)
    if names is None:
        names = []
        for module in pkgutil.iter_modules(widgets.__path__):
            if not module.name.startswith("_"):
                names += getattr(
                    importlib.import_module(f"{widgets.__name__}.{module.name}"), "__all__", []
                )
    found = {name: getattr(widgets, name, None) for name in names}
    return {name: f for name, f in sorted(found.items()) if inspect.isfunction(f)}


def explorer_functions():
    """{name: function} of the explorers: public functions returning an Explorer by default."""
    return dict(_explorer_functions())


@functools.cache
def _explorer_functions():
    explorers = {}
    with live():
        for name, function in public_functions().items():
            try:
                made = function()
            except TypeError:  # needs arguments: not an explorer a notebook shows as is
                continue
            if isinstance(made, widgets.Explorer):
                explorers[name] = function
                made.close()
    return tuple(explorers.items())


def targets(control, moves=MOVES):
    """The values a control is moved through, each different from the one before."""
    if hasattr(control, "options") and not hasattr(control, "min"):
        options = [
            value for _, value in (o if isinstance(o, tuple) else (o, o) for o in control.options)
        ]
        return options[1:] + options[:1] if len(options) > 1 else []
    if isinstance(control.value, bool):
        return [not control.value, control.value]
    if isinstance(control.value, (int, float)) and hasattr(control, "max"):
        low, high = control.min, control.max
        if high == low:
            return []
        step = getattr(control, "step", None) or 1
        count = min(moves, int(round((high - low) / step)) + 1)
        values = [low + (high - low) * i / (count - 1) for i in range(count)]
        if isinstance(control.value, int):
            values = [int(round(v)) for v in values]
        values = [v for v in dict.fromkeys(values) if v != control.value]
        return values + [control.value]  # the last move comes back
    return []


def time_control(explorer, name, repeats=3):
    """[(compute s, compute + render s)] per move of control `name`, best of `repeats`."""
    control = explorer.controls[name]
    initial = control.value
    values = targets(control)
    update, spent = explorer._update, []

    def timed_update(**values):
        start = time.perf_counter()
        try:
            return update(**values)
        finally:
            spent.append(time.perf_counter() - start)

    explorer._update = timed_update
    best = {}
    try:
        for _ in range(repeats):
            for index, value in enumerate(values):
                if control.value == value:
                    continue
                spent.clear()
                start = time.perf_counter()
                control.value = value  # the observer runs Explorer.refresh: update + render
                total = time.perf_counter() - start
                pair = (sum(spent), total)
                if index not in best or pair[1] < best[index][1]:
                    best[index] = pair
    finally:
        explorer._update = update
        control.value = initial
    return [best[i] for i in sorted(best)]


def measure(repeats=5):
    """Rows (explorer, control, [(compute, total) per move]) for every explorer."""
    rows = []
    with live():
        for name, function in explorer_functions().items():
            explorer = function()
            explorer.refresh()  # warm: first draw, text and tick caches
            for control in explorer.controls:
                rows.append((name, control, time_control(explorer, control, repeats)))
            explorer.close()
    return rows


def summary(times):
    """'median (worst)' in ms of a list of seconds."""
    if not times:
        return "-"
    return f"{statistics.median(times) * 1e3:.0f} ({max(times) * 1e3:.0f})"


def report(rows, browser_times=None, note="", load=None, repeats=5):
    """The markdown of the "explorers" section."""
    browser_times = browser_times or {}
    misses = sorted({explorer for explorer, _, moves in rows if not within_limits([(0, 0, moves)])})
    verdict = (
        f"every move of the {len(rows)} controls of {len({r[0] for r in rows})} explorers is "
        "within both limits"
        if not misses
        else f"**over a limit**: {', '.join(f'`{m}`' for m in misses)}"
    )
    lines = [
        "## Explorers",
        "",
        "Made by `make bench-explorers` (`convlab bench --explorers`; `make bench` runs it "
        "too). Each control of every explorer in `convlab.widgets` is moved through up to "
        f"{MOVES} values; each move is timed {repeats} times and keeps its best. A cell gives "
        "the median over the moves, then the worst in brackets, in ms. *compute*: the "
        "explorer's `update` alone; *+ render*: the whole refresh a move triggers (update, "
        "then the PNG render); *browser*: JupyterLab in headless Chromium, from the control's "
        "input event to the new image decoded on the page, over 6 moves forth and back. "
        "Limits: compute < "
        f"{COMPUTE_LIMIT * 1e3:.0f} ms and compute + render < {RENDER_LIMIT * 1e3:.0f} ms "
        "for every move.",
        "",
        f"- verdict: {verdict}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{load or load_average()} when the timing started{_niceness()}; Python "
        f"{platform.python_version()}, matplotlib {matplotlib.__version__}",
    ]
    if note:
        lines.append(f"- {note}")
    lines += [
        "",
        "| explorer | control | compute (ms) | compute + render (ms) | browser (ms) "
        "| within limits |",
        "|---|---|---:|---:|---:|---|",
    ]
    for explorer, control, moves in rows:
        compute = [c for c, _ in moves]
        total = [t for _, t in moves]
        within = not moves or (max(compute) < COMPUTE_LIMIT and max(total) < RENDER_LIMIT)
        verdict = "yes" if within else "**no**"
        if not moves:
            verdict = "yes (a single value here)"
        lines.append(
            f"| `{explorer}` | {control} | {summary(compute)} | {summary(total)} "
            f"| {summary(browser_times.get((explorer, control), []))} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def _niceness():
    """', run at niceness N' when the bench runs with another scheduling priority."""
    niceness = os.nice(0) if hasattr(os, "nice") else 0
    return f", run at niceness {niceness} (the other processes yield the cores)" if niceness else ""


def within_limits(rows):
    """True when every move of every control is within both limits."""
    return all(c < COMPUTE_LIMIT and t < RENDER_LIMIT for _, _, moves in rows for c, t in moves)


def run(root, browser=True, repeats=5):
    """Time every explorer (and its browser round trip where possible); write the section."""
    load = load_average()
    rows = measure(repeats)
    for explorer, control, moves in rows:
        print(
            f"{explorer:24} {control:16} compute {summary([c for c, _ in moves]):>12}  "
            f"+ render {summary([t for _, t in moves]):>12}",
            flush=True,
        )
    browser_times, note = {}, ""
    if browser:
        from . import browser as lab_browser

        reason = lab_browser.unavailable()
        if reason:
            note = f"browser column empty: {reason}"
        else:
            browser_times = lab_browser.time_round_trips(root, explorer_functions())
    path = write_section(root, "explorers", report(rows, browser_times, note, load, repeats))
    print(f"{'all within the limits' if within_limits(rows) else 'OVER A LIMIT'}; written: {path}")
    return rows
