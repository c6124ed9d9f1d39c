"""What ``make grade`` tells the instructor: progress lines, the report, the score plots.

``autograde/reports/report.md`` lists, per assignment, the score distribution and every
problem found in a submission, each with what to do: structure damage (from
:mod:`convlab.grading.structure`), kernels that died or were stopped, answers that passed
in the notebook but failed the trusted re-check, output cut at the byte limit, and any
failure of the grader itself. The same problems are printed at the end of the run.
"""

import io
import json
from pathlib import Path

from . import structure
from .gradebook import write_if_changed

EVENTS = {
    "KernelDied": (
        "the kernel {evalue}: later cells were not run (they score 0)",
        "nothing to do; the student can run the notebook top to bottom to see it",
    ),
    "CellTimeoutError": (
        "a cell hit the time limit ({evalue})",
        "nothing to do; an endless loop in the student's code is the usual cause",
    ),
    "RecheckFailed": (
        "{test} passed in the notebook but failed the trusted re-check: {first}",
        "nothing to do (scored 0); an answer that calls convlab or SciPy, or patches the tests, "
        "passes in the notebook only",
    ),
}


def progress_line(number, total, result):
    """``[37/100] alice 02-conv2d 4.0/6``, with what went wrong when something did."""
    head = f"[{number}/{total}] {result.student} {result.assignment}"
    if result.error:
        return f"{head} ERROR: {result.error.strip().splitlines()[-1]}"
    if not result.graded:
        return f"{head} not graded: {result.findings[0].what if result.findings else '?'}"
    problems = f" ({len(result.findings)} problems)" if result.findings else ""
    return f"{head} {result.score:g}/{result.max_score:g}{problems}"


def events(path, student, assignment):
    """Findings (as dicts) for what happened while a graded notebook ran."""
    path = Path(path)
    if not path.exists():
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))  # no schema check: nbgrader wrote it
    found = []
    for cell in notebook["cells"]:
        test = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "a cell")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") in EVENTS:
                what, action = EVENTS[output["ename"]]
                lines = str(output.get("evalue", "")).splitlines()
                first = next((x.strip() for x in lines[1:] if x.strip()), "")
                text = what.format(evalue=lines[0] if lines else "", test=test, first=first)
                found.append(structure.Finding(student, assignment, structure.NOTE, text, action))
            elif output.get("output_type") == "stream" and "[output truncated" in "".join(
                output.get("text", "")
            ):
                found.append(
                    structure.Finding(
                        student,
                        assignment,
                        structure.NOTE,
                        f"output of {test} was cut at the grader's byte limit",
                        "nothing to do",
                    )
                )
    return [f.__dict__ for f in found]


def _problems(state, findings):
    """Every finding, as Finding objects: the run's and those stored per submission."""
    found = list(findings)
    for key, entry in sorted(state["submissions"].items()):
        found += [structure.Finding(**f) for f in entry.get("findings", [])]
        if entry.get("error"):
            student, assignment = key.split("/", 1)
            last = entry["error"].strip().splitlines()[-1]
            found.append(
                structure.Finding(
                    student,
                    assignment,
                    structure.NOT_GRADED,
                    f"the grader failed: {last}",
                    "see the traceback in autograde/.grading/state.json; fix and run again",
                )
            )
    return found


def summary(state, findings):
    """The lines printed at the end of a run: counts, then every problem."""
    problems = _problems(state, findings)
    lines = [f"{len(state['submissions'])} submissions graded; {len(problems)} problems"]
    return lines + [f"  {p.line()}" for p in problems]


def markdown(state, names, findings, plots):
    """The text of autograde/reports/report.md."""
    lines = ["# Grading report", "", "Written by `make grade` (`convlab grade`).", ""]
    for name, plot in zip(names, plots):
        entries = {k: v for k, v in state["submissions"].items() if k.endswith("/" + name)}
        scored = [v["score"] for v in entries.values() if v.get("graded")]
        lines += [f"## {name}", "", f"{len(entries)} submissions, {len(scored)} graded."]
        if scored:
            totals = sorted(s for s, _ in scored)
            top = scored[0][1]
            middle = totals[len(totals) // 2]
            lines.append(
                f"Automatic score (of {top:g}): lowest {totals[0]:g}, median {middle:g}, "
                f"highest {totals[-1]:g}."
            )
        if plot:
            lines += ["", f"![scores of {name}]({Path(plot).name})"]
        lines.append("")
    problems = _problems(state, findings)
    lines += ["## Problems", ""]
    lines += [f"- {p.line()}" for p in problems] or ["None."]
    return "\n".join(lines) + "\n"


def score_plot(folder, assignment, scores):
    """A histogram of total scores, ``<folder>/<assignment>-scores.png``; None if no scores."""
    if not scores:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    values = [score for score, _ in scores.values()]
    top = max(maximum for _, maximum in scores.values())
    figure = Figure(figsize=(6, 3.5), dpi=90)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    bins = [x - 0.5 for x in range(int(top) + 2)] if top <= 40 else 20
    ax.hist(values, bins=bins, color="#4c72b0", edgecolor="white")
    ax.set(
        title=f"{assignment}: {len(values)} submissions",
        xlabel=f"score (of {top:g}, manual grades included)",
        ylabel="students",
    )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    path = Path(folder) / f"{assignment}-scores.png"
    write_if_changed(path, buffer.getvalue())
    return path
