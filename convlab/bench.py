"""`convlab bench`: convlab's operators timed against PyTorch CPU and a plain im2col reference.

PyTorch is the oracle, never a dependency: `make bench` installs torch==2.13.0 first. Both
libraries run in this process with the same thread count (NumPy's BLAS and torch use as
many threads as there are cores). Each figure is the best of `repeats` runs after a warm-up.
The table is written to docs/benchmarks.md.
"""

import os
import platform
from pathlib import Path

import numpy as np

from . import conv2d, conv3d, conv_transpose2d, depthwise_conv2d
from ._windows import pad, windows
from .timing import best_time, load_average

GOALS = {"conv2d": 1.5}  # dense conv2d within 1.5x of torch; every other row within 3x
DEFAULT_GOAL = 3.0


def cases(rng):
    """(name, shape description, convlab call, torch call, im2col-reference call)."""
    import torch
    import torch.nn.functional as F

    def arrays(*shapes):
        return [rng.standard_normal(s, dtype=np.float32) for s in shapes]

    x1, w1 = arrays((8, 64, 56, 56), (64, 64, 3, 3))
    x2, w2 = arrays((8, 32, 64, 64), (64, 32, 3, 3))
    x3, w3 = arrays((8, 128, 56, 56), (128, 1, 3, 3))
    x4, w4 = arrays((8, 64, 28, 28), (64, 64, 4, 4))
    x5, w5 = arrays((2, 16, 16, 32, 32), (16, 16, 3, 3, 3))
    t = torch.from_numpy
    return [
        (
            "conv2d",
            "8x64x56x56, 64 filters 3x3, padding 1",
            lambda: conv2d(x1, w1, padding=1),
            lambda: F.conv2d(t(x1), t(w1), padding=1),
            lambda: reference_conv(x1, w1, 1, 1),
        ),
        (
            "conv2d",
            "8x32x64x64, 64 filters 3x3, stride 2",
            lambda: conv2d(x2, w2, stride=2),
            lambda: F.conv2d(t(x2), t(w2), stride=2),
            lambda: reference_conv(x2, w2, 2, 0),
        ),
        (
            "depthwise_conv2d",
            "8x128x56x56, 3x3, padding 1",
            lambda: depthwise_conv2d(x3, w3, padding=1),
            lambda: F.conv2d(t(x3), t(w3), padding=1, groups=128),
            lambda: reference_conv(x3, w3, 1, 1, groups=128),
        ),
        (
            "conv_transpose2d",
            "8x64x28x28, 64 filters 4x4, stride 2, padding 1",
            lambda: conv_transpose2d(x4, w4, stride=2, padding=1),
            lambda: F.conv_transpose2d(t(x4), t(w4), stride=2, padding=1),
            lambda: reference_transpose(x4, w4, 2, 1),
        ),
        (
            "conv3d",
            "2x16x16x32x32, 16 filters 3x3x3, padding 1",
            lambda: conv3d(x5, w5, padding=1),
            lambda: F.conv3d(t(x5), t(w5), padding=1),
            lambda: reference_conv(x5, w5, 1, 1),
        ),
    ]


