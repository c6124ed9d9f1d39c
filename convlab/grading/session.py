"""One re-check runner: a jailed process, fed a request, read with deadlines and a budget.

The runner (:mod:`convlab.grading.runner`) runs in the jail of
:meth:`~convlab.grading.policy.Sandbox.runner_spec`, or, where no jail can be made and
the policy allows it, as a plain subprocess whose imports of convlab, SciPy and PyTorch
are refused. Its printed output is drained (the first 2000 bytes kept for messages); its
results arrive as frames on a pipe of their own, never more than a byte budget.
"""

import functools
import io
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import runner, sandbox

SANDBOX_SCRIPT = str(Path(sandbox.__file__).resolve())
KEPT_OUTPUT = 2000  # bytes of the runner's printed output kept for messages
IMPORT_BLOCKER = """
import sys
class _Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError(f"{{name}} is not available when answers are re-checked")
sys.meta_path.insert(0, _Blocked())
"""


@functools.cache
def _runner_source():
    """runner.py's source: the jailed runner runs it without importing convlab."""
    return Path(runner.__file__).read_text(encoding="utf-8")


class RunnerSession:
    """One jailed runner: send the request, read result frames with deadlines and a budget."""

    def __init__(self, policy, max_bytes):
        self.policy = policy
        self.max_bytes = max_bytes
        self.broken = None  # why the runner can answer no more
        self._buffer = b""
        self._received = 0
        self._printed = b""
        self._folder = None
        self.process = None

    def start(self, request):
        results_read, results_write = os.pipe()
        command = [*self._command(), str(results_write)]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(results_write,),
            start_new_session=True,
            env=sandbox.safe_environment(),
        )
        os.close(results_write)
        self._results = results_read
        os.set_blocking(self._results, False)
        os.set_blocking(self.process.stdout.fileno(), False)
        try:
            self.process.stdin.write(request)
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # it died at once; reading says so

    def _command(self):
        self._jailed = self.policy.usable()
        python = [sys.executable, "-I"]
        if not self._jailed:
            blocker = IMPORT_BLOCKER.format(blocked=set(self.policy.runner_blocked))
            return [*python, "-c", blocker + _runner_source()]
        self._folder = tempfile.mkdtemp(prefix="convlab-runner-")
        spec_path = os.path.join(self._folder, "jail.json")
        with open(spec_path, "w", encoding="utf-8") as file:
            json.dump(self.policy.runner_spec(), file)
        launcher = [sys.executable, "-S", SANDBOX_SCRIPT, "run", spec_path, "--"]
        return [*launcher, *python, "-c", _runner_source()]

    def next_frame(self, deadline):
        """The next result frame, or None (then `broken` says why) by `deadline`."""
        while self.broken is None:
            frame = self._parse()
            if frame is not None:
                return frame
            left = deadline - time.monotonic()
            if left <= 0:
                self.broken = "it took too long (over the time limit: an endless loop?)"
            elif not self._read(left):
                self.broken = self._ended()
        return None

    def _parse(self):
        stream = io.BytesIO(self._buffer)
        try:
            frame = runner.read_frame(stream, self.max_bytes)
        except ValueError as error:
            if "ended early" in str(error):
                return None
            self.broken = f"its results could not be read ({error})"
            return None
        except Exception as error:  # malformed JSON or .npy data
            self.broken = f"its results could not be read ({type(error).__name__})"
            return None
        if frame is not None:
            self._buffer = self._buffer[stream.tell() :]
        return frame

    def _read(self, timeout):
        """Wait up to `timeout` s for output; False when the runner has closed its results."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._results, selectors.EVENT_READ, "results")
            selector.register(self.process.stdout, selectors.EVENT_READ, "printed")
            for key, _ in selector.select(min(timeout, 1.0)):
                data = os.read(key.fd, 1 << 20)
                if key.data == "printed":
                    self._printed = (self._printed + data)[:KEPT_OUTPUT]
                    continue
                if not data:
                    return False
                self._received += len(data)
                if self._received > self.max_bytes:
                    self.broken = f"it sent more than {self.max_bytes} bytes of results"
                self._buffer += data
        return True

    def _ended(self):
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code == 0:
            return "it ended early"
        if code >= 128:
            number = code - 128
            if number == signal.SIGKILL:
                return "it was killed (out of memory, or over a limit)"
            return f"it was ended by signal {number} (over a limit, or a crash)"
        return f"it exited with code {code} (os._exit, sys.exit or a crash)"

    def failure(self, function):
        """The message for an exercise the runner could not finish."""
        printed = self._printed.decode("utf-8", "replace").strip()
        tail = f"\n  its output began: {printed[:500]}" if printed else ""
        return f"✗ {function}: the re-check could not finish: {self.broken}{tail}\n"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        if self.process is not None:
            self.process.stdout.close()
            os.close(self._results)
        if self._folder:
            for name in os.listdir(self._folder):
                os.unlink(os.path.join(self._folder, name))
            os.rmdir(self._folder)
