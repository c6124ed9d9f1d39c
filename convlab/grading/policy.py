"""What the jails hide and how much they allow: one configurable policy, two jails.

``c.Sandbox.*`` in ``autograde/nbgrader_config.py`` sets it. The grading kernel may import
convlab (the notebook's setup cell needs its checks and figures) but never
``convlab.grading``; the re-check runner gets NumPy and nothing of convlab, SciPy or
PyTorch. Both lose sight of the course folder, the home folder and every temporary
folder, and run under the limits below.
"""

import functools
from pathlib import Path

from traitlets import Bool, Dict, Int, List, Unicode
from traitlets.config import LoggingConfigurable

from . import sandbox

HERE = Path(__file__).resolve().parent
MB = 1 << 20


class Sandbox(LoggingConfigurable):
    """The jail policy for grading kernels and re-check runners."""

    enabled = Bool(True, help="Run student code in a jail (False: trust it, as nbgrader does)").tag(
        config=True
    )
    required = Bool(
        True,
        help="Refuse to grade when no jail can be set up here (False: warn and grade without)",
    ).tag(config=True)
    hidden_paths = List(
        Unicode(), help="Folders student code must not see (the course root, at least)"
    ).tag(config=True)
    kernel_memory = Int(4096 * MB, help="Address-space limit of a grading kernel, bytes").tag(
        config=True
    )
    kernel_cpu = Int(900, help="CPU seconds a grading kernel may use in all").tag(config=True)
    runner_memory = Int(2048 * MB, help="Address-space limit of a re-check runner, bytes").tag(
        config=True
    )
    runner_cpu = Int(60, help="CPU seconds a re-check runner may use").tag(config=True)
    tmp_size = Int(256 * MB, help="Size of the jail's writable /tmp, bytes").tag(config=True)
    file_size = Int(64 * MB, help="Largest file student code may write, bytes").tag(config=True)
    runner_blocked = List(
        Unicode(),
        ["convlab", "scipy", "torch", "torchvision"],
        help="Packages the re-check runner cannot import (answers use NumPy only)",
    ).tag(config=True)
    extra_limits = Dict(help="Other setrlimit values, by sandbox.DEFAULT_LIMITS name").tag(
        config=True
    )

    def usable(self):
        """True when jails are on and work here; raises JailError when required but broken."""
        if not self.enabled:
            return False
        reason = _probe()
        if reason is None:
            return True
        if self.required:
            raise sandbox.JailError(
                f"{reason}. Student code would run with the grader's rights; set "
                "c.Sandbox.required = False in autograde/nbgrader_config.py to grade anyway."
            )
        self.log.warning("grading without a jail: %s", reason)
        return False

    def kernel_spec(self, cwd, private):
        """The jail of a grading kernel working in `cwd`, talking through folder `private`."""
        import convlab

        package = Path(convlab.__file__).resolve().parent
        spec = self._spec(
            expose=[str(package)],
            hide=[str(package / "grading")],
            bind=[private],
            cwd=cwd,
            limits={"address_space": self.kernel_memory, "cpu": self.kernel_cpu},
        )
        spec["files"].update(_matplotlib_cache())
        spec["files"].update(_small_files(cwd))
        spec["env"].update(MPLCONFIGDIR="/tmp/.matplotlib", IPYTHONDIR="/tmp/.ipython")
        # The kernel is PID 1 of its namespace: its parent is out of sight, and 1 tells
        # ipykernel not to watch it (the monitor kills the kernel when the grader goes).
        spec["env"].update(JUPYTER_RUNTIME_DIR="/tmp/.jupyter", JPY_PARENT_PID="1")
        return spec

    def runner_spec(self):
        """The jail of a re-check runner: NumPy, no convlab, no network, small limits."""
        blocked = [str(p) for name in self.runner_blocked for p in _package_paths(name)]
        limits = {"address_space": self.runner_memory, "cpu": self.runner_cpu}
        return self._spec(hide=blocked, cwd="/tmp/work", limits=limits)

    def _spec(self, cwd, limits, expose=(), hide=(), bind=()):
        hide = [*self.hidden_paths, *_checkout(), *hide]
        tmpfs = {"/tmp": self.tmp_size}
        if not cwd.startswith("/tmp/"):
            tmpfs[cwd] = self.tmp_size
        limits = {**limits, "file_size": self.file_size, **self.extra_limits}
        return sandbox.make_spec(
            hide=hide,
            expose=expose,
            bind=bind,
            tmpfs=tmpfs,
            cwd=cwd,
            limits=limits,
        )


@functools.lru_cache(maxsize=1)
def _probe():
    return sandbox.probe()


def _checkout():
    """The course checkout convlab is imported from (an editable install), as a list."""
    import convlab

    parent = Path(convlab.__file__).resolve().parent.parent
    return [str(parent)] if (parent / "autograde" / "nbgrader_config.py").is_file() else []


def _package_paths(name):
    """Where package `name` lives (folders and editable-install finders), or []."""
    import importlib.util

    try:
        found = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return []
    if found is None:
        return []
    return [str(Path(p).resolve()) for p in (found.submodule_search_locations or [])]


def _matplotlib_cache():
    """matplotlib's font list, copied in so a kernel does not rebuild it (seconds)."""
    try:
        import matplotlib
    except ImportError:
        return {}
    cache = Path(matplotlib.get_cachedir())
    return {f"/tmp/.matplotlib/{p.name}": str(p) for p in cache.glob("fontlist-*.json")}


def _small_files(folder, limit=8 * MB):
    """Files the learner submitted next to the notebook (not notebooks), copied into the jail."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {
        str(path): str(path)
        for path in folder.iterdir()
        if path.is_file() and path.suffix != ".ipynb" and path.stat().st_size <= limit
    }