def reference_conv(x, weight, stride, padding, groups=1):
    """The plain way: copy every window into a column (im2col), then one matmul per group."""
    d = weight.ndim - 2
    xp = pad(x, [(padding, padding)] * d)
    cols = windows(xp, weight.shape[2:], (stride,) * d)  # (N, C, *out, *k)
    n, c = cols.shape[:2]
    out_shape = cols.shape[2 : 2 + d]
    cols = cols.reshape(n, groups, c // groups, -1, weight[0, 0].size)  # copies
    cols = np.ascontiguousarray(np.moveaxis(cols, 3, 2)).reshape(n, groups, -1, weight[0].size)
    w = weight.reshape(groups, weight.shape[0] // groups, -1)
    out = np.einsum("ngli,goi->ngol", cols, w, optimize=True)
    return out.reshape((n, weight.shape[0]) + out_shape)


def reference_transpose(x, weight, stride, padding):
    """Transposed conv the textbook way: insert zeros, pad k - 1 - p, flipped kernel, conv."""
    n, c, h, w = x.shape
    k = weight.shape[2]
    spread = np.zeros((n, c, (h - 1) * stride + 1, (w - 1) * stride + 1), x.dtype)
    spread[:, :, ::stride, ::stride] = x
    flipped = np.ascontiguousarray(weight.transpose(1, 0, 2, 3)[:, :, ::-1, ::-1])
    return reference_conv(spread, flipped, 1, k - 1 - padding)


def timed(function, repeats):
    """The best of `repeats` runs of `function`, after one warm-up run.

    Each function's runs are taken together, not in turns with another library's: taken
    in turns, torch's times here came out up to twice as long (OpenBLAS's threads keep
    spinning for a while after NumPy's call, on the cores torch needs next).
    """
    function()  # warm-up: caches, thread pools, lazy initialisation
    return best_time(function, repeat=repeats)


def run(root, repeats=10):
    """Time every case, check convlab against torch on it, write docs/benchmarks.md."""
    # torch's OpenMP threads spin-wait after each op by default and steal the cores that
    # NumPy's BLAS needs next; passive waiting lets both libraries have the machine in turn.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import torch
    except ImportError:
        raise SystemExit(
            "convlab bench needs PyTorch as the oracle: pip install torch==2.13.0"
        ) from None
    threads = os.cpu_count()
    torch.set_num_threads(threads)
    load = load_average()
    rows = []
    for name, shape, ours, theirs, plain in cases(np.random.default_rng(0)):
        expected = theirs().numpy()
        got = ours()
        error = float(np.max(np.abs(got - expected)) / np.max(np.abs(expected)))
        assert error < 1e-4 and np.allclose(plain(), expected, rtol=1e-3, atol=1e-3), name
        t_ours, t_torch = timed(ours, repeats), timed(theirs, repeats)
        t_plain = timed(plain, 3)  # the slow baseline: fewer runs
        goal = GOALS.get(name, DEFAULT_GOAL)
        rows.append((name, shape, t_ours, t_torch, t_plain, goal, error))
        print(
            f"{name:18} {shape:48} convlab {t_ours * 1e3:7.1f} ms  torch {t_torch * 1e3:7.1f} ms"
            f"  im2col {t_plain * 1e3:7.1f} ms",
            flush=True,
        )
    path = write_section(root, "operators", report(rows, threads, torch.__version__, repeats, load))
    print(f"written: {path}")
    from . import bench_explorers  # the explorers' section: no torch needed there

    bench_explorers.run(root)
    return rows


def write_section(root, name, text):
    """Put `text` in docs/benchmarks.md between the markers of section `name`.

    Each benchmark (operators, explorers, grading) owns one section and rewrites only it,
    so the figures of one run never erase another's. A new section goes at the end.
    """
    path = Path(root) / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    begin, end = f"<!-- begin {name}: generated, do not edit -->", f"<!-- end {name} -->"
    block = f"{begin}\n{text.strip()}\n{end}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + "\n" + rest.split(end, 1)[1].lstrip("\n")
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
    return path


def report(rows, threads, torch_version, repeats=10, load="unknown"):
    lines = [
        "## Operators",
        "",
        f"Made by `make bench` (`convlab bench`); float32, best of {repeats} runs after a "
        "warm-up (3 for the im2col baseline), "
        "convlab and PyTorch in one process with the same thread count "
        "(`OMP_WAIT_POLICY=PASSIVE`, so torch's idle threads do not spin on NumPy's cores).",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, load average {load} when the timing started (the machine is "
        "shared: on it, the same run varies by up to half between runs)",
        f"- threads: {threads} (NumPy's BLAS and `torch.set_num_threads`)",
        f"- Python {platform.python_version()}, NumPy {np.__version__}, PyTorch {torch_version}",
        "",
        "| operator | shape | convlab (ms) | PyTorch (ms) | ratio | goal | im2col + matmul (ms) "
        "| faster than im2col | max rel. error |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for name, shape, ours, theirs, plain, goal, error in rows:
        ratio = ours / theirs
        mark = "met" if ratio <= goal else "**missed**"
        lines.append(
            f"| `{name}` | {shape} | {ours * 1e3:.1f} | {theirs * 1e3:.1f} | {ratio:.1f}x | "
            f"≤ {goal}x ({mark}) | {plain * 1e3:.1f} | {'yes' if ours < plain else '**no**'} "
            f"| {error:.1e} |"
        )
    return "\n".join(lines) + "\n"
