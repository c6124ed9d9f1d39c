"""The jail (convlab.grading.sandbox): what can student code see, change and use up?"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from convlab.grading import sandbox
from convlab.grading.policy import Sandbox

from .course_helpers import REPO

REASON = sandbox.probe()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REASON is not None, reason=f"no jail here: {REASON}"),
]

PROBE = """
import json, os, socket, sys
seen = {"uid": os.getuid(), "pid": os.getpid(), "cwd": os.getcwd()}
seen["visible"] = sorted(p for p in sys.argv[2:] if os.path.exists(p))
seen["processes"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
def attempt(action):
    try:
        action()
        return "done"
    except Exception as error:
        return type(error).__name__
seen["write_repo"] = attempt(lambda: open(sys.argv[1] + "/written", "w"))
seen["write_tmp"] = attempt(lambda: open("/tmp/written", "w").write("x"))
seen["network"] = attempt(lambda: socket.create_connection(("127.0.0.1", 22), timeout=1))
seen["session"] = [os.getsid(0), os.getpgid(0)]
print(json.dumps(seen))
"""


def jailed(code, *args, spec=None, timeout=60):
    """Run Python `code` in a jail (`spec`, default the runner's); (exit code, output)."""
    spec = spec or Sandbox().runner_spec()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jail.json"
        path.write_text(json.dumps(spec))
        command = [sys.executable, "-S", sandbox.__file__, "run", str(path), "--"]
        command += [sys.executable, "-I", "-c", code, *map(str, args)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    return result.returncode, result.stdout + result.stderr


def test_student_code_sees_no_course_and_no_grader(tmp_path):
    """Are the course, the home folder, /tmp and other processes out of sight, as nobody?"""
    (tmp_path / "other-student.ipynb").write_text("{}")
    files = [
        REPO / "README.md",
        REPO / "solutions",
        REPO / "autograde" / "nbgrader_config.py",
        tmp_path / "other-student.ipynb",
        *[p for p in Path.home().iterdir()][:3],
    ]
    code, output = jailed(PROBE, REPO, *files)
    seen = json.loads(output.splitlines()[-1])
    assert code == 0, output
    assert os.getuid() != 0 or seen["uid"] == sandbox.NOBODY
    assert seen["pid"] == 1 and seen["processes"] == [1]
    assert seen["visible"] == [], seen["visible"]
    assert seen["write_repo"] != "done" and seen["write_tmp"] == "done"
    assert seen["network"] != "done"
    assert seen["session"] == [1, 1]  # its own session: kill(0, ...) reaches no other jail


def test_the_runner_cannot_import_convlab_or_scipy():
    """Is the reference out of reach (answers use NumPy only)?"""
    code, output = jailed(
        "import numpy\nfor name in ('convlab', 'scipy.signal'):\n"
        "    try:\n        __import__(name); print(name, 'imported')\n"
        "    except ImportError:\n        print(name, 'refused')"
    )
    assert code == 0 and "convlab refused" in output and "scipy.signal refused" in output


def test_the_kernel_jail_exposes_convlab_but_not_its_grading_code(tmp_path):
    """Can a kernel import convlab's checks, and not read convlab.grading or the course?"""
    private = tmp_path / "private"
    private.mkdir(mode=0o777)
    private.chmod(0o777)
    spec = Sandbox().kernel_spec(str(tmp_path / "work"), str(private))
    code, output = jailed(
        "import os, convlab, convlab.checks\n"
        "here = os.path.dirname(convlab.__file__)\n"
        "print(os.listdir(os.path.join(here, 'grading')), os.path.exists(here + '/../solutions'))",
        spec=spec,
    )
    assert code == 0 and output.strip().endswith("[] False"), output


def test_memory_bomb_ends_in_memory_error():
    """Does an allocation beyond the limit fail at once instead of starving the machine?"""
    spec = Sandbox(runner_memory=512 << 20).runner_spec()
    code, output = jailed("import numpy\nnumpy.ones(10**9)", spec=spec)
    assert code != 0 and "MemoryError" in output


def test_cpu_limit_ends_an_endless_loop():
    """Is a process that spins past its CPU seconds killed?"""
    spec = Sandbox(runner_cpu=1).runner_spec()
    code, _ = jailed("while True: pass", spec=spec, timeout=30)
    assert code >= 128


def test_a_folder_exposed_under_tmp_shows_through_the_jails_own_tmp():
    """A checkout under /tmp (CI's clean clone, with its .venv): the jail's writable /tmp
    must not cover the Python installation exposed inside it, yet /tmp's other files stay
    hidden."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        exposed, other = Path(folder) / "venv", Path(folder) / "secret"
        exposed.mkdir()
        (exposed / "lib.txt").write_text("visible")
        other.write_text("hidden")
        spec = Sandbox().runner_spec()
        spec["expose"].append(str(exposed))
        code, output = jailed(
            "import os, sys; print(open(sys.argv[1]).read(), os.path.exists(sys.argv[2]))",
            exposed / "lib.txt",
            other,
            spec=spec,
        )
    assert code == 0, output
    assert output.split()[-2:] == ["visible", "False"]
