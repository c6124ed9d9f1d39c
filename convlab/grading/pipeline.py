"""``make grade``: every submission graded in isolation, in parallel, into one gradebook.

1. Find the submissions in ``autograde/submitted/<student>/<assignment>/``; skip those
   whose files, notebook sources and grader are unchanged since they were last graded
   (so running it again changes nothing).
2. Make sure the gradebook knows each assignment, and keep a template gradebook per
   assignment (both redone only when the assignment's notebooks change).
3. Grade the rest with W worker processes (:mod:`convlab.grading.worker`): each submission
   in its own temporary course, its kernels forked from one zygote and jailed.
4. Merge each result into ``autograde/gradebook.db`` as it arrives (with a progress line);
   copy the autograded notebook into ``autograde/autograded/``.
5. Write feedback (in parallel) where the gradebook changed, export ``grades.csv``, draw a
   score histogram per assignment and write ``autograde/reports/report.md``.

What the pipeline remembers lives in ``autograde/.grading/`` (it ignores itself in git):
``state.json`` (fingerprints, findings) and ``secret`` (the seed of each student's
re-check cases).
"""

import hashlib
import json
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from .. import course
from . import gradebook, recheck, report, specs, structure, worker
from .policy import Sandbox
from .zygote import Zygote

GRADER_FILES = ("execute.py", "recheck.py", "runner.py", "structure.py", "feedback.py")


