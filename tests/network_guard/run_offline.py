"""Run notebooks with nbclient, every kernel loading the network guard; write a JSON summary.

Usage: python run_offline.py SUMMARY.json NOTEBOOK... (tests/test_offline.py runs it, in a
network namespace with nothing but a loopback where the machine allows one). Each kernel
gets sitecustomize.py from this folder on its PYTHONPATH and a log of its own, and runs
with the explorers live (no NBGRADER_EXECUTION), as in a learner's JupyterLab.
"""

import json
import os
import socket
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

GUARD = Path(__file__).resolve().parent


def run(path):
    """Execute one notebook (errors allowed); its errors, unrun cells and network attempts."""
    path = Path(path)
    log = path.with_suffix(".network.log")
    log.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD), env.get("PYTHONPATH")]))
    env["CONVLAB_NETWORK_LOG"] = str(log)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=env)
    code = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    return {
        "path": str(path),
        "errors": [
            [i, o.ename, o.evalue] for i, c in code for o in c.outputs if o.output_type == "error"
        ],
        "unrun": [i for i, c in code if c.execution_count is None],
        "attempts": log.read_text().splitlines() if log.exists() else [],
    }


if __name__ == "__main__":
    summary_path, *notebooks = sys.argv[1:]
    with ProcessPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(run, notebooks))
    interfaces = [name for _, name in socket.if_nameindex()]  # what the kernels could use
    Path(summary_path).write_text(json.dumps({"interfaces": interfaces, "runs": runs}, indent=1))
