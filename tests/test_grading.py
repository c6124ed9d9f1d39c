"""`make grade` on a catalogue of adversarial and broken submissions: does each get its score?

Each file in tests/submissions/NN-slug/ is one student's submission, written like the
mutants: ``# %% [grade_id]`` sections replace answer cells of the solution (``# base:
release`` starts from the release instead), and header lines say what must happen:

- ``# scores: test_a=2, test_b=0`` every automatically graded cell's score;
- ``# report: phrase`` a phrase the grading report must have on this student's line;
- ``# damage: delete|duplicate|unmark GRADE_ID``, ``rename-cell OLD NEW``,
  ``rename-notebook NAME``, ``invalid-json``: what is done to the notebook file.

``{root}`` and ``{repo}`` in an answer stand for the course under test and this checkout.
One session fixture grades the whole catalogue once, with the real pipeline.
"""

import copy
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from convlab import course
from convlab.grading import pipeline

from .course_helpers import ASSIGNMENTS, REPO, cell_scores, scratch_course

CATALOGUE = REPO / "tests" / "submissions"
# Short limits, so the endless loops of the catalogue end soon; legit cells take seconds.
TEST_LIMITS = """
c.ExecutePreprocessor.timeout = 20
c.Sandbox.kernel_memory = 2 << 30
"""
pytestmark = pytest.mark.slow


@dataclass
class Case:
    """One catalogue submission and what must happen to it."""

    assignment: str
    name: str
    path: Path
    scores: dict = field(default_factory=dict)
    reports: list = field(default_factory=list)
    damage: list = field(default_factory=list)
    base: str = "solution"

    @property
    def student(self):
        return f"{self.assignment[:2]}-{self.name}"


def read_case(path):
    """The Case a catalogue file describes (its header lines)."""
    case = Case(path.parent.name, path.stem, path)
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "# scores":
            case.scores = {g: float(p) for g, p in re.findall(r"(\w+)=([\d.]+)", value)}
        elif key == "# report":
            case.reports.append(value)
        elif key == "# damage":
            case.damage.append(value.split())
        elif key == "# base":
            case.base = value
    return case


CASES = [
    read_case(path) for path in sorted(CATALOGUE.glob("*/*.py")) if path.parent.name in ASSIGNMENTS
]


def submit_case(root, case):
    """Write the case's submission, damage included, into the scratch course."""
    answers = {
        grade_id: source.replace("{root}", str(root)).replace("{repo}", str(REPO))
        for grade_id, source in course.read_answers(case.path).items()
    }
    filename, notebook = course.make_submission(root, case.assignment, answers, base=case.base)
    for action, *args in case.damage:
        if action in DAMAGE:
            DAMAGE[action](notebook, *args)
    folder = root / "autograde" / "submitted" / case.student / case.assignment
    folder.mkdir(parents=True)
    text = nbformat.writes(notebook)
    for action, *args in case.damage:
        if action == "rename-notebook":
            filename = args[0]
        elif action == "invalid-json":
            text = text[: len(text) // 2]
    (folder / filename).write_text(text, encoding="utf-8")


def _cells(notebook, grade_id):
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]


def _delete(notebook, grade_id):
    notebook.cells = [c for c in notebook.cells if c not in _cells(notebook, grade_id)]


def _duplicate(notebook, grade_id):
    (cell,) = _cells(notebook, grade_id)
    twin = copy.deepcopy(cell)
    twin["id"] = uuid.uuid4().hex[:8]
    notebook.cells.insert(notebook.cells.index(cell) + 1, twin)


def _rename_cell(notebook, old, new):
    (cell,) = _cells(notebook, old)
    cell.metadata.nbgrader["grade_id"] = new


def _unmark(notebook, grade_id):
    (cell,) = _cells(notebook, grade_id)
    del cell.metadata["nbgrader"]


DAMAGE = {
    "delete": _delete,
    "duplicate": _duplicate,
    "rename-cell": _rename_cell,
    "unmark": _unmark,
}


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory):
    """The catalogue graded once by the real pipeline: (root, gradebook, printed lines)."""
    root = scratch_course(tmp_path_factory.mktemp("catalogue"))
    with open(root / "autograde" / "nbgrader_config.py", "a", encoding="utf-8") as file:
        file.write(TEST_LIMITS)
    for case in CASES:
        submit_case(root, case)
    lines = []
    pipeline.grade(root, out=lines.append)
    with Gradebook(f"sqlite:///{root}/autograde/gradebook.db") as gradebook:
        yield root, gradebook, lines


def test_the_catalogue_is_large_enough():
    """Does the catalogue hold at least 15 submissions, each declaring every score?"""
    everything = [read_case(p) for p in sorted(CATALOGUE.glob("*/*.py"))]
    assert len(everything) >= 15
    for case in everything:
        source = nbformat.read(
            REPO / "solutions" / case.assignment / f"{case.assignment}.ipynb", as_version=4
        )
        graded = {
            c.metadata.nbgrader.grade_id
            for c in source.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
        }
        assert set(case.scores) == graded, f"{case.path}: scores for {sorted(graded)}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.assignment}/{c.name}" for c in CASES])