class Workspace:
    """``autograde/.grading/``: the pipeline's state, secret and template gradebooks."""

    def __init__(self, root):
        self.root = Path(root)
        self.folder = self.root / "autograde" / ".grading"
        recheck.read_secret(self.folder / "secret")  # makes the folder, which git ignores
        self.state_path = self.folder / "state.json"
        self.state = self._load()

    def _load(self):
        if self.state_path.exists():
            try:
                return json.loads(self.state_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                pass  # a damaged state only means everything is graded again
        return {"assignments": {}, "submissions": {}}

    def save(self):
        text = json.dumps(self.state, indent=1, sort_keys=True) + "\n"
        gradebook.write_if_changed(self.state_path, text.encode())

    def template(self, assignment, source):
        return self.folder / "templates" / f"{assignment}-{source[:16]}.db"


def grade(root, workers=None, force=False, out=print):
    """Grade what changed in autograde/submitted/; returns the assignments with submissions.

    Parameters
    ----------
    root : path
        The course root.
    workers : int, optional
        Worker processes (default: the number of cores).
    force : bool
        Grade every submission again, changed or not.
    out : callable
        Where progress lines go.
    """
    root = Path(root).resolve()
    submitted = root / "autograde" / "submitted"
    found = sorted(p for p in submitted.glob("*/*") if p.is_dir()) if submitted.is_dir() else []
    if not found:
        out(f"nothing to grade: put submissions in {submitted}/<student>/<assignment>/")
        return []
    space = Workspace(root)
    known = set(course.assignments(root)) & set(course.assignments(root, "notebooks"))
    findings = _unknown_assignments(found, known)
    folders = [p for p in found if p.name in known]
    names = sorted({p.name for p in folders})
    sources = {name: gradebook.source_hash(root, name) for name in names}
    _prepare_assignments(root, space, sources, out)
    todo = [p for p in folders if force or _changed(space, root, p, sources[p.name])]
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    out(
        f"grading {len(todo)} of {len(folders)} submissions ({', '.join(names)}), "
        f"{workers} workers; {len(folders) - len(todo)} unchanged"
    )
    if todo:
        Sandbox().usable()  # refuse (or warn) now, not once per submission
    _run(root, space, folders, todo, sources, workers, out)
    _finish(root, space, names, findings, out)
    return names


def _unknown_assignments(found, known):
    return [
        structure.Finding(
            p.parent.name,
            p.name,
            structure.NOT_GRADED,
            f"unknown assignment {p.name!r}",
            "move it to the right assignment folder, or add the assignment to solutions/",
        )
        for p in found
        if p.name not in known
    ]


def _prepare_assignments(root, space, sources, out):
    """Make changed assignments' template gradebooks and register them in the gradebook."""
    book = root / "autograde" / "gradebook.db"
    for name, source in sources.items():
        template = space.template(name, source)
        if not template.exists():
            out(f"preparing {name} ...")
            for old in template.parent.glob(f"{name}-*.db"):
                old.unlink()
            gradebook.make_template(root, name, template)
        if space.state["assignments"].get(name) != source or not _in_gradebook(root, name):
            if book.exists():
                out(f"registering {name} in the gradebook ...")
                gradebook.register(root, name)
            else:  # a new gradebook: the template is exactly that
                shutil.copy(template, book)
            space.state["assignments"][name] = source
    space.save()


def _in_gradebook(root, assignment):
    if not (Path(root) / "autograde" / "gradebook.db").exists():
        return False
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(gradebook.db_url(root)) as book:
        try:
            book.find_assignment(assignment)
            return True
        except MissingEntry:
            return False


def fingerprint(folder, source):
    """What a submission's grade depends on: its files, the notebook sources, the grader."""
    digest = hashlib.sha256(source.encode())
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    here = Path(__file__).parent
    for name in GRADER_FILES:
        digest.update((here / name).read_bytes())
    module = specs.NOTEBOOKS.get(Path(folder).name)
    if module:
        digest.update((here / "specs" / f"{module}.py").read_bytes())
    return digest.hexdigest()


def _key(folder):
    return f"{folder.parent.name}/{folder.name}"


def _changed(space, root, folder, source):
    entry = space.state["submissions"].get(_key(folder), {})
    if entry.get("input") != fingerprint(folder, source):
        return True
    graded = entry.get("graded")
    autograded = root / "autograde" / "autograded" / folder.parent.name / folder.name
    return graded and not autograded.is_dir()


def _run(root, space, folders, todo, sources, workers, out):
    """Grade `todo`, then write the feedback that is out of date, with one pool of workers."""
    scratch = Path(tempfile.mkdtemp(prefix="convlab-grade-"))
    try:
        with _zygote(bool(todo)) as zygote, _pool(root, workers, zygote) as pool:
            jobs = [_job(root, space, folder, sources, scratch) for folder in todo]
            futures = [pool.submit(worker.grade, job) for job in jobs]
            # The workers exist now: open the gradebook once, for every merge.
            with gradebook.open_book(root) as book:
                for number, future in enumerate(as_completed(futures), 1):
                    result = future.result()
                    _merge(root, book, space, result, sources)
                    out(report.progress_line(number, len(jobs), result))
                space.save()
                _feedback_all(root, book, space, folders, pool, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        space.save()


def _zygote(needed):
    """A kernel zygote when kernels are jailed (the jail is what it is fast for)."""
    policy = Sandbox()
    if needed and policy.enabled and policy.usable():
        return Zygote()
    return _Nothing()


class _Nothing:
    socket = ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _pool(root, workers, zygote):
    # Forked workers inherit this process's imports (nbformat alone takes seconds).
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=worker.configure,
        initargs=(str(root), zygote.socket),
    )


def _job(root, space, folder, sources, scratch):
    assignment = folder.name
    (release,) = sorted((root / "notebooks" / assignment).glob("*.ipynb"))
    return worker.Job(
        student=folder.parent.name,
        assignment=assignment,
        folder=str(folder),
        release=str(release),
        template=str(space.template(assignment, sources[assignment])),
        scratch=str(scratch),
    )


def _merge(root, book, space, result, sources):
    """Merge a result into the gradebook and autograded/, and remember it."""
    folder = root / "autograde" / "submitted" / result.student / result.assignment
    key = _key(folder)
    target = root / "autograde" / "autograded" / result.student / result.assignment
    if result.error is None:
        gradebook.merge(book, result)
        if target.exists():
            shutil.rmtree(target)
        if result.graded:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(result.autograded, target)
        else:  # an old feedback would contradict the zeros
            shutil.rmtree(
                root / "autograde" / "feedback" / result.student / result.assignment,
                ignore_errors=True,
            )
    space.state["submissions"][key] = {
        "input": None if result.error else fingerprint(folder, sources[result.assignment]),
        "graded": result.graded,
        "score": [result.score, result.max_score],
        "findings": [f.__dict__ for f in result.findings] + result.events,
        "error": result.error,
        "feedback": None,
    }


def _feedback_all(root, book, space, folders, pool, out):
    """Write feedback for graded submissions whose gradebook entries changed."""
    stale = []
    for folder in folders:
        entry = space.state["submissions"].get(_key(folder), {})
        if not entry.get("graded"):
            continue
        signature = gradebook.signature(book, folder.parent.name, folder.name)
        html = root / "autograde" / "feedback" / folder.parent.name / folder.name
        if entry.get("feedback") != signature or not html.is_dir():
            stale.append((folder, signature))
    if not stale:
        return
    out(f"feedback for {len(stale)} submissions ...")
    futures = {pool.submit(worker.feedback, f.parent.name, f.name): (f, sig) for f, sig in stale}
    for future in as_completed(futures):
        folder, signature = futures[future]
        entry = space.state["submissions"][_key(folder)]
        error = future.result()
        entry["feedback"] = None if error else signature
        if error:
            entry["error"] = f"feedback failed: {error}"


def _finish(root, space, names, findings, out):
    reports = root / "autograde" / "reports"
    grades = gradebook.export_csv(root, root / "autograde" / "grades.csv")
    with gradebook.open_book(root) as book:
        plots = [report.score_plot(reports, name, gradebook.scores(book, name)) for name in names]
    text = report.markdown(space.state, names, findings, plots)
    gradebook.write_if_changed(reports / "report.md", text.encode())
    for line in report.summary(space.state, findings):
        out(line)
    out(
        f"grades: {grades}; feedback: {root / 'autograde' / 'feedback'}; "
        f"report: {reports / 'report.md'}"
    )
