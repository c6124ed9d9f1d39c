"""A jail for untrusted code: Linux namespaces, an unprivileged user and resource limits.

Student code (the grading kernel, the re-check runner) runs in a child that is process 1 of
new mount, PID, network, IPC and UTS namespaces:

- *hidden* folders (the course, the home folder, the temporary folders) are covered by an
  empty tmpfs, then the few paths the code needs (the Python installation, for the kernel
  the ``convlab`` package) are bound back read-only: ``solutions/``, the gradebook, other
  submissions and convlab's grading code cannot be read;
- every other mount is remounted read-only; the only writable places are fresh, size-limited
  tmpfs mounts (``/tmp``, the working folder) and the folders bound read-write on purpose;
- no network (a fresh network namespace: the kernel talks over Unix sockets), a private
  ``/proc``, so other processes cannot be seen, signalled or traced;
- run as ``nobody`` when started as root (capabilities dropped); as another user, inside a
  user namespace mapped to that user, with every capability dropped;
- ``setrlimit``: address space (memory bombs end in MemoryError or a dead process), CPU
  time, file size, number of processes and open files.

This file uses the standard library only: it is also run as a script with ``python -S``
(``run``: jail a command; ``attach``: the stub that asks a zygote for a jailed kernel, see
:mod:`convlab.grading.zygote`), before and without importing convlab.

A *spec* is a JSON-able dict; :func:`make_spec` builds one with the defaults.
"""

import ctypes
import errno
import json
import os
import resource
import selectors
import signal
import socket
import struct
import sys
import tempfile

NOBODY = 65534
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME = (
    1024,
    2048,
    4096,
    16384,
    1 << 18,
    1 << 21,
)
ST_TO_MS = {1: MS_RDONLY, 2: MS_NOSUID, 4: MS_NODEV, 8: MS_NOEXEC, 1024: MS_NOATIME}
ST_TO_MS.update({2048: MS_NODIRATIME, 4096: MS_RELATIME})
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
KILLED = 137  # exit status reported for a jail killed before it could start

DEFAULT_LIMITS = {
    "address_space": 4 << 30,  # bytes of virtual memory
    "cpu": 600,  # CPU seconds
    "file_size": 64 << 20,  # bytes per file written
    "processes": 512,  # tasks of the sandbox user (threads count)
    "open_files": 256,
}
RLIMITS = {
    "address_space": resource.RLIMIT_AS,
    "cpu": resource.RLIMIT_CPU,
    "file_size": resource.RLIMIT_FSIZE,
    "processes": resource.RLIMIT_NPROC,
    "open_files": resource.RLIMIT_NOFILE,
}
SAFE_ENV = ("PATH", "LANG", "LANGUAGE", "TERM", "TZ", "NBGRADER_EXECUTION", "NBGRADER_VALIDATING")


class JailError(RuntimeError):
    """The jail could not be set up here (the message says why and what to do)."""


# ------------------------------------------------------------------ the spec


def make_spec(
    hide=(),
    expose=(),
    bind=(),
    tmpfs=None,
    files=None,
    cwd="/tmp",
    env=None,
    limits=None,
    network=False,
):
    """A jail spec with the defaults filled in.

    Parameters
    ----------
    hide : sequence of str
        Folders to cover with an empty tmpfs. The home folder and the temporary folders
        (``/tmp``, ``/var/tmp``, ``/dev/shm``, ``$TMPDIR``) are always hidden.
    expose : sequence of str
        Paths bound back read-only after hiding (the Python installation is always exposed).
    bind : sequence of str
        Existing folders bound read-write (e.g. the kernel's socket folder).
    tmpfs : dict of str -> int, optional
        Writable tmpfs mounts and their size in bytes; default ``{"/tmp": 256 MiB}``.
    files : dict of str -> str, optional
        ``{path inside: path outside}``: files copied in (read before anything is hidden).
    cwd : str
        Working folder inside the jail (made inside a writable tmpfs when it does not exist).
    env : dict, optional
        The environment; default: a few safe variables, ``HOME=/tmp``.
    limits : dict, optional
        Overrides of :data:`DEFAULT_LIMITS` (``None`` for a limit lifts it).
    network : bool
        Keep the host's network (default: a new, empty network namespace).
    """
    home = os.path.expanduser("~")
    hidden = [home, "/tmp", "/var/tmp", "/dev/shm", tempfile.gettempdir(), *hide]
    exposed = [sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))]
    return {
        "hide": _unique(os.path.realpath(p) for p in hidden if p and p != "/"),
        "expose": _outermost(os.path.realpath(p) for p in [*exposed, *expose]),
        "bind": _unique(os.path.realpath(p) for p in bind),
        "tmpfs": dict(tmpfs or {"/tmp": 256 << 20}),
        "files": dict(files or {}),
        "cwd": cwd,
        "env": dict(env if env is not None else safe_environment()),
        "limits": {**DEFAULT_LIMITS, **(limits or {})},
        "network": bool(network),
    }


