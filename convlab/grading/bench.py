"""``convlab bench-grading``: `make grade` against plain serial nbgrader, on one class.

Two fresh copies of one assignment receive the same submissions (by default 100 of
02-conv2d: the solution, the sample students and every wrong-solution fixture, in turn).
In one, stock nbgrader (its own preprocessors, the course's layout and time limit) runs
``nbgrader autograde``: the assignment is registered first, untimed. In the other,
``make grade`` runs from scratch and is timed whole: registering the assignment, grading
in isolation with jailed kernels and the re-check, feedback, grades.csv, the report and
the plot. The figures go to the "grading" section of docs/benchmarks.md.

Run it as ``python -m convlab.grading.bench`` or ``convlab bench-grading``; it takes
minutes (it is not part of ``make test``).
"""

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .. import course
from ..bench import write_section

PLAIN_CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "convlab"
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.submitted_directory = "autograde/submitted"
c.CourseDirectory.autograded_directory = "autograde/autograded"
c.CourseDirectory.feedback_directory = "autograde/feedback"
c.CourseDirectory.db_url = "sqlite:///{root}/autograde/gradebook.db"
c.ExecutePreprocessor.timeout = 120
"""


def answer_sets(root, assignment):
    """The submissions to cycle through: (label, answers, base) of solution, samples, mutants."""
    root = Path(root)
    sets = [("solution", {}, "solution")]
    for sample in sorted((root / "autograde" / "samples").glob(f"*/{assignment}.py")):
        sets.append((f"sample-{sample.parent.name}", course.read_answers(sample), "release"))
    for mutant in sorted((root / "tests" / "mutants" / assignment).glob("*.py")):
        sets.append((f"mutant-{mutant.stem}", course.read_answers(mutant), "solution"))
    return sets


def make_course(folder, root, assignment, submissions, config):
    """A course at `folder` with one assignment and `submissions` submitted notebooks."""
    folder = Path(folder)
    for part in ("solutions", "notebooks"):
        shutil.copytree(Path(root) / part / assignment, folder / part / assignment)
    (folder / "autograde").mkdir(parents=True)
    (folder / "autograde" / "nbgrader_config.py").write_text(config, encoding="utf-8")
    sets = answer_sets(root, assignment)
    for number in range(submissions):
        label, answers, base = sets[number % len(sets)]
        filename, notebook = course.make_submission(folder, assignment, answers, base=base)
        target = folder / "autograde" / "submitted" / f"s{number:03d}-{label}" / assignment
        target.mkdir(parents=True)
        nbformat.write(notebook, target / filename)
    return folder


def timed(command, cwd, env):
    """Seconds `command` took; raises CourseError with its output when it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise course.CourseError(f"{' '.join(command)} failed:\n{tail}")
    return seconds


def run(root, submissions=100, assignment="02-conv2d", niceness=-10, out=print):
    """Time both ways of grading and write the "grading" section of docs/benchmarks.md.

    Both run at the same raised priority (`niceness`, when allowed), so that other work on
    a shared machine disturbs them less; neither gets more than the other.
    """
    root = Path(root)
    niceness = _raise_priority(niceness)
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="convlab-bench-grading-") as tmp:
        plain = Path(tmp) / "plain"
        make_course(plain, root, assignment, submissions, PLAIN_CONFIG.format(root=str(plain)))
        config = (root / "autograde" / "nbgrader_config.py").read_text(encoding="utf-8")
        mine = make_course(Path(tmp) / "convlab", root, assignment, submissions, config)
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
        plain_env = {**env, "JUPYTER_CONFIG_PATH": str(plain / "autograde")}
        nbgrader = str(bin_dir / "nbgrader")
        load_before = os.getloadavg()
        out(f"plain nbgrader: registering {assignment} (not timed) ...")
        timed([nbgrader, "generate_assignment", assignment, "--force"], plain, plain_env)
        out(f"plain nbgrader: autograding {submissions} submissions, one at a time ...")
        plain_seconds = timed([nbgrader, "autograde", assignment], plain, plain_env)
        out(f"  {plain_seconds:.0f} s")
        out(f"make grade: {submissions} submissions, from scratch ...")
        command = ["make", "--no-print-directory", "-C", str(root), "grade", f"COURSE={mine}"]
        command.append(f"VENV={Path(sys.prefix)}")
        mine_seconds = timed(command, root, env)
        out(f"  {mine_seconds:.0f} s")
        load_after = os.getloadavg()
        check_same_grades(plain, mine, assignment)
    loads = (load_before, load_after, niceness)
    text = report(assignment, submissions, plain_seconds, mine_seconds, *loads)
    write_section(root, "grading", text)
    out(text)
    return plain_seconds, mine_seconds


def _raise_priority(niceness):
    """Run at `niceness` if this user may (root may lower it); returns the niceness in effect."""
    try:
        return os.nice(niceness - os.nice(0))
    except PermissionError:
        return os.nice(0)


def check_same_grades(plain, mine, assignment):
    """Both ways must agree on every correct submission (full marks); say so if not."""
    from nbgrader.api import Gradebook

    for folder in (plain, mine):
        with Gradebook(f"sqlite:///{folder}/autograde/gradebook.db") as gradebook:
            for submission in gradebook.assignment_submissions(assignment):
                if submission.student_id.endswith("-solution"):
                    if submission.code_score != submission.max_code_score:
                        raise course.CourseError(
                            f"{folder.name}: {submission.student_id} lost points"
                        )


def report(assignment, submissions, plain, mine, load_before, load_after, niceness=0):
    """The "grading" section of docs/benchmarks.md."""
    ratio, cores = mine / plain, os.cpu_count()
    verdict = "met" if ratio <= 0.5 else "**missed**"
    plain_how = "stock preprocessors; the assignment registered beforehand, not timed"
    mine_how = (
        f"{cores} workers; the whole run: registering the assignment, isolated grading with "
        "jailed kernels and the trusted re-check, feedback, grades.csv, report, plot"
    )
    rows = [
        ("plain nbgrader, serial", f"`nbgrader autograde {assignment}` ({plain_how})", plain),
        ("convlab", f"`make grade` ({mine_how})", mine),
    ]
    lines = [
        "## Grading",
        "",
        f"Made by `convlab bench-grading` (`python -m convlab.grading.bench`): {submissions} "
        f"submissions of {assignment} (the solution, the sample students and every "
        "wrong-solution fixture, in turn), graded from scratch in two copies of the course, "
        "one after the other.",
        "",
        "| | command | seconds | per submission |",
        "|---|---|---:|---:|",
        *(f"| {who} | {how} | {s:.0f} | {s / submissions:.2f} |" for who, how, s in rows),
        "",
        f"`make grade` took {ratio:.2f} of the time of plain serial nbgrader "
        f"(goal: at most 0.5, {verdict}).",
        "",
        f"- machine: {platform.machine()}, {cores} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        f"- load average (1 min) before and after: {load_before[0]:.1f}, {load_after[0]:.1f} "
        f"(the machine is shared with other work); both runs at niceness {niceness}",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    run(course.find_root())
