"""Offline: every notebook runs with the network blocked, and none of it tries to reach out.

Every solution notebook and every release runs in a fresh kernel (explorers live, as in a
learner's JupyterLab) inside a network namespace holding only a loopback (`unshare -n`,
where the machine allows it); in every case, each kernel loads a guard that refuses and
records any connection or name lookup towards another host than the loopback. The test
asserts the records are empty, so a download that fails and is caught would still be seen.
A canary notebook that does try to fetch a page proves the guard sees attempts.
"""

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from .course_helpers import REPO, selected_assignments

pytestmark = pytest.mark.slow

GUARD = REPO / "tests" / "network_guard"
# TEST-NET-1 (RFC 5737): an address for documentation, never routed; the guard refuses the
# canary's attempt before any packet could leave, and the namespace has no route anyway.
CANARY = """import urllib.request
try:
    urllib.request.urlopen("http://192.0.2.1/", timeout=2)
except OSError as error:
    print("refused:", error)
"""


def network_namespace():
    """The command prefix that runs a command with only a loopback, or None if unavailable."""
    prefix = ["unshare", "-n", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"']
    if not (shutil.which("unshare") and shutil.which("ip")):
        return None
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    return prefix if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory):
    """Run every selected solution and release (and the canary) offline; their summaries."""
    root = tmp_path_factory.mktemp("offline")
    paths = {}
    for folder in ("solutions", "notebooks"):
        for assignment in selected_assignments(folder):
            shutil.copytree(REPO / folder / assignment, root / folder / assignment)
            (path,) = sorted((root / folder / assignment).glob("*.ipynb"))
            paths[str(path)] = (folder, assignment)
    canary = root / "canary.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CANARY)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, canary)
    paths[str(canary)] = ("canary", None)

    prefix = network_namespace() or []
    command = [*prefix, sys.executable, str(GUARD / "run_offline.py"), str(root / "summary.json")]
    result = subprocess.run(
        [*command, *paths], capture_output=True, text=True, timeout=1200, cwd=root
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads((root / "summary.json").read_text())
    if prefix:  # the namespace really holds nothing but the loopback
        assert summary["interfaces"] == ["lo"], summary["interfaces"]
    return {tuple(paths[s["path"]]): s for s in summary["runs"]}, bool(prefix)


def test_the_guard_sees_and_refuses_an_attempt(offline_run):
    runs, _ = offline_run
    canary = runs[("canary", None)]
    assert any("192.0.2.1" in line for line in canary["attempts"]), canary
    assert not canary["errors"], canary["errors"]


@pytest.mark.parametrize("assignment", selected_assignments("solutions"))
def test_solution_runs_offline_without_error_or_attempt(offline_run, assignment):
    runs, isolated = offline_run
    run = runs[("solutions", assignment)]
    where = "in a network namespace" if isolated else "(no network namespace here: guard only)"
    assert not run["attempts"], f"network attempts {where}: {run['attempts']}"
    assert not run["errors"], f"errors {where}: {run['errors']}"
    assert not run["unrun"], f"cells {run['unrun']} did not run"


@pytest.mark.parametrize("assignment", selected_assignments("notebooks"))
def test_release_runs_offline_failing_only_where_answers_are_missing(offline_run, assignment):
    runs, _ = offline_run
    run = runs[("notebooks", assignment)]
    assert not run["attempts"], run["attempts"]
    assert {ename for _, ename, _ in run["errors"]} <= {"NotImplementedError"}, run["errors"]
