"""The kernel manager of grading: every kernel starts in a jail, ideally from a zygote.

nbgrader's Execute asks jupyter_client for a kernel; this manager changes two things:

- the kernel talks over Unix sockets in a private folder (``transport = "ipc"``), the only
  folder of the grader it can reach, so it needs no network at all;
- its command is wrapped: ``sandbox.py attach`` asks the zygote (when ``zygote`` names its
  socket) for a kernel forked from preloaded libraries, ``sandbox.py run`` otherwise
  starts ``python -m ipykernel_launcher`` in a jail. jupyter_client sees an ordinary
  process: interrupting or killing it interrupts or kills the kernel.
"""

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

from . import sandbox
from .policy import Sandbox

SANDBOX_SCRIPT = str(Path(sandbox.__file__).resolve())


class SandboxKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernels run jailed (see :class:`~.policy.Sandbox`)."""

    zygote = Unicode("", help="Socket of a running zygote; empty: start each kernel anew").tag(
        config=True
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.policy = Sandbox(parent=self)
        self.jailed = self.policy.usable()
        # A short path: Unix socket names are limited to 107 bytes.
        self.private = tempfile.mkdtemp(prefix="clk-")
        if self.jailed and os.geteuid() == 0:
            os.chown(self.private, sandbox.NOBODY, sandbox.NOBODY)
        self.transport = "ipc"
        self.ip = os.path.join(self.private, "k")
        self.connection_file = os.path.join(self.private, "kernel.json")

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        if self.jailed and os.geteuid() == 0:
            os.chown(self.connection_file, sandbox.NOBODY, sandbox.NOBODY)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        if not self.jailed:
            return command
        cwd = str(self._launch_args.get("cwd") or os.getcwd())
        spec_path = os.path.join(self.private, "jail.json")
        with open(spec_path, "w", encoding="utf-8") as file:
            json.dump(self.policy.kernel_spec(os.path.realpath(cwd), self.private), file)
        launcher = [sys.executable, "-S", SANDBOX_SCRIPT]
        if self.zygote:
            return [*launcher, "attach", self.zygote, spec_path, "--", *command]
        return [*launcher, "run", spec_path, "--", *command]

    @property
    def has_kernel(self):
        """A kernel process is running: not merely started once.

        jupyter_client signals the process *group* of a kernel it still holds, even after
        the process ended and was reaped; its number may then belong to another process
        (here often a jailed runner, which leads its own group). Asking ``poll()`` first
        closes that window: an unreaped process keeps its number.
        """
        process = getattr(self.provisioner, "process", None)
        return process is not None and process.poll() is None

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self.private, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources
