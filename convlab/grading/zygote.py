"""A zygote: one process with the kernel's libraries imported forks every grading kernel.

A fresh IPython kernel spends about 1.5 s importing ipykernel, NumPy, matplotlib and
convlab before a notebook's first cell does anything. The zygote imports them once; for
each kernel it forks a *monitor*, whose child becomes PID 1 of a new jail
(:func:`convlab.grading.sandbox.start`) and runs the kernel from the modules already in
memory. The zygote itself never runs student code, and every kernel is a new process
forked from it, so kernels share nothing.

Protocol (over a Unix socket only the grader can reach): the stub
(``sandbox.py attach``, the command jupyter_client starts as "the kernel") sends a
length-prefixed JSON request ``{"spec": jail spec, "argv": kernel command}`` with its
stdin, stdout and stderr attached; then single bytes ``I`` (interrupt) or ``K`` (kill);
the monitor answers with the kernel's exit code and a newline. When the stub's end
closes, the kernel is killed.
"""

import importlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import sandbox

PRELOAD = (
    "numpy",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "ipywidgets",
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # imports debugpy: half a second
    "convlab",
    "convlab.checks",
    "convlab.data",
    "convlab.viz",
    "convlab.widgets",
)


class Zygote:
    """A running zygote process (a context manager that stops it on exit).

    Parameters
    ----------
    preload : sequence of str
        Modules to import before forking kernels.
    """

    def __init__(self, preload=PRELOAD):
        self.folder = Path(tempfile.mkdtemp(prefix="convlab-zygote-"))  # mode 700
        self.socket = str(self.folder / "socket")
        command = [sys.executable, "-m", "convlab.grading.zygote", self.socket, *preload]
        self.process = subprocess.Popen(command, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the kernel zygote did not start")
            time.sleep(0.02)

    def stop(self):
        """End the zygote (kernels it made keep running until their stubs end)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def serve(socket_path, preload):
    """Import `preload`, then fork a monitored, jailed kernel for each connection."""
    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's warning about frozen modules
    for name in preload:
        importlib.import_module(name)
    sandbox._prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGKILL)  # the grader ended: so do we
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # monitors are reaped automatically
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path + ".new")
    listener.listen(64)
    os.rename(socket_path + ".new", socket_path)  # ready
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            os._exit(_monitor(connection))
        connection.close()


def _monitor(connection):
    """Receive the request, start the jailed kernel, relay signals, report its exit code."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    code = sandbox.KILLED
    try:
        request, stdio = _receive(connection)
        pid = sandbox.start(request["spec"], lambda: _kernel(request["argv"], stdio, connection))
        for fd in stdio:
            os.close(fd)
        code = sandbox.supervise(pid, connection)
        connection.sendall(f"{code}\n".encode())
    except OSError:
        pass  # the stub is gone: nobody to tell
    return 0


def _receive(connection):
    message, fds, _, _ = socket.recv_fds(connection, 4096, 3)
    size = struct.unpack("!I", message[:4])[0]
    body = message[4:]
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            raise OSError("the stub closed its connection")
        body += chunk
    return json.loads(body), fds


def _kernel(argv, stdio, connection):
    """In the jail: take the stub's stdio, close the zygote's sockets, run ipykernel."""
    connection.close()
    for target, fd in enumerate(stdio):
        os.dup2(fd, target)
    os.closerange(3, 1 << 16)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    module = argv.index("-m") + 1 if "-m" in argv else None
    if module is None or argv[module] != "ipykernel_launcher":
        sandbox.execute(argv)()  # not an IPython kernel: run the command itself
    # ipykernel read JPY_PARENT_PID when the zygote imported it: say again that the
    # kernel's parent (outside its PID namespace) is not to be watched.
    sys.argv = [argv[module], *argv[module + 1 :], "--IPKernelApp.parent_handle=1"]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