def safe_environment(extra=None):
    """The few variables a jailed process may see, with HOME and TMPDIR in the jail's /tmp."""
    env = {key: os.environ[key] for key in SAFE_ENV if key in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.update(HOME="/tmp", TMPDIR="/tmp", PYTHONDONTWRITEBYTECODE="1")
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.update(extra or {})
    return env


def _outermost(paths):
    """The paths without those inside another one of them."""
    paths = _unique(paths)
    inside = lambda p, q: p != q and p.startswith(q.rstrip("/") + "/")  # noqa: E731
    return [p for p in paths if not any(inside(p, q) for q in paths)]


def _unique(paths):
    seen = []
    for path in paths:
        if path not in seen:
            seen.append(path)
    return seen


# ------------------------------------------------------------------ syscalls


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]
    return libc


def _check(result, what):
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def _mount(source, target, fstype, flags, data=None):
    encode = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(
        _libc().mount(encode(source), encode(target), encode(fstype), flags, encode(data)),
        f"mount {target}",
    )


def _unshare(flags):
    _check(_libc().unshare(flags), "unshare")


def _prctl(option, value):
    _check(_libc().prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def _drop_capabilities():
    """Empty the effective, permitted and inheritable capability sets (capset, v3)."""
    header = struct.pack("Ii", 0x20080522, 0)
    data = bytes(24)  # two __user_cap_data_struct of three u32, all zero
    libc = _libc()
    _check(libc.capset(ctypes.c_char_p(header), ctypes.c_char_p(data)), "capset")


# ------------------------------------------------------------------ entering the jail


def unshare_namespaces(spec):
    """Move this process into new namespaces; its next child will be PID 1 of the new one.

    As root the caller keeps its user; otherwise a user namespace maps the caller's own
    user and group (so the jailed code keeps no privilege outside).
    """
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS
    if not spec["network"]:
        flags |= CLONE_NEWNET
    uid, gid = os.geteuid(), os.getegid()
    if uid != 0:
        flags |= CLONE_NEWUSER
    _unshare(flags)
    if uid != 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1")):
            _write(f"/proc/self/{name}", text)
        _write("/proc/self/gid_map", f"{gid} {gid} 1")


def enter(spec):
    """Inside the new namespaces (as PID 1): build the file system, limit, drop privileges."""
    os.setsid()  # a process group of its own: kill(0, ...) reaches no other jail
    files = {inside: _read(outside) for inside, outside in spec["files"].items()}
    exposed = [p for p in spec["expose"] + spec["bind"] if os.path.exists(p)]
    keep = {path: os.open(path, os.O_PATH) for path in exposed}
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    uid, gid = (NOBODY, NOBODY) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    _cover(spec, keep, uid, gid)
    for path in spec["bind"]:
        if path in keep:
            _bind(keep[path], path, readonly=False)
    for fd in keep.values():
        os.close(fd)
    _remount_readonly([*spec["tmpfs"], *spec["bind"], "/proc", "/dev", "/sys"])
    _place_files(files, spec["cwd"], uid, gid)
    _limit(spec["limits"])
    _become(uid, gid)
    os.chdir(spec["cwd"])
    os.environ.clear()
    os.environ.update(spec["env"])


def _cover(spec, keep, uid, gid):
    """Hide, expose and mount the writable tmpfs folders, shallowest path first.

    A path hidden inside an exposed one stays hidden, and a path exposed inside a hidden or
    writable folder shows through it: the Python installation stays visible when it lives
    under ``/tmp`` (a checkout made there) or the home folder.
    """
    steps = [(p, "expose") for p in spec["expose"]] + [(p, "hide") for p in spec["hide"]]
    steps += [(p, "tmpfs") for p in spec["tmpfs"]]
    rank = {"expose": 0, "hide": 1, "tmpfs": 2}  # at one path, the last step wins
    for path, step in sorted(steps, key=lambda s: (s[0].count("/"), rank[s[1]])):
        if step == "hide" and os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
        elif step == "tmpfs":
            os.makedirs(path, exist_ok=True)
            options = f"size={spec['tmpfs'][path]},mode=700,uid={uid},gid={gid}"
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options)
        elif step == "expose" and path in keep:
            _bind(keep[path], path, readonly=True)


def _bind(fd, path, readonly):
    os.makedirs(path, exist_ok=True)
    _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
    if readonly:
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _locked_flags(path))


def _locked_flags(path):
    """The mount flags of `path` that an unprivileged remount must keep."""
    flags = os.statvfs(path).f_flag
    return sum(ms for st, ms in ST_TO_MS.items() if flags & st and ms != MS_RDONLY)


def _remount_readonly(writable):
    """Remount every mount point read-only, except the writable ones and under them."""
    for point in _mount_points():
        if any(point == w or point.startswith(w.rstrip("/") + "/") for w in writable):
            continue
        try:
            _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _locked_flags(point))
        except OSError as error:  # as nobody, a mount we could not lock is still not ours
            if error.errno != errno.ENOENT and (point == "/" or os.geteuid() != 0):
                raise JailError(f"cannot make {point} read-only: {error}") from None


