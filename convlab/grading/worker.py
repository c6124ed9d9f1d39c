"""One submission, graded by nbgrader in a course folder of its own (runs in a worker process).

Each submission gets a temporary course: a copy of the assignment's template gradebook,
the (repaired) submitted notebook and nothing else. nbgrader's Autograde converter runs
there with the course's configuration (the jailed kernel, the re-check), so no student's
code can see another submission, the sources or the real gradebook, and submissions can
be graded side by side. The worker returns what the grader needs to merge the result into
the course's gradebook (:mod:`convlab.grading.gradebook`).
"""

import copy
import logging
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.coursedir import CourseDirectory

from . import report, structure
from .gradebook import course_config

_STATE = {}  # per worker process: the course configuration and the zygote's socket


@dataclass
class Job:
    """A submission to grade."""

    student: str
    assignment: str
    folder: str  # submitted/<student>/<assignment>/
    release: str  # the released notebook
    template: str  # the assignment's template gradebook
    scratch: str  # where the temporary course goes


@dataclass
class Result:
    """What grading one submission produced."""

    student: str
    assignment: str
    notebook: str  # notebook name (the assignment's)
    graded: bool = False  # nbgrader ran (False: not gradable, see findings, or an error)
    grades: list = field(default_factory=list)  # [{grade_id, auto_score, max_score}]
    comments: list = field(default_factory=list)  # [{grade_id, auto_comment}]
    timestamp: object = None
    late_penalty: float | None = None
    autograded: str | None = None  # folder holding the autograded notebook
    findings: list = field(default_factory=list)  # structure.Finding
    events: list = field(default_factory=list)  # what happened while it ran (report.events)
    error: str | None = None  # the grader itself failed (a bug, a broken jail)
    seconds: float = 0.0

    @property
    def score(self):
        """Points from the automatically graded (code) cells."""
        return sum(g["auto_score"] or 0 for g in self.grades if g["code"])

    @property
    def max_score(self):
        """Points the automatically graded cells are worth."""
        return sum(g["max_score"] for g in self.grades if g["code"])


def configure(root, zygote=""):
    """Worker initializer: load the course's nbgrader configuration once."""
    config = course_config(root)
    if zygote:
        config.SandboxKernelManager.zygote = zygote
    _STATE.update(root=str(root), config=config)
    logging.getLogger("traitlets").setLevel(logging.ERROR)


def grade(job):
    """Grade one submission (never raises: a failure is a Result with `error`)."""
    start = time.monotonic()
    name = Path(job.release).stem
    result = Result(job.student, job.assignment, name)
    try:
        notebook, result.findings = structure.inspect(
            Path(job.folder), Path(job.release), job.student, job.assignment
        )
        if notebook is not None:
            _autograde(job, notebook, name, result)
    except Exception:
        result.error = traceback.format_exc(limit=8)
    result.seconds = time.monotonic() - start
    return result


def _autograde(job, notebook, name, result):
    course = Path(tempfile.mkdtemp(prefix=f"{job.student[:20]}-", dir=job.scratch))
    submitted = course / "autograde" / "submitted" / job.student / job.assignment
    submitted.mkdir(parents=True)
    for path in Path(job.folder).iterdir():  # timestamp.txt and other files the student sent
        if path.is_file() and path.suffix != ".ipynb":
            shutil.copy(path, submitted / path.name)
    nbformat.write(notebook, submitted / f"{name}.ipynb")
    shutil.copy(job.template, course / "gradebook.db")
    config = _course_config(course)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id, coursedir.student_id = job.assignment, job.student
    with _captured_errors() as errors:
        Autograde(coursedir=coursedir, config=config).start()
    autograded = course / "autograde" / "autograded" / job.student / job.assignment
    if not (autograded / f"{name}.ipynb").is_file():
        raise RuntimeError("nbgrader did not grade it:\n" + "\n".join(errors[-20:]))
    _read_grades(course / "gradebook.db", job, name, result)
    result.graded, result.autograded = True, str(autograded)
    result.events = report.events(autograded / f"{name}.ipynb", job.student, job.assignment)


def _course_config(course):
    config = copy.deepcopy(_STATE["config"])
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{course}/gradebook.db"
    config.CourseDirectory.source_directory = "source"  # none: nothing to copy in
    return config


def _read_grades(database, job, name, result):
    with Gradebook(f"sqlite:///{database}") as gradebook:
        submission = gradebook.find_submission(job.assignment, job.student)
        result.timestamp = submission.timestamp
        notebook = gradebook.find_submission_notebook(name, job.assignment, job.student)
        result.late_penalty = notebook.late_submission_penalty
        result.grades = [
            {
                "grade_id": grade.name,
                "auto_score": grade.auto_score,
                "max_score": grade.max_score,
                "needs_manual_grade": grade.needs_manual_grade,
                "code": grade.cell.cell_type == "code",
            }
            for grade in notebook.grades
        ]
        result.comments = [
            {"grade_id": comment.name, "auto_comment": comment.auto_comment}
            for comment in notebook.comments
        ]


class _captured_errors:
    """Collect nbgrader's warnings and errors while it runs (its log is otherwise lost)."""

    def __enter__(self):
        self.lines = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.lines.append(record.getMessage())
        logging.getLogger("traitlets").addHandler(self.handler)
        return self.lines

    def __exit__(self, *exc):
        logging.getLogger("traitlets").removeHandler(self.handler)


def feedback(student, assignment):
    """Write one submission's feedback HTML in the course (never raises: returns an error)."""
    try:
        config = copy.deepcopy(_STATE["config"])
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = assignment, student
        with _captured_errors():
            GenerateFeedback(coursedir=coursedir, config=config, force=True).start()
        return None
    except Exception:
        return traceback.format_exc(limit=6)
