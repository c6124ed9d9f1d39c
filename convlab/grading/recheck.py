"""The trusted re-check: each graded exercise checked again, outside the learner's kernel.

nbgrader grades inside the learner's kernel, where the learner's code can rebind
``np.allclose``, ``checks.check`` or convlab's reference and pass every test. After the
kernel has run, :class:`Recheck` (an nbgrader preprocessor) takes the answer cells of the
notebook and, for every test cell the kernel passed:

1. draws the calls of its :class:`~convlab.grading.specs.Exercise` (fixed hard cases and
   cases drawn for this student from a secret seed) and computes the expected results
   with convlab, here, in the grader's process;
2. sends the answer cells and the inputs to a fresh runner in a jail without convlab
   (:mod:`convlab.grading.runner`); it runs the cells, calls the function and sends back
   plain arrays (``.npy``, no pickle) under time, memory and output limits;
3. compares them with convlab.checks' rules; on a mismatch the test cell gets an error
   output ``RecheckFailed`` saying what failed, so nbgrader scores it 0 and the feedback
   says why. A re-check can only lower a score.
"""

import ast
import io
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from IPython.core.inputtransformer2 import TransformerManager
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Int, Unicode

from . import runner, specs
from .execute import error_output
from .policy import Sandbox
from .session import RunnerSession


class Recheck(NbGraderPreprocessor):
    """Re-check every passed test cell outside the kernel; fail those whose answer is wrong."""

    exercise_timeout = Int(30, help="Seconds the calls of one exercise may take").tag(config=True)
    max_result_bytes = Int(64 << 20, help="Bytes of results a runner may send").tag(config=True)
    secret_file = Unicode(
        "", help="File holding the secret that seeds each student's random cases"
    ).tag(config=True)

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        student = resources["nbgrader"].get("student") or "validate"
        known = {exercise.test: exercise for exercise in specs.exercises(assignment)}
        passed = [cell for cell in nb.cells if _passed_test_cell(cell)]
        checked = [known[g] for g in map(_grade_id, passed) if g in known]
        unknown = sorted({_grade_id(c) for c in nb.cells if _is_test_cell(c)} - set(known))
        if unknown:
            self.log.warning("no re-check for %s of %s", ", ".join(unknown), assignment)
        seed = lambda test: specs.generator(self._secret(), student, assignment, test)  # noqa: E731
        checker = Checker(Sandbox(parent=self), self.exercise_timeout, self.max_result_bytes)
        verdicts = checker.check(notebook_program(nb), checked, seed)
        for cell in passed:
            message = verdicts.get(_grade_id(cell))
            if message:
                cell.outputs.append(recheck_error(message))
        resources.setdefault("convlab", {})["recheck"] = {
            "checked": [e.test for e in checked],
            "failed": {k: v for k, v in verdicts.items() if v},
            "unchecked": unknown,
        }
        return nb, resources

    def _secret(self):
        return read_secret(self.secret_file) if self.secret_file else ""