def _mount_points():
    with open("/proc/self/mountinfo", encoding="utf-8") as file:
        points = [line.split()[4] for line in file]
    decode = lambda p: p.encode().decode("unicode_escape")  # noqa: E731  (\040 is a space)
    return sorted({decode(p) for p in points}, key=len)


def _place_files(files, cwd, uid, gid):
    if not os.path.isdir(cwd):
        os.makedirs(cwd)
        os.chown(cwd, uid, gid)
    for path, content in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(content)
        os.chown(path, uid, gid)


def _limit(limits):
    for name, value in limits.items():
        if value is None:
            continue
        kind = RLIMITS[name]
        if name == "processes" and os.geteuid() != 0:
            continue  # in a user namespace the count would include the instructor's processes
        hard = value + 5 if name == "cpu" else value  # SIGXCPU first, then SIGKILL
        resource.setrlimit(kind, (value, hard))


def _become(uid, gid):
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    _drop_capabilities()
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _read(path):
    with open(path, "rb") as file:
        return file.read()


def _write(path, text):
    with open(path, "w") as file:
        file.write(text)


# ------------------------------------------------------------------ starting jailed work


def start(spec, child):
    """Fork a jailed child that calls ``child()``; returns its pid (for :func:`supervise`).

    The calling process moves into the new namespaces too, so call this in a process
    dedicated to one jail (the ``run`` launcher, a zygote's monitor).
    """
    unshare_namespaces(spec)
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        enter(spec)
        child()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException as error:  # report why the jail failed, then die
        _say(f"sandbox: {type(error).__name__}: {error}")
        code = KILLED
    os._exit(code)


def execute(argv):
    """A child for :func:`start` that replaces itself with `argv`."""
    return lambda: os.execve(argv[0], argv, os.environ)


def status_code(status):
    """A wait status as a shell exit code (128 + signal for a killed process)."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def supervise(pid, control=None):
    """Wait for the jailed child; forward control bytes (``I`` interrupt, ``K`` kill).

    `control` is a connected socket (a zygote's stub) or None; its end of file kills the
    child. Returns the child's exit code.
    """
    with selectors.DefaultSelector() as selector:
        pidfd = os.pidfd_open(pid)
        selector.register(pidfd, selectors.EVENT_READ, "exit")
        if control is not None:
            selector.register(control, selectors.EVENT_READ, "control")
        while True:
            for key, _ in selector.select():
                if key.data == "exit":
                    os.close(pidfd)
                    return status_code(os.waitpid(pid, 0)[1])
                message = control.recv(64)
                if not message:
                    selector.unregister(control)
                _forward(pid, message)


def _forward(pid, message):
    signum = signal.SIGKILL if (not message or b"K" in message) else signal.SIGINT
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _say(text):
    try:
        os.write(2, (text + "\n").encode())
    except OSError:
        pass


def probe():
    """None when a jail can be set up here; otherwise the reason and what to do."""
    if not sys.platform.startswith("linux"):
        return f"jails need Linux namespaces ({sys.platform} has none)"
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            spec = make_spec()
            code = status_code(os.waitpid(start(spec, lambda: None), 0)[1])
        finally:
            os._exit(code)
    code = status_code(os.waitpid(pid, 0)[1])
    if code == 0:
        return None
    return (
        "Linux namespaces are not available to this user (unshare failed): run as root, "
        "or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)"
    )


# ------------------------------------------------------------------ command line


def _run(spec_path, argv):
    """``run SPEC -- ARGV``: jail ARGV, forward SIGINT, SIGTERM kills; exit with its code."""
    with open(spec_path, encoding="utf-8") as file:
        spec = json.load(file)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    pid = start(spec, execute(argv))
    reader, writer = socket.socketpair()
    signal.signal(signal.SIGINT, lambda *_: writer.send(b"I"))
    signal.signal(signal.SIGTERM, lambda *_: writer.send(b"K"))
    return supervise(pid, reader)


def _attach(socket_path, spec_path, argv):
    """``attach SOCKET SPEC -- ARGV``: the stub of a zygote-made kernel (see zygote.py)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the grader died: so does the kernel
    with open(spec_path, encoding="utf-8") as file:
        spec = json.load(file)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(socket_path)
    request = json.dumps({"spec": spec, "argv": argv}).encode()
    message = struct.pack("!I", len(request)) + request
    sent = socket.send_fds(client, [message[:4096]], [0, 1, 2])  # the kernel's stdio
    client.sendall(message[sent:])
    signal.signal(signal.SIGINT, lambda *_: client.send(b"I"))
    signal.signal(signal.SIGTERM, lambda *_: client.send(b"K"))
    reply = b""
    while not reply.endswith(b"\n"):
        chunk = client.recv(64)
        if not chunk:
            return KILLED
        reply += chunk
    return int(reply)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv or not argv:
        _say("usage: sandbox.py run SPEC -- ARGV... | attach SOCKET SPEC -- ARGV...")
        return 2
    split = argv.index("--")
    head, command = argv[:split], argv[split + 1 :]
    if head[0] == "run":
        return _run(head[1], command)
    if head[0] == "attach":
        return _attach(head[1], head[2], command)
    _say(f"sandbox.py: unknown command {head[0]!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