def test_submission_gets_its_scores(catalogue, case):
    """Does each catalogue submission get exactly the score it declares, cell by cell?"""
    _, gradebook, lines = catalogue
    scores = cell_scores(gradebook, case.assignment, case.student)
    got = {grade_id: score for grade_id, (score, _) in scores.items()}
    assert got == case.scores, "\n".join(line for line in lines if case.student in line)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.assignment}/{c.name}" for c in CASES])
def test_problems_are_reported_by_student(catalogue, case):
    """Is every declared problem on the student's line of the report, and nothing else?"""
    root, _, _ = catalogue
    report = (root / "autograde" / "reports" / "report.md").read_text(encoding="utf-8")
    mine = [line for line in report.splitlines() if line.startswith(f"- {case.student} · ")]
    for phrase in case.reports:
        assert any(phrase in line for line in mine), f"{phrase!r} not in {mine}"
    if not case.reports:
        assert not mine, mine


def _case(name):
    found = [c for c in CASES if c.name == name]
    if not found:
        pytest.skip(f"{name} is not in the selected assignments")
    return found[0]


def test_a_flood_of_output_leaves_a_small_graded_notebook(catalogue):
    """50 MB printed by an answer: is the graded notebook under 1 MB?"""
    root, _, _ = catalogue
    case = _case("flood")
    graded = root / "autograde" / "autograded" / case.student / case.assignment
    assert (graded / f"{case.assignment}.ipynb").stat().st_size < 1_000_000


def hidden_lines(assignment):
    """The lines of hidden test code of a notebook that appear nowhere in its release."""
    source = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    release = (REPO / "notebooks" / assignment / f"{assignment}.ipynb").read_text()
    hidden = set()
    for cell in source.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside:
                hidden.add(line.strip())
    visible = json.loads(release)
    text = "\n".join("".join(c["source"]) for c in visible["cells"]).replace("`", "")
    return {line for line in hidden if len(line) >= 16 and line not in text} | {
        "BEGIN HIDDEN TESTS"
    }


@pytest.mark.parametrize("name", ["fails-hidden", "exfiltrate"])
def test_feedback_shows_no_hidden_test_code(catalogue, name):
    """Failing hidden tests, or printing them: is the feedback free of hidden test code?"""
    root, _, _ = catalogue
    case = _case(name)
    html = (
        root / "autograde" / "feedback" / case.student / case.assignment / f"{case.assignment}.html"
    ).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("&quot;", '"').replace("&#39;", "'")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    leaked = [line for line in hidden_lines(case.assignment) if line in text]
    assert not leaked, leaked[:5]
    if name == "fails-hidden":
        assert "the bias is missing" in text  # the failure message stays


def test_progress_lines_name_student_assignment_and_score(catalogue):
    """Does the run print one `[k/N] student assignment score/max` line per submission?"""
    _, _, lines = catalogue
    progress = [line for line in lines if re.match(r"\[\d+/\d+\] ", line)]
    assert len(progress) == len(CASES)
    assert any(re.match(r"\[\d+/\d+\] \S+ \S+ \d+(\.\d+)?/\d+", line) for line in progress)


def test_grades_csv_and_a_score_plot_per_assignment(catalogue):
    """Are grades.csv (every student) and one score histogram per assignment written?"""
    root, _, _ = catalogue
    csv = (root / "autograde" / "grades.csv").read_text(encoding="utf-8")
    assert all(case.student in csv for case in CASES)
    for assignment in {case.assignment for case in CASES}:
        assert (root / "autograde" / "reports" / f"{assignment}-scores.png").stat().st_size > 0


def test_grading_again_changes_nothing_until_a_submission_changes(catalogue):
    """Run it again: is nothing rewritten? Then change one submission: is only it regraded?"""
    root, _, _ = catalogue
    outputs = [
        root / "autograde" / "gradebook.db",
        root / "autograde" / "grades.csv",
        root / "autograde" / "reports" / "report.md",
        *sorted((root / "autograde" / "feedback").rglob("*.html")),
    ]
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in outputs}
    lines = []
    pipeline.grade(root, out=lines.append)
    assert any("grading 0 of" in line for line in lines), lines
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in outputs} == before

    case = next(c for c in CASES if c.name == "fails-hidden")
    folder = root / "autograde" / "submitted" / case.student / case.assignment
    _, solved = course.make_submission(root, case.assignment, {}, base="solution")
    nbformat.write(solved, folder / f"{case.assignment}.ipynb")
    lines = []
    pipeline.grade(root, out=lines.append)
    assert any("grading 1 of" in line for line in lines), lines
    with Gradebook(f"sqlite:///{root}/autograde/gradebook.db") as gradebook:
        scores = cell_scores(gradebook, case.assignment, case.student)
    assert all(score == points for score, points in scores.values()), scores


def test_state_json_is_valid(catalogue):
    """Is the pipeline's state readable JSON that lists every submission?"""
    root, _, _ = catalogue
    state = json.loads((root / "autograde" / ".grading" / "state.json").read_text())
    assert {f"{c.student}/{c.assignment}" for c in CASES} <= set(state["submissions"])