def read_secret(path):
    """The secret in file `path`, made (readable by its owner only) when it does not exist.

    Its folder gets a ``.gitignore`` that ignores everything in it, itself included.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# convlab's grading workspace: never committed\n*\n")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="utf-8").strip()


def recheck_error(message):
    """The error output a failed re-check adds to its test cell."""
    text = "your answer was run again outside the notebook, and failed:\n" + message
    return error_output("RecheckFailed", text)


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _is_test_cell(cell):
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def _passed_test_cell(cell):
    return _is_test_cell(cell) and not any(
        o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
        for o in cell.outputs
    )


# ------------------------------------------------------------------ the learner's program


@dataclass
class Program:
    """What the runner executes: the setup imports, then the answer cells in order."""

    setup: str
    cells: list = field(default_factory=list)  # [(grade_id, source)]

    def cells_through(self, grade_id):
        """How many answer cells run for an exercise: up to its own (None when it is missing)."""
        ids = [g for g, _ in self.cells]
        return ids.index(grade_id) + 1 if grade_id in ids else None


def notebook_program(nb):
    """The answer cells (``solution: true`` code cells) and the setup cell's imports.

    IPython syntax (``%timeit``, ``!ls``) is translated to Python as the kernel does it.
    """
    translate = TransformerManager().transform_cell
    cells = [
        (_grade_id(cell), translate(cell.source))
        for cell in nb.cells
        if cell.cell_type == "code" and utils.is_solution(cell)
    ]
    setup = next((c.source for c in nb.cells if _grade_id(c) == "setup"), "")
    return Program(setup_imports(setup), cells)


def setup_imports(source):
    """The import statements of a setup cell, without convlab (IPython magics dropped).

    >>> setup_imports("%matplotlib inline\\nimport numpy as np\\nimport convlab as cl")
    'import numpy as np'
    """
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return "import numpy as np"
    kept = [
        node
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom)) and "convlab" not in _modules(node)
    ]
    return "\n".join(ast.unparse(node) for node in kept) or "import numpy as np"


def _modules(node):
    if isinstance(node, ast.ImportFrom):
        return {(node.module or "").split(".")[0]}
    return {alias.name.split(".")[0] for alias in node.names}


# ------------------------------------------------------------------ checking


class Checker:
    """Runs exercises in jailed runners and judges their results in this process."""

    def __init__(self, policy, exercise_timeout=30, max_result_bytes=64 << 20):
        self.policy = policy
        self.exercise_timeout = exercise_timeout
        self.max_result_bytes = max_result_bytes

    def check(self, program, exercises, seed):
        """{test grade_id: None if right, else the message} for each exercise."""
        verdicts, todo = {}, []
        for exercise in exercises:
            count = program.cells_through(exercise.function)
            if count is None:
                verdicts[exercise.test] = f"no answer cell {exercise.function!r} was found"
                continue
            calls = exercise.cases(seed(exercise.test))
            todo.append(Job(exercise, count, calls, [_expected(exercise, c) for c in calls]))
        while todo:
            finished = self._run(program, todo)
            for job in todo[: len(finished)]:
                verdicts[job.exercise.test] = finished[job.exercise.test]
            todo = todo[len(finished) :]
        return verdicts

    def _run(self, program, jobs):
        """Run `jobs` in one runner; the verdicts of those it finished or that stopped it."""
        session = RunnerSession(self.policy, self.max_result_bytes)
        verdicts = {}
        try:
            session.start(_request(program, jobs))
            for index, job in enumerate(jobs):
                verdicts[job.exercise.test] = self._judge(session, index, job)
                if session.broken:
                    break
        finally:
            session.stop()
        return verdicts

    def _judge(self, session, index, job):
        """None when every call of `job` (the `index`-th of the request) was right."""
        deadline = time.monotonic() + self.exercise_timeout
        notes, failures, first = "", 0, ""
        while True:
            frame = session.next_frame(deadline)
            if frame is None:
                stopped = session.failure(job.exercise.function)
                return notes + first + stopped
            header, arrays = frame
            if header.get("exercise") != index:
                continue
            if "cells" in header:
                notes = _cell_notes(header["cells"])
            elif header.get("done"):
                break
            else:
                message = _verdict(job, header, arrays)
                failures += bool(message)
                first = first or message
        if not failures:
            return None
        more = f"  ({failures} of {len(job.calls)} calls were wrong)\n" if failures > 1 else ""
        return notes + first + more


@dataclass
class Job:
    exercise: object
    cells: int
    calls: list
    expected: list


def _expected(exercise, call):
    """The reference's result for `call`, or the ValueError it raises."""
    try:
        return exercise.reference(*call.args, **call.kwargs)
    except ValueError as error:
        if not call.error:
            raise
        return error


def _request(program, jobs):
    arrays = []
    exercises = [
        {
            "function": job.exercise.function,
            "cells": job.cells,
            "calls": [
                {
                    "args": runner.encode_input(tuple(c.args), arrays),
                    "kwargs": runner.encode_input(dict(c.kwargs), arrays),
                }
                for c in job.calls
            ],
        }
        for job in jobs
    ]
    buffer = io.BytesIO()
    header = {"setup": program.setup, "cells": program.cells, "exercises": exercises}
    runner.write_frame(buffer, header, arrays)
    return buffer.getvalue()


def _cell_notes(errors):
    if not errors:
        return ""
    return "".join(f"  (the answer cells raised: {e.splitlines()[-1]})\n" for e in errors[:3])


def _verdict(job, header, arrays):
    """None when the call this result answers got the right result, else the message."""
    number = header.get("call")
    if not isinstance(number, int) or not 0 <= number < len(job.calls):
        return "✗ the re-check's results were out of order\n"
    call, expected = job.calls[number], job.expected[number]
    name = call.label(job.exercise.function)
    raised = header.get("raised")
    if call.error:
        return _verdict_error(name, call, raised)
    if raised:
        return f"✗ {name}: raised {raised['type']}: {raised['message'][:300]}\n"
    got = runner.decode(header.get("value"), arrays)
    try:
        job.exercise.compare(call, got, expected, job.exercise.function)
    except AssertionError as failure:  # checks.CheckFailed
        return f"{failure}\n"
    return None


def _verdict_error(name, call, raised):
    wanted = "ValueError" + (f" mentioning {call.mentions!r}" if call.mentions else "")
    if not raised:
        return f"✗ {name}: returned instead of raising {wanted}\n"
    if not raised["value_error"]:
        return f"✗ {name}: raised {raised['type']} instead of {wanted}\n"
    if call.mentions and call.mentions not in raised["message"]:
        return f"✗ {name}: raised ValueError, but its message does not name {call.mentions!r}\n"
    return None
