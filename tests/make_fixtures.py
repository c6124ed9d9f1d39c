"""Golden fixtures from PyTorch for convlab's operators.

Run with torch installed (never a course dependency): ``pip install torch==2.13.0``, then
``python tests/make_fixtures.py``. It rewrites ``tests/fixtures/<operator>.npz``; rerunning
gives identical files (seeded inputs, float64).

File layout: one compressed .npz per operator, loadable with ``allow_pickle=False``. Case
``NNN`` stores its arrays under ``NNN/<name>`` (inputs named as the torch arguments, and
``NNN/out``) and its keyword arguments as JSON text in ``NNN/args``. Configurations torch
refuses are stored as cases with ``NNN/rejected`` (torch's message) and no ``out``: convlab
must raise ValueError on each. ``meta/torch`` holds torch's version.
"""

import itertools
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).parent / "fixtures"


def conv2d_cases():
    """Every hidden case of notebook 02 and more: (x shape, weight shape, bias?, kwargs)."""
    cases = []
    # stride/padding/dilation/groups grid on non-square inputs and kernels
    grid = itertools.product(
        [(5, 7), (8, 6)],
        [(3, 3), (2, 4), (1, 1)],
        [1, 2, (3, 1)],
        [0, 1, (2, 0)],
        [1, (1, 2)],
        [1, 2],
    )
    for (h, w), (kh, kw), stride, padding, dilation, groups in itertools.islice(grid, 0, None, 3):
        pad, dil = (padding, padding) if isinstance(padding, int) else padding, dilation
        dil = (dil, dil) if isinstance(dil, int) else dil
        if dil[0] * (kh - 1) >= h + 2 * pad[0] or dil[1] * (kw - 1) >= w + 2 * pad[1]:
            continue  # the dilated kernel does not fit: not a case of this grid
        cases.append(
            (
                (2, 4, h, w),
                (6, 4 // groups, kh, kw),
                True,
                dict(stride=stride, padding=padding, dilation=dilation, groups=groups),
            )
        )
    cases += [
        ((1, 1, 7, 7), (1, 1, 3, 3), False, dict(stride=2)),  # (i + 2p - k) mod s == 0
        ((1, 1, 8, 8), (1, 1, 3, 3), False, dict(stride=2)),  # mod s != 0: floor
        ((1, 1, 8, 9), (1, 1, 3, 2), False, dict(stride=3, padding=1)),
        ((3, 2, 9, 9), (4, 2, 2, 2), True, dict(stride=4)),  # stride > kernel
        ((2, 3, 6, 10), (5, 3, 3, 5), True, dict(stride=(1, 3))),
        ((1, 4, 6, 6), (4, 1, 3, 3), True, dict(padding=1, groups=4)),  # depthwise
        ((1, 4, 6, 6), (8, 1, 3, 3), False, dict(padding=1, groups=4)),  # multiplier 2
        ((2, 3, 7, 6), (4, 3, 3, 3), True, dict(padding="same")),
        ((2, 3, 7, 6), (4, 3, 2, 4), True, dict(padding="same")),  # even kernels
        ((2, 3, 7, 6), (4, 3, 3, 2), True, dict(padding="same", dilation=(2, 1))),
        ((2, 3, 7, 6), (4, 3, 3, 3), True, dict(padding="valid")),
        ((3, 7, 6), (4, 3, 3, 3), True, dict(padding=1)),  # unbatched
        ((4, 3, 5, 5), (2, 3, 5, 5), True, {}),  # kernel = input
        ((1, 2, 4, 4), (3, 2, 3, 3), False, dict(padding=3)),  # padding > k/2
    ]
    rejected = [
        ((1, 3, 5, 5), (4, 1, 3, 3), False, dict(groups=2)),  # groups does not divide C_in
        ((1, 4, 5, 5), (3, 2, 3, 3), False, dict(groups=2)),  # nor C_out
        ((1, 3, 5, 5), (4, 2, 3, 3), False, {}),  # C_in mismatch
        ((1, 1, 3, 3), (1, 1, 5, 5), False, {}),  # kernel larger than the input
        ((1, 1, 3, 3), (1, 1, 3, 3), False, dict(dilation=2)),  # dilated kernel too large
        ((1, 1, 6, 6), (1, 1, 3, 3), False, dict(stride=2, padding="same")),
        ((1, 1, 6, 6), (1, 1, 3, 3), False, dict(stride=0)),
        ((1, 1, 6, 6), (1, 1, 3, 3), False, dict(padding=-1)),
    ]
    return cases, rejected


def conv3d_cases():
    cases = [
        ((2, 2, 5, 6, 7), (3, 2, 3, 3, 3), True, {}),
        ((2, 2, 5, 6, 7), (3, 2, 1, 3, 2), True, dict(padding=(0, 1, 1))),  # anisotropic
        ((1, 3, 8, 6, 6), (2, 3, 3, 1, 1), False, dict(stride=(2, 1, 1))),
        ((1, 2, 7, 7, 7), (4, 2, 2, 3, 2), True, dict(stride=(1, 2, 3), padding=(1, 0, 2))),
        ((1, 4, 6, 6, 6), (4, 2, 3, 3, 3), True, dict(groups=2, dilation=(1, 2, 1))),
        ((1, 4, 6, 6, 6), (4, 1, 3, 3, 3), False, dict(groups=4, padding=1)),
        ((2, 1, 4, 5, 6), (2, 1, 2, 2, 2), True, dict(stride=2)),
        ((1, 2, 5, 5, 5), (2, 2, 3, 3, 3), False, dict(padding="same", dilation=(2, 1, 1))),
        ((3, 5, 6, 4), (2, 3, 2, 3, 2), True, {}),  # unbatched
        ((1, 1, 9, 4, 4), (1, 1, 4, 2, 2), False, dict(stride=(3, 1, 2), padding=(1, 1, 0))),
        ((1, 2, 5, 6, 7), (6, 2, 1, 1, 1), True, {}),
        ((1, 2, 6, 6, 6), (2, 2, 3, 3, 3), False, dict(dilation=2, padding=2)),
        ((2, 2, 4, 4, 4), (2, 1, 2, 2, 2), True, dict(groups=2, stride=(1, 1, 2))),
        ((1, 3, 5, 7, 5), (2, 3, 5, 1, 3), True, dict(padding=(2, 0, 1))),
        ((1, 1, 6, 6, 6), (1, 1, 3, 3, 3), False, dict(stride=3, padding=1)),
    ]
    return cases, []


def conv_transpose2d_cases():
    """Every combination torch accepts of stride > 1, padding, output_padding, groups,
    dilation on small shapes (plus the stride-1 baseline); the rest as rejected."""
    cases, rejected = [], []
    grid = itertools.product([1, 2, 3, (2, 3)], [0, 1, (2, 1)], [0, 1, (1, 2)], [1, 2], [1, 2])
    for index, (stride, padding, output_padding, groups, dilation) in enumerate(grid):
        kh, kw = [(3, 3), (4, 2)][index % 2]  # k divisible by s, and not, across the grid
        kwargs = dict(
            stride=stride,
            padding=padding,
            output_padding=output_padding,
            groups=groups,
            dilation=dilation,
        )
        case = ((1, 2, 3, 4), (2, 4 // groups, kh, kw), True, kwargs)
        pair = lambda v: v if isinstance(v, tuple) else (v, v)  # noqa: E731
        ok = all(
            op < max(s, d) for op, s, d in zip(pair(output_padding), pair(stride), pair(dilation))
        )
        if ok:
            cases.append(case)
        elif index % 3 == 0:
            rejected.append(case)
    return cases, rejected


def unfold_cases():
    return [
        ((2, 3, 5, 6), dict(kernel_size=2)),
        ((1, 2, 6, 6), dict(kernel_size=3, padding=1)),
        ((1, 2, 7, 8), dict(kernel_size=(2, 3), stride=2)),
        ((2, 1, 7, 7), dict(kernel_size=3, dilation=2)),
        ((1, 3, 8, 5), dict(kernel_size=(3, 1), stride=(2, 1), padding=(1, 0))),
        ((1, 1, 4, 4), dict(kernel_size=4)),
        ((1, 2, 9, 9), dict(kernel_size=3, stride=3)),
        ((2, 2, 6, 7), dict(kernel_size=(1, 2), dilation=(1, 3), padding=(0, 2))),
        ((1, 4, 5, 5), dict(kernel_size=1)),
        ((1, 1, 10, 6), dict(kernel_size=(4, 2), stride=(3, 2), padding=1, dilation=(2, 1))),
    ]


def channel_shuffle_cases():
    return [
        ((2, 6, 3, 3), 2),
        ((2, 6, 3, 3), 3),
        ((1, 12, 2, 2), 4),
        ((1, 8, 4), 8),
        ((2, 9, 2, 3), 3),
        ((1, 4, 1, 1), 1),
    ]


def tensor(array):
    return torch.tensor(array, dtype=torch.float64)


def conv_fixture(cases, rejected, function, rng):
    arrays = {}
    for index, (x_shape, w_shape, bias, kwargs) in enumerate(cases + rejected):
        key = f"{index:03d}"
        x, weight = rng.normal(size=x_shape), rng.normal(size=w_shape)
        out_channels = (
            w_shape[0]
            if function is not F.conv_transpose2d
            else (w_shape[1] * kwargs.get("groups", 1))
        )
        b = rng.normal(size=out_channels) if bias else None
        arrays.update(
            {f"{key}/x": x, f"{key}/weight": weight, f"{key}/args": np.array(json.dumps(kwargs))}
        )
        if b is not None:
            arrays[f"{key}/bias"] = b
        try:
            out = function(tensor(x), tensor(weight), None if b is None else tensor(b), **kwargs)
        except (RuntimeError, ValueError) as error:
            assert index >= len(cases), f"torch refused an accepted case {kwargs}: {error}"
            arrays[f"{key}/rejected"] = np.array(str(error).splitlines()[0])
            continue
        assert index < len(cases), f"torch accepted a rejected case {x_shape} {w_shape} {kwargs}"
        arrays[f"{key}/out"] = out.numpy()
    return arrays


def main():
    HERE.mkdir(exist_ok=True)
    meta = {"meta/torch": np.array(torch.__version__)}
    files = {
        "conv2d": conv_fixture(*conv2d_cases(), F.conv2d, np.random.default_rng(2)),
        "conv3d": conv_fixture(*conv3d_cases(), F.conv3d, np.random.default_rng(3)),
        "conv_transpose2d": conv_fixture(
            *conv_transpose2d_cases(), F.conv_transpose2d, np.random.default_rng(4)
        ),
    }
    rng = np.random.default_rng(5)
    unfold = {}
    for index, (shape, kwargs) in enumerate(unfold_cases()):
        x = rng.normal(size=shape)
        unfold.update(
            {
                f"{index:03d}/x": x,
                f"{index:03d}/args": np.array(json.dumps(kwargs)),
                f"{index:03d}/out": F.unfold(tensor(x), **kwargs).numpy(),
            }
        )
    files["im2col"] = unfold
    shuffle = {}
    for index, (shape, groups) in enumerate(channel_shuffle_cases()):
        x = rng.normal(size=shape)
        shuffle.update(
            {
                f"{index:03d}/x": x,
                f"{index:03d}/args": np.array(json.dumps({"groups": groups})),
                f"{index:03d}/out": F.channel_shuffle(tensor(x), groups).numpy(),
            }
        )
    files["channel_shuffle"] = shuffle
    for name, arrays in files.items():
        np.savez_compressed(HERE / f"{name}.npz", **arrays, **meta)
        cases = {k.split("/")[0] for k in arrays}
        print(f"{name}: {len(cases)} cases -> {HERE / (name + '.npz')}")


if __name__ == "__main__":
    main()
