"""The course's one gradebook: results merged in, assignments registered, grades exported.

Workers grade against throwaway copies of a template gradebook; only the main process
writes ``autograde/gradebook.db``, through nbgrader's own API, the same way nbgrader's
``SaveAutoGrades`` would have: the auto score is replaced, a manual score is kept (and
the grade flagged for review).
"""

import contextlib
import functools
import hashlib
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from nbgrader import api
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import GenerateAssignment, NbGraderException
from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins import CsvExportPlugin
from traitlets.config.loader import PyFileConfigLoader

from .. import course


def db_url(root):
    """The gradebook of the course at `root`."""
    return f"sqlite:///{Path(root) / 'autograde' / 'gradebook.db'}"


def source_hash(root, assignment):
    """A fingerprint of an assignment's source and release notebooks."""
    digest = hashlib.sha256()
    for folder in ("solutions", "notebooks"):
        for path in sorted((Path(root) / folder / assignment).glob("*.ipynb")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def course_config(root):
    """The course's nbgrader configuration (autograde/nbgrader_config.py), loaded."""
    loader = PyFileConfigLoader("nbgrader_config.py", path=str(Path(root) / "autograde"))
    return loader.load_config()


def register(root, assignment):
    """Make the course's gradebook know `assignment` (nbgrader's generate_assignment)."""
    with tempfile.TemporaryDirectory(prefix="convlab-register-") as tmp:
        _generate(root, assignment, release=tmp)


def make_template(root, assignment, path):
    """A gradebook holding only `assignment`, at `path` (copied for every submission)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="convlab-template-") as tmp:
        _generate(root, assignment, release=f"{tmp}/release", database=f"{tmp}/gradebook.db")
        shutil.copy(Path(tmp) / "gradebook.db", path)
    return path


def _generate(root, assignment, release, database=None):
    """nbgrader generate_assignment, in this process (a new nbgrader process costs seconds)."""
    config = course_config(root)
    config.CourseDirectory.release_directory = str(release)
    if database:
        config.CourseDirectory.db_url = f"sqlite:///{database}"
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    try:
        with _alembic_in_process():
            GenerateAssignment(coursedir=coursedir, config=config).start()
    except NbGraderException as error:
        raise course.CourseError(f"generate_assignment {assignment} failed: {error}") from None


def open_book(root):
    """The course's gradebook, opened once for many merges (one engine, its query cache)."""
    return Gradebook(db_url(root))


def merge(gradebook, result):
    """Write a worker's Result into the course's (open) gradebook."""
    with _quiet():
        gradebook.update_or_create_student(result.student)
        extra = {"timestamp": result.timestamp} if result.timestamp else {}
        gradebook.update_or_create_submission(result.assignment, result.student, **extra)
        if not result.graded:
            _zero(gradebook, result)
            return
        for entry in result.grades:
            grade = gradebook.find_grade(
                entry["grade_id"], result.notebook, result.assignment, result.student
            )
            grade.auto_score = entry["auto_score"]
            grade.needs_manual_grade = entry["needs_manual_grade"] or grade.manual_score is not None
        for entry in result.comments:
            comment = gradebook.find_comment(
                entry["grade_id"], result.notebook, result.assignment, result.student
            )
            comment.auto_comment = entry["auto_comment"]
        notebook = gradebook.find_submission_notebook(
            result.notebook, result.assignment, result.student
        )
        notebook.late_submission_penalty = result.late_penalty
        gradebook.db.commit()


@contextlib.contextmanager
def _alembic_in_process():
    """Let nbgrader learn the schema version of a new gradebook without a new process.

    nbgrader runs ``alembic heads`` as a command for it (seconds: a Python process that
    imports alembic); alembic's own API gives the same answer from nbgrader's scripts.
    """
    original = api.get_alembic_version
    api.get_alembic_version = _alembic_head
    try:
        yield
    finally:
        api.get_alembic_version = original


@functools.lru_cache(maxsize=1)
def _alembic_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(api.__file__).parent / "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


@contextlib.contextmanager
def _quiet():
    """nbgrader's API trips SQLAlchemy warnings that say nothing to an instructor."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="nbgrader")
        warnings.filterwarnings("ignore", message=".*not in session.*")
        yield


def _zero(gradebook, result):
    """No gradable notebook: every grade 0, as nbgrader does for a missing notebook."""
    notebook = gradebook.find_submission_notebook(
        result.notebook, result.assignment, result.student
    )
    for grade in notebook.grades:
        grade.auto_score = 0
        grade.needs_manual_grade = False
    gradebook.db.commit()


def scores(gradebook, assignment):
    """{student: (score, max score)} of an assignment's submissions (manual grades included)."""
    try:
        submissions = gradebook.assignment_submissions(assignment)
    except MissingEntry:
        return {}
    return {s.student_id: (float(s.score), float(s.max_score)) for s in submissions}


def signature(gradebook, student, assignment):
    """A fingerprint of what a submission's feedback shows from the gradebook."""
    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry:
        return None
    parts = [repr(submission.timestamp)]
    for notebook in submission.notebooks:
        parts += [f"{g.name}={g.score}/{g.max_score}" for g in notebook.grades]
        parts += [f"{c.name}:{c.comment}" for c in notebook.comments]
        parts.append(repr(notebook.late_submission_penalty))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def export_csv(root, path):
    """grades.csv as ``nbgrader export`` writes it; the file is rewritten only if it changed."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="convlab-export-") as tmp:
        plugin = CsvExportPlugin(to=os.path.join(tmp, "grades.csv"))
        with Gradebook(db_url(root)) as gradebook:
            plugin.export(gradebook)
        text = Path(tmp, "grades.csv").read_text(encoding="utf-8")
    write_if_changed(path, text.encode())
    return path


def write_if_changed(path, data):
    """Write bytes `data` to `path` unless it already holds them; True when written."""
    path = Path(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
