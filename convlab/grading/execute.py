"""nbgrader's Execute for untrusted notebooks: crashes, endless loops and floods of output.

Plain nbgrader loses the whole submission when the kernel dies (``os._exit``, a segfault,
running out of memory) or ignores the interrupt sent at a timeout, and keeps 1000 lines of
output however long each line is. :class:`GuardedExecute` instead:

- grades what was reached: the cell where the kernel died gets an error saying how it
  died, every later code cell an error saying it was not run; cells before keep their
  results (a test cell that passed keeps its points);
- kills a kernel that does not answer an interrupt (an endless loop that catches
  ``KeyboardInterrupt`` or ignores SIGINT) and treats it as dead, and stops running cells
  once the notebook has used ``notebook_timeout`` seconds;
- caps output in bytes, while it arrives (so a flood never fills the grader's memory) and
  per cell and per notebook in the graded file;
- starts kernels jailed (:class:`~convlab.grading.kernel.SandboxKernelManager`) and
  shuts them down at once when the notebook is done.
"""

import json
import time

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Int

from .kernel import SandboxKernelManager

KIB = 1 << 10
SIGNALS = {
    6: "was aborted (SIGABRT; often a C library out of memory)",
    9: "was killed (SIGKILL: out of memory, or over a limit)",
    11: "crashed (segmentation fault)",
    24: "used up its CPU time (SIGXCPU)",
}


class GuardedExecute(Execute):
    """Execute cells in a jailed kernel; survive its death; cap time and output bytes."""

    notebook_timeout = Int(
        600, help="Seconds all cells of a notebook may take together; later cells are not run"
    ).tag(config=True)
    max_stream_bytes = Int(64 * KIB, help="Bytes of printed text kept per cell").tag(config=True)
    max_cell_bytes = Int(2048 * KIB, help="Bytes of output kept per cell").tag(config=True)
    max_notebook_bytes = Int(8192 * KIB, help="Bytes of output kept per notebook").tag(config=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._stopped = None  # why no more cells run, once the kernel is gone
        self._deadline = time.monotonic() + self.notebook_timeout
        self._notebook_bytes = 0
        self.timeout_func = self._cell_timeout
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        self._cell_bytes = self._stream_bytes = 0
        self._truncated = False
        if self._stopped is None and time.monotonic() >= self._deadline:
            self._stop(f"the notebook used up its {self.notebook_timeout} s")
        if self._stopped is not None:
            cell.outputs = [error_output("NotRun", f"not run: {self._stopped}")]
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            why = f"the kernel {self._death()} while running this cell"
            cell.outputs.append(error_output("KernelDied", why))
            self._stopped = why.replace("this cell", f"cell {index}")
        except CellTimeoutError:
            why = "did not stop at its time limit and ignored the interrupt"
            cell.outputs.append(error_output("CellTimeoutError", f"this cell {why}"))
            self._stop(f"cell {index} {why}, so the kernel was killed")
        self._limit_cell(cell)
        return cell, resources

    def _cell_timeout(self, cell):
        left = self._deadline - time.monotonic()
        return max(1, int(min(self.timeout or left, left) + 0.999))

    def _stop(self, why):
        """Kill the kernel; no later cell runs."""
        self._stopped = why
        try:
            self.km.provisioner.process.kill()
        except (AttributeError, OSError):
            pass

    def _death(self):
        """How the kernel died, from the exit code of its process."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        code = process.poll() if process is not None else None
        if code is None:
            return "died"
        if code > 128 or code < 0:
            number = code - 128 if code > 128 else -code
            return SIGNALS.get(number, f"was killed by signal {number}")
        return f"exited with code {code} (os._exit, or a crash)"

    # ------------------------------------------------------------------ output bytes

    def output(self, outs, msg, display_id, cell_index):
        """Keep output while the cell's and the notebook's byte budgets last.

        Errors and text on stderr are always kept (shortened): they decide a test cell's
        score, and a flood of output must not be able to push them out.
        """
        kind, content = msg["msg_type"], msg.get("content", {})
        if kind == "error":
            _shorten_error(content)
        elif kind == "stream":
            text = content.get("text", "")
            content["text"] = _cut(text, max(0, min(self._room(), self._stream_room())))
            if content["text"] != text:
                self._note_truncated(outs)
                if content["name"] == "stderr" and not content["text"]:
                    content["text"] = "[...]\n"
            if not content["text"]:
                return None
            self._stream_bytes += len(content["text"].encode())
        elif _size(content) > self._room():
            self._note_truncated(outs)
            if kind != "execute_result":
                return None
            plain = str(content.get("data", {}).get("text/plain", ""))
            content.update(data={"text/plain": _cut(plain, KIB)}, metadata={})
        size = _size(content)
        self._cell_bytes += size
        self._notebook_bytes += size
        return super().output(outs, msg, display_id, cell_index)

    def _room(self):
        return min(
            self.max_cell_bytes - self._cell_bytes,
            self.max_notebook_bytes - self._notebook_bytes,
        )

    def _stream_room(self):
        return self.max_stream_bytes - self._stream_bytes

    def _note_truncated(self, outs):
        if not self._truncated:
            self._truncated = True
            note = (
                f"\n[output truncated: over the grader's limit ({self.max_stream_bytes} bytes "
                f"of text, {self.max_cell_bytes} bytes in all per cell)]\n"
            )
            outs.append(NotebookNode(output_type="stream", name="stdout", text=note))

    def _limit_cell(self, cell):
        """Cut what arrived another way (the reply's error, display updates) to the limits."""
        for index, output in enumerate(cell.outputs):
            if output.output_type == "error":
                _shorten_error(output)
            elif output.output_type == "display_data" and _size(output) > self.max_cell_bytes:
                note = "[a display over the grader's size limit was removed]\n"
                cell.outputs[index] = NotebookNode(output_type="stream", name="stdout", text=note)


def error_output(name, message):
    """An nbformat error output (nbgrader scores a cell with one as failed)."""
    return NotebookNode(
        output_type="error", ename=name, evalue=message, traceback=[f"{name}: {message}"]
    )


def _shorten_error(error):
    """Error message and traceback lines cut to 4 KiB each, at most 200 lines."""
    error["evalue"] = _cut(str(error.get("evalue", "")), 4 * KIB)
    error["traceback"] = [_cut(str(line), 4 * KIB) for line in error.get("traceback", [])[-200:]]


def _size(content):
    return len(json.dumps(content, default=str))


def _cut(text, limit):
    """`text` cut to at most `limit` bytes of UTF-8."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore") + " [...]"
