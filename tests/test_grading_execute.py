"""GuardedExecute (convlab.grading.execute): kernels that die, loop or flood."""

import nbformat
import pytest

from convlab.grading.execute import GuardedExecute

pytestmark = pytest.mark.slow


def run(*sources, **limits):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    GuardedExecute(**limits).preprocess(notebook, {"metadata": {"path": "/tmp"}})
    kinds = lambda cell: [(o.output_type, o.get("ename") or o.get("name")) for o in cell.outputs]  # noqa: E731
    return [kinds(cell) for cell in notebook.cells]


def test_a_dead_kernel_costs_only_the_cells_after_it():
    """os._exit in cell 2: cell 1 keeps its output, cell 2 says how, cell 3 was not run?"""
    outputs = run("print(1)", "import os; os._exit(3)", "print(3)")
    assert outputs == [[("stream", "stdout")], [("error", "KernelDied")], [("error", "NotRun")]]


def test_a_loop_that_ignores_the_interrupt_is_killed():
    """An endless loop that ignores SIGINT: killed at the time limit, the rest not run?"""
    loop = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: pass"
    outputs = run("print(1)", loop, "print(3)", timeout=3, iopub_timeout=2)
    assert outputs[1] == [("error", "CellTimeoutError")] and outputs[2] == [("error", "NotRun")]


def test_a_flood_is_cut_but_errors_and_stderr_stay():
    """Megabytes of output: cut to the limit, yet the error and stderr that score it kept?"""
    flood = "import sys\nprint('x' * 5_000_000)\nprint('e', file=sys.stderr)\nraise ValueError('v')"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [nbformat.v4.new_code_cell(flood)]
    GuardedExecute(max_stream_bytes=1000, max_cell_bytes=4000).preprocess(
        notebook, {"metadata": {"path": "/tmp"}}
    )
    outputs = notebook.cells[0].outputs
    assert len(nbformat.writes(notebook)) < 20_000
    assert any(o.output_type == "error" and o.ename == "ValueError" for o in outputs)
    assert any(o.output_type == "stream" and o.name == "stderr" for o in outputs)
