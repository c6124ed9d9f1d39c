"""The course commands: `make lab` serves the course; answers, submissions and release safety."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from nbgrader.api import Gradebook

from convlab import cli, course

from .course_helpers import REPO, cell_scores, scratch_course


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", "replace")


@pytest.mark.slow
def test_make_lab_serves_the_course_with_nbgrader(tmp_path):
    """Does `make lab` start JupyterLab on PORT, serving notebooks/ and nbgrader's formgrader?"""
    port, token = free_port(), "convlab-test-token"
    env = {**os.environ, "JUPYTER_TOKEN": token}
    log = open(tmp_path / "lab.log", "w")
    lab = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "lab",
            f"PORT={port}",
            f"VENV={sys.prefix}",
            "LAB_ARGS=--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, page = get(f"{base}/lab?token={token}")
                break
            except OSError:
                assert lab.poll() is None, (tmp_path / "lab.log").read_text()
                assert time.monotonic() < deadline, "JupyterLab did not answer within 120 s"
                time.sleep(1)
        assert status == 200 and "JupyterLab" in page
        _, listing = get(f"{base}/api/contents/notebooks?token={token}")
        names = {item["name"] for item in json.loads(listing)["content"]}
        assert set(course.assignments(REPO)) <= names
        status, _ = get(f"{base}/formgrader?token={token}")
        assert status == 200
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
        log.close()


def test_read_answers_splits_sections_by_grade_id(tmp_path):
    """Does an answers file give one source per `# %% [grade_id]` section, header lines dropped?"""
    path = tmp_path / "answers.py"
    path.write_text("# loses: test_f\n# %% [f]\ndef f(x):\n    return x\n\n# %% [g-2]\ng = 1\n")
    assert course.read_answers(path) == {"f": "def f(x):\n    return x\n", "g-2": "g = 1\n"}


def test_fill_answers_rejects_an_unknown_grade_id():
    """Is an answer for a cell the notebook does not have an error naming `answers`?"""
    assignment = course.assignments(REPO)[0]
    notebook = nbformat.read(REPO / "notebooks" / assignment / f"{assignment}.ipynb", as_version=4)
    with pytest.raises(ValueError, match="answers"):
        course.fill_answers(notebook, {"no-such-cell": "pass"})


def test_make_submission_from_solution_fills_every_answer_cell():
    """With base='solution', does every answer cell hold the solution's code?"""
    assignment = course.assignments(REPO)[0]
    _, notebook = course.make_submission(REPO, assignment, {}, base="solution")
    solution = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    assert course.solution_answers(notebook) == course.solution_answers(solution)


@pytest.mark.slow
def test_failed_release_leaves_notebooks_untouched(tmp_path):
    """When nbgrader fails on a broken source, is the committed release left as it was?"""
    root = scratch_course(tmp_path / "course")
    assignment = course.assignments(root)[0]
    before = (root / "notebooks" / assignment / f"{assignment}.ipynb").read_bytes()
    source = root / "solutions" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(source, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "x = 1",
            metadata={
                "nbgrader": {
                    "schema_version": 3,
                    "grade": True,
                    "solution": False,
                    "locked": True,
                    "grade_id": "setup",
                    "points": 1,
                }
            },
        )
    )  # a duplicate grade_id: nbgrader refuses
    nbformat.write(notebook, source)
    with pytest.raises(course.CourseError, match="generate_assignment"):
        course.release(root)
    assert (root / "notebooks" / assignment / f"{assignment}.ipynb").read_bytes() == before


def test_release_of_an_unknown_assignment_is_an_error(capsys):
    """Does `convlab release` name an assignment that does not exist, and exit 1?"""
    assert cli.main(["--root", str(REPO), "release", "99-nothing"]) == 1
    assert "99-nothing" in capsys.readouterr().err


def test_grade_with_no_submissions_says_where_to_put_them(tmp_path, capsys):
    """With an empty autograde/submitted/, does `grade` explain itself instead of failing?"""
    root = scratch_course(tmp_path / "course")
    assert course.grade(root) == []
    assert "autograde/submitted" in capsys.readouterr().out


def test_clear_outputs_rewrites_only_when_needed(tmp_path):
    """Are outputs stripped from a stored notebook, and a clean one left byte for byte?"""
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    cell.execution_count = 1
    notebook.cells = [cell]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    course.clear_outputs(path)
    cleaned = path.read_bytes()
    assert not nbformat.read(path, as_version=4).cells[0].outputs
    mtime = path.stat().st_mtime_ns
    course.clear_outputs(path)
    assert path.read_bytes() == cleaned and path.stat().st_mtime_ns == mtime


@pytest.mark.slow
def test_demo_grades_the_samples(tmp_path):
    """Does `convlab demo` grade the samples: alice's correct answers full, bob's mistakes less?"""
    root = scratch_course(tmp_path / "course", with_samples=True)
    course.demo(root)
    assert (root / "autograde" / "grades.csv").read_text().count("alice") >= 1
    with Gradebook(f"sqlite:///{root}/autograde/gradebook.db") as gradebook:
        for sample in sorted((root / "autograde" / "samples").glob("*/*.py")):
            student, assignment = sample.parent.name, sample.stem
            scores = cell_scores(gradebook, assignment, student)
            earned = sum(score for score, _ in scores.values())
            total = sum(points for _, points in scores.values())
            if student == "alice":
                assert earned == total, (assignment, scores)
            elif student == "bob":
                assert 0 < earned < total, (assignment, scores)
    assert (root / "autograde" / "feedback" / "bob").is_dir()


def test_cli_grade_takes_workers_and_force(tmp_path, capsys):
    """Does `convlab grade --workers N --force` run (here: nothing to grade, said so)?"""
    root = scratch_course(tmp_path / "course")
    assert cli.main(["--root", str(root), "grade", "--workers", "3", "--force"]) == 0
    assert "nothing to grade" in capsys.readouterr().out


def test_make_grade_passes_course_and_workers_to_convlab():
    """Does `make grade COURSE=... WORKERS=...` call `convlab --root ... grade --workers ...`?"""
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "grade", "COURSE=/some/course", "WORKERS=3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "convlab --root /some/course grade --workers 3" in dry.stdout


def test_lab_turns_off_jupyterlabs_news_and_update_checks(monkeypatch):
    """Offline by design: does `convlab lab` start JupyterLab without its news feed and its
    check for updates (both would reach the network)?"""
    started = {}
    monkeypatch.setattr(os, "execve", lambda path, args, env: started.update(args=args))
    course.lab(REPO, port=9999)
    assert "--LabApp.news_url=" in started["args"]
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in started["args"]
