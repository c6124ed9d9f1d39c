"""The course's commands: release notebooks, open JupyterLab, autograde a class.

nbgrader does the work; this module runs its commands with the course's configuration
(``autograde/nbgrader_config.py``) and the virtual environment's ``bin/`` on PATH, which
nbgrader needs (it runs ``alembic`` by name).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ASSIGNMENT = re.compile(r"^\d\d-[a-z0-9-]+$")
ALL = "[0-9][0-9]-*"  # nbgrader takes the assignment id as a glob: one process for all of them
ANSWER_HEADER = re.compile(r"^# %% \[(?P<grade_id>[A-Za-z0-9_-]+)\][ \t]*$", re.MULTILINE)


class CourseError(RuntimeError):
    """An nbgrader step failed; the message says which and shows its error output."""


def find_root(start=None):
    """The course root: the nearest folder from `start` up with autograde/nbgrader_config.py."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "autograde" / "nbgrader_config.py").is_file():
            return folder
    raise CourseError(
        f"no course found at or above {start} (looked for autograde/nbgrader_config.py)"
    )


def environment(root):
    """os.environ with the venv's bin/ first on PATH and nbgrader pointed at the course config."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["JUPYTER_CONFIG_PATH"] = str(Path(root) / "autograde")
    return env


def nbgrader(root, *args):
    """Run one nbgrader command in the course root; CourseError with its output on failure."""
    command = [str(Path(sys.executable).parent / "nbgrader"), *map(str, args)]
    result = subprocess.run(
        command, cwd=root, env=environment(root), capture_output=True, text=True
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise CourseError(f"`nbgrader {' '.join(map(str, args))}` failed:\n{tail}")
    return result


def assignments(root, folder="solutions"):
    """Names (NN-slug) of the assignments found in `folder` of the course, in order."""
    path = Path(root) / folder
    if not path.is_dir():
        return []
    return sorted(p.name for p in path.iterdir() if p.is_dir() and ASSIGNMENT.match(p.name))


# ---------------------------------------------------------------- release


def release(root, names=None):
    """Regenerate notebooks/ from solutions/; byte-identical when nothing changed.

    Each assignment is generated into a temporary folder against a throwaway gradebook
    (never the instructor's), and only then replaces its folder in notebooks/, so a
    failure leaves the committed release as it was. Outputs in solutions/ are cleared.
    """
    root = Path(root)
    everything = not names
    names = list(names or assignments(root))
    unknown = set(names) - set(assignments(root))
    if unknown:
        raise CourseError(f"no assignment {sorted(unknown)} in {root / 'solutions'}")
    for name in names:
        for path in sorted((root / "solutions" / name).glob("*.ipynb")):
            clear_outputs(path)
    with tempfile.TemporaryDirectory(prefix="convlab-release-") as tmp:
        for pattern in [ALL] if everything else names:
            nbgrader(
                root,
                "generate_assignment",
                pattern,
                "--force",
                f"--CourseDirectory.release_directory={tmp}/release",
                f"--CourseDirectory.db_url=sqlite:///{tmp}/gradebook.db",
            )
        for name in names:
            target = root / "notebooks" / name
            target.parent.mkdir(exist_ok=True)
            if target.exists():
                shutil.move(target, Path(tmp) / f"old-{name}")
            shutil.move(Path(tmp) / "release" / name, target)
    if everything:
        for stale in set(assignments(root, "notebooks")) - set(assignments(root)):
            shutil.rmtree(root / "notebooks" / stale)
    return names


def clear_outputs(path):
    """Remove outputs and execution counts from a stored notebook; rewrite only if changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    cleared = nbformat.writes(notebook) + "\n"
    if cleared != text:
        path.write_text(cleared, encoding="utf-8")


# ---------------------------------------------------------------- submissions


def solution_answers(notebook):
    """{grade_id: source} of the answer cells (``solution: true``) of a notebook."""
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in notebook.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def read_answers(path):
    """Answers written as a .py file of ``# %% [grade_id]`` sections -> {grade_id: source}."""
    text = Path(path).read_text(encoding="utf-8")
    marks = list(ANSWER_HEADER.finditer(text))
    return {
        mark["grade_id"]: text[mark.end() : end].strip("\n") + "\n"
        for mark, end in zip(marks, [m.start() for m in marks[1:]] + [len(text)])
    }


def fill_answers(notebook, answers):
    """A copy of `notebook` with the answer cells named in `answers` replaced by them."""
    notebook = nbformat.from_dict(notebook)
    unknown = set(answers) - set(solution_answers(notebook))
    if unknown:
        raise ValueError(f"answers: no answer cell with grade_id {sorted(unknown)}")
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in answers:
            cell.source = answers[grade_id].rstrip("\n")
    return notebook


def make_submission(root, assignment, answers, base="release"):
    """A submission of `assignment`: the released notebook with `answers` filled in.

    ``base="solution"`` first fills every answer cell with the solution's code, so only
    the answers given differ from a correct submission.
    """
    root = Path(root)
    (released,) = sorted((root / "notebooks" / assignment).glob("*.ipynb"))
    notebook = nbformat.read(released, as_version=4)
    if base == "solution":
        solution = nbformat.read(root / "solutions" / assignment / released.name, as_version=4)
        notebook = fill_answers(notebook, solution_answers(solution))
    elif base != "release":
        raise ValueError(f"base must be 'release' or 'solution', got {base!r}")
    return released.name, fill_answers(notebook, answers)


# ---------------------------------------------------------------- grading


def grade(root, workers=None, force=False):
    """Autograde autograde/submitted/: feedback, grades.csv, a report and score plots.

    Each submission is graded by nbgrader in its own temporary course, its kernel jailed,
    every passed test re-checked outside the kernel, `workers` at a time (default: one per
    core); unchanged submissions are skipped, so running this again changes nothing. See
    :mod:`convlab.grading.pipeline`. Returns the assignments that have submissions.
    """
    from .grading import pipeline, sandbox

    try:
        return pipeline.grade(root, workers=workers, force=force, out=_say)
    except sandbox.JailError as error:
        raise CourseError(f"cannot grade safely here: {error}") from None


def _say(line):
    print(line, flush=True)


def demo(root, workers=None):
    """Turn the sample answers in autograde/samples/ into submissions, then grade them."""
    root = Path(root)
    for sample in sorted((root / "autograde" / "samples").glob("*/*.py")):
        student, assignment = sample.parent.name, sample.stem
        filename, notebook = make_submission(root, assignment, read_answers(sample))
        folder = root / "autograde" / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / filename).exists():
            nbformat.write(notebook, folder / filename)
            print(f"submitted {student}/{assignment}")
    return grade(root, workers=workers)


# ---------------------------------------------------------------- lab


def lab(root, port=8888, extra=()):
    """Replace this process with JupyterLab serving the course (nbgrader extensions enabled)."""
    jupyter = str(Path(sys.executable).parent / "jupyter")
    args = [
        jupyter,
        "lab",
        f"--port={port}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.default_url=/lab/tree/notebooks",
        "--LabApp.news_url=",  # offline: no news feed, no update check
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *(["--allow-root"] if os.geteuid() == 0 else []),  # containers often run as root
        *extra,
    ]
    os.execve(jupyter, args, environment(root))
