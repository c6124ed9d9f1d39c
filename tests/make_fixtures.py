"""Golden fixtures from PyTorch for convlab's operators.

Run with torch installed (never a course dependency): ``pip install torch==2.13.0``, then
``python tests/make_fixtures.py [OUTPUT_DIR]`` (default ``tests/fixtures``). It writes one
``<operator>.npz`` per operator; rerunning gives byte-identical files (seeded inputs, fixed
case order, and zip entries with a fixed timestamp).

File layout: one compressed .npz per operator, loadable with ``allow_pickle=False``.

- ``meta/torch``: torch's version string (0-d unicode array).
- Case ``NNN`` (zero-padded index) stores its float64 arrays under ``NNN/<name>``, named
  as torch's arguments (``x``, ``weight``, ``bias`` when there is one), and its keyword
  arguments as JSON text in ``NNN/args`` (a tuple argument is a JSON list).
- A case torch accepts has its result in ``NNN/out``.
- ``compositions.npz`` holds cases of several operators that convlab builds from conv2d;
  each case names its convlab function in ``NNN/operator`` and its arrays by convlab's
  argument names (``dilate_kernel`` cases hold the conv2d that the dilated kernel must give).
- A case torch refuses has no ``out``; ``NNN/rejected`` holds torch's message (first line)
  and ``NNN/argument`` the argument that convlab's ValueError must name.

Inputs are random multiples of 1/8 in [-1, 1], never zero: every product and sum is then
exact in float64 (so torch and convlab agree to the last bit, whatever the summation
order), and the files compress to a few hundred kB. Live tests use unrounded inputs.
"""

import io
import itertools
import json
import sys
import zipfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT = Path(__file__).parent / "fixtures"


def conv2d_cases():
    """(x shape, weight shape, bias length or None, kwargs) accepted; rejected ones add
    the argument the error must name. Every hidden case of notebook 02 and more."""
    cases = []
    # A grid over stride, padding, dilation and groups on non-square inputs and kernels,
    # with N = 2, C_in = 4 and bias; every third point keeps the file small.
    grid = itertools.product(
        [(5, 7), (8, 6)],
        [(3, 3), (2, 4), (1, 1)],
        [1, 2, (3, 1)],
        [0, 1, (2, 0)],
        [1, (1, 2)],
        [1, 2],
    )
    for (h, w), (kh, kw), stride, padding, dilation, groups in itertools.islice(grid, 0, None, 3):
        pads = (padding, padding) if isinstance(padding, int) else padding
        dils = (dilation, dilation) if isinstance(dilation, int) else dilation
        if dils[0] * (kh - 1) >= h + 2 * pads[0] or dils[1] * (kw - 1) >= w + 2 * pads[1]:
            continue  # the dilated kernel does not fit: not a case of this grid
        kwargs = dict(stride=stride, padding=padding, dilation=dilation, groups=groups)
        cases.append(((2, 4, h, w), (6, 4 // groups, kh, kw), 6, kwargs))
    cases += [
        ((1, 1, 7, 7), (1, 1, 3, 3), None, dict(stride=2)),  # (i + 2p - k) mod s == 0
        ((1, 1, 8, 8), (1, 1, 3, 3), None, dict(stride=2)),  # mod s != 0: floor
        ((1, 1, 8, 9), (1, 1, 3, 2), None, dict(stride=3, padding=1)),
        ((3, 2, 9, 9), (4, 2, 2, 2), 4, dict(stride=4)),  # stride > kernel
        ((2, 3, 6, 10), (5, 3, 3, 5), 5, dict(stride=(1, 3))),
        ((2, 3, 9, 7), (2, 3, 2, 3), 2, dict(stride=(4, 3), padding=(1, 2))),  # all of 02 at once
        ((1, 2, 11, 5), (3, 2, 1, 3), 3, dict(stride=(5, 2), padding=(0, 1))),
        ((1, 4, 6, 6), (4, 1, 3, 3), 4, dict(padding=1, groups=4)),  # depthwise
        ((1, 4, 6, 6), (8, 1, 3, 3), None, dict(padding=1, groups=4)),  # multiplier 2
        ((2, 3, 7, 5), (6, 1, 2, 3), 6, dict(stride=2, dilation=(2, 1), groups=3)),
        ((1, 6, 5, 6), (4, 3, 3, 1), 4, dict(padding=(1, 0), dilation=(1, 3), groups=2)),
        ((2, 3, 7, 6), (4, 3, 3, 3), 4, dict(padding="same")),  # odd kernel
        ((2, 3, 7, 6), (4, 3, 2, 4), 4, dict(padding="same")),  # even kernels
        ((2, 3, 7, 6), (4, 3, 3, 2), 4, dict(padding="same", dilation=(2, 1))),
        ((1, 2, 6, 7), (2, 2, 4, 2), 2, dict(padding="same", dilation=(1, 3))),  # odd total
        ((1, 4, 5, 5), (4, 1, 2, 2), 4, dict(padding="same", groups=4)),
        ((2, 3, 7, 6), (4, 3, 3, 3), 4, dict(padding="valid")),
        ((1, 2, 6, 5), (3, 2, 2, 4), None, dict(padding="valid", stride=(2, 1))),
        ((3, 7, 6), (4, 3, 3, 3), 4, dict(padding=1)),  # unbatched
        ((4, 5, 6), (2, 2, 2, 3), 2, dict(stride=2, groups=2)),
        ((2, 6, 5), (2, 2, 3, 2), None, dict(padding="same")),
        ((4, 3, 5, 5), (2, 3, 5, 5), 2, {}),  # kernel = input
        ((1, 2, 4, 4), (3, 2, 3, 3), None, dict(padding=3)),  # padding > k/2
        ((1, 1, 2, 3), (1, 1, 4, 5), None, dict(padding=(1, 1))),  # kernel fits only padded
    ]
    rejected = [
        ((1, 3, 5, 5), (4, 1, 3, 3), None, dict(groups=2), "groups"),  # groups !| C_in
        ((1, 4, 5, 5), (3, 2, 3, 3), None, dict(groups=2), "groups"),  # nor C_out
        ((1, 3, 5, 5), (4, 2, 3, 3), None, {}, "weight"),  # C_in mismatch
        ((1, 1, 3, 3), (1, 1, 5, 5), None, {}, "weight"),  # kernel larger than the input
        ((1, 1, 5, 3), (2, 1, 3, 6), None, dict(padding=1), "weight"),  # larger on one axis
        ((1, 1, 3, 3), (1, 1, 3, 3), None, dict(dilation=2), "weight"),  # dilated, too large
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(stride=2, padding="same"), "stride"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(stride=(1, 2), padding="same"), "stride"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(stride=0), "stride"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(padding=-1), "padding"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(padding="full"), "padding"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(dilation=0), "dilation"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(groups=0), "groups"),
        ((1, 1, 6, 6), (1, 1, 3, 3), None, dict(stride=(1, 1, 1)), "stride"),
        ((6, 6), (1, 1, 3, 3), None, {}, "x"),
        ((1, 1, 6, 6), (1, 3, 3), None, {}, "weight"),
        ((1, 1, 6, 6), (2, 1, 3, 3), 3, {}, "bias"),
    ]
    return cases, rejected


def conv3d_cases():
    cases = [
        ((2, 2, 5, 6, 7), (3, 2, 3, 3, 3), 3, {}),
        ((2, 2, 5, 6, 7), (3, 2, 1, 3, 2), 3, dict(padding=(0, 1, 1))),  # anisotropic
        ((1, 3, 8, 6, 6), (2, 3, 3, 1, 1), None, dict(stride=(2, 1, 1))),
        ((1, 2, 7, 7, 7), (4, 2, 2, 3, 2), 4, dict(stride=(1, 2, 3), padding=(1, 0, 2))),
        ((1, 4, 6, 6, 6), (4, 2, 3, 3, 3), 4, dict(groups=2, dilation=(1, 2, 1))),
        ((1, 4, 6, 6, 6), (4, 1, 3, 3, 3), None, dict(groups=4, padding=1)),  # depthwise
        ((2, 1, 4, 5, 6), (2, 1, 2, 2, 2), 2, dict(stride=2)),
        ((1, 2, 5, 5, 5), (2, 2, 3, 3, 3), None, dict(padding="same", dilation=(2, 1, 1))),
        ((1, 2, 5, 6, 4), (2, 2, 2, 3, 4), 2, dict(padding="same")),  # even kernels
        ((3, 5, 6, 4), (2, 3, 2, 3, 2), 2, {}),  # unbatched
        ((1, 1, 9, 4, 4), (1, 1, 4, 2, 2), None, dict(stride=(3, 1, 2), padding=(1, 1, 0))),
        ((1, 2, 5, 6, 7), (6, 2, 1, 1, 1), 6, {}),
        ((1, 2, 6, 6, 6), (2, 2, 3, 3, 3), None, dict(dilation=2, padding=2)),
        ((2, 2, 4, 4, 4), (2, 1, 2, 2, 2), 2, dict(groups=2, stride=(1, 1, 2))),
        ((1, 3, 5, 7, 5), (2, 3, 5, 1, 3), 2, dict(padding=(2, 0, 1))),
        ((1, 1, 6, 6, 6), (1, 1, 3, 3, 3), None, dict(stride=3, padding=1)),
        ((1, 2, 7, 5, 6), (3, 2, 2, 3, 2), 3, dict(stride=(2, 1, 3), dilation=(3, 1, 2))),
        ((1, 2, 7, 5, 6), (2, 2, 1, 1, 1), 2, dict(padding="valid")),
    ]
    rejected = [
        ((1, 3, 4, 4, 4), (2, 1, 2, 2, 2), None, dict(groups=3), "groups"),
        ((1, 2, 4, 4, 4), (2, 1, 2, 2, 2), None, {}, "weight"),  # C_in mismatch
        ((1, 1, 2, 5, 5), (1, 1, 3, 3, 3), None, {}, "weight"),  # too deep for the input
        ((1, 1, 5, 5, 5), (1, 1, 3, 3, 3), None, dict(stride=(1, 1, 2), padding="same"), "stride"),
        ((1, 1, 5, 5, 5), (1, 1, 3, 3, 3), None, dict(padding=(1, 1)), "padding"),
        ((5, 5, 5), (1, 1, 3, 3, 3), None, {}, "x"),
    ]
    return cases, rejected


def conv_transpose2d_cases():
    """Every combination torch accepts of stride > 1, padding, output_padding, groups,
    dilation on small shapes (plus the stride-1 baseline); a third of the rest as rejected."""
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
        case = ((1, 2, 3, 4), (2, 4 // groups, kh, kw), 4, kwargs)
        ok = all(
            op < max(s, d) for op, s, d in zip(pair(output_padding), pair(stride), pair(dilation))
        )
        if ok:
            cases.append(case)
        elif index % 3 == 0:
            rejected.append(case + ("output_padding",))
    return cases, rejected


def unfold_cases():
    cases = [
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
        ((2, 5, 6), dict(kernel_size=(2, 3), stride=(1, 2))),  # unbatched
        ((1, 1, 2, 2), dict(kernel_size=3, padding=1)),  # kernel fits only padded
    ]
    rejected = [
        ((1, 1, 3, 3), dict(kernel_size=4), "kernel_size"),
        ((1, 1, 3, 3), dict(kernel_size=2, stride=0), "stride"),
        ((1, 1, 3, 3), dict(kernel_size=2, padding=-1), "padding"),
        ((1, 1, 3, 3), dict(kernel_size=2, dilation=0), "dilation"),
    ]
    return cases, rejected


def channel_shuffle_cases():
    return [
        ((2, 6, 3, 3), 2),
        ((2, 6, 3, 3), 3),
        ((1, 12, 2, 2), 4),
        ((1, 8, 4), 8),
        ((2, 9, 2, 3), 3),
        ((1, 4, 1, 1), 1),
    ]


def composition_cases():
    """(operator, input shapes by convlab argument name, kwargs): the operators convlab builds
    from conv2d, each computed here by torch in its own terms (grouped conv2d, dilation,
    channel_shuffle, avg_pool2d) rather than as convlab composes them."""
    return [
        ("pointwise_conv2d", dict(x=(2, 4, 3, 5), weight=(6, 4, 1, 1), bias=(6,)), {}),
        ("pointwise_conv2d", dict(x=(1, 6, 4, 4), weight=(9, 2, 1, 1)), dict(groups=3)),
        ("depthwise_conv2d", dict(x=(2, 3, 7, 6), weight=(3, 1, 3, 3), bias=(3,)), dict(padding=1)),
        ("depthwise_conv2d", dict(x=(1, 2, 8, 7), weight=(6, 1, 2, 3)), dict(stride=2)),
        ("depthwise_conv2d", dict(x=(1, 4, 9, 9), weight=(8, 1, 3, 3)), dict(dilation=(2, 1))),
        (
            "depthwise_separable_conv2d",
            dict(x=(2, 3, 6, 7), depthwise_weight=(6, 1, 3, 3), pointwise_weight=(5, 6, 1, 1)),
            dict(stride=2, padding=1),
        ),
        (
            "depthwise_separable_conv2d",
            dict(
                x=(1, 4, 7, 5),
                depthwise_weight=(4, 1, 3, 2),
                pointwise_weight=(2, 4, 1, 1),
                bias=(2,),
            ),
            dict(padding=(1, 0), dilation=(1, 2)),
        ),
        (
            "flattened_conv2d",
            dict(x=(2, 3, 6, 5), lateral=(4, 3), vertical=(4, 3), horizontal=(4, 3), bias=(4,)),
            dict(padding=1),
        ),
        (
            "flattened_conv2d",
            dict(x=(1, 2, 5, 7), lateral=(3, 2), vertical=(3, 2), horizontal=(3, 4)),
            dict(padding=(0, 2)),
        ),
        ("dilate_kernel", dict(x=(1, 2, 9, 8), weight=(3, 2, 3, 3)), dict(dilation=2)),
        ("dilate_kernel", dict(x=(2, 1, 8, 9), weight=(2, 1, 2, 3)), dict(dilation=(3, 2))),
        (
            "shufflenet_unit",
            dict(
                x=(2, 6, 5, 6),
                weight1=(6, 2, 1, 1),
                depthwise_weight=(6, 1, 3, 3),
                weight2=(6, 2, 1, 1),
            ),
            dict(groups=3, stride=1),
        ),
        (
            "shufflenet_unit",
            dict(
                x=(1, 4, 7, 6),
                weight1=(8, 2, 1, 1),
                depthwise_weight=(8, 1, 3, 3),
                weight2=(6, 4, 1, 1),
            ),
            dict(groups=2, stride=2),
        ),
    ]


def torch_composition(name, t, kwargs):
    """What torch computes for one composition case (tensors `t` by convlab argument name)."""
    if name == "pointwise_conv2d":
        return F.conv2d(t["x"], t["weight"], t.get("bias"), groups=kwargs.get("groups", 1))
    if name == "depthwise_conv2d":
        return F.conv2d(t["x"], t["weight"], t.get("bias"), groups=t["x"].shape[1], **kwargs)
    if name == "depthwise_separable_conv2d":
        middle = F.conv2d(t["x"], t["depthwise_weight"], groups=t["x"].shape[1], **kwargs)
        return F.conv2d(middle, t["pointwise_weight"], t.get("bias"))
    if name == "flattened_conv2d":
        weight = torch.einsum("oc,oh,ow->ochw", t["lateral"], t["vertical"], t["horizontal"])
        return F.conv2d(t["x"], weight, t.get("bias"), padding=kwargs["padding"])
    if name == "dilate_kernel":
        return F.conv2d(t["x"], t["weight"], dilation=kwargs["dilation"])
    if name == "shufflenet_unit":
        groups, stride = kwargs["groups"], kwargs["stride"]
        hidden = F.relu(F.conv2d(t["x"], t["weight1"], groups=groups))
        hidden = F.channel_shuffle(hidden, groups)
        hidden = F.conv2d(
            hidden, t["depthwise_weight"], stride=stride, padding=1, groups=hidden.shape[1]
        )
        branch = F.conv2d(hidden, t["weight2"], groups=groups)
        if stride == 1:
            return F.relu(t["x"] + branch)
        return F.relu(torch.cat([F.avg_pool2d(t["x"], 3, 2, 1), branch], dim=1))
    raise ValueError(f"no torch composition for {name}")


def composition_fixture(rng):
    arrays = {}
    for index, (name, shapes, kwargs) in enumerate(composition_cases()):
        key = f"{index:03d}"
        inputs = {arg: eighths(rng, shape) for arg, shape in shapes.items()}
        out = torch_composition(name, {k: tensor(v) for k, v in inputs.items()}, kwargs)
        arrays |= {f"{key}/{arg}": value for arg, value in inputs.items()}
        arrays[f"{key}/operator"] = np.array(name)
        arrays[f"{key}/args"] = np.array(json.dumps(kwargs))
        arrays[f"{key}/out"] = out.numpy()
    return arrays


def pair(value):
    return value if isinstance(value, tuple) else (value, value)


def eighths(rng, shape):
    """Random nonzero multiples of 1/8 in [-1, 1]: exact products, small files."""
    return rng.integers(1, 9, size=shape) * rng.choice([-1.0, 1.0], size=shape) / 8


def tensor(array):
    return torch.tensor(array, dtype=torch.float64)


def run(function, key, inputs, kwargs, argument):
    """The arrays of one case: inputs, args, and torch's output or its refusal."""
    arrays = {f"{key}/{name}": value for name, value in inputs.items()}
    arrays[f"{key}/args"] = np.array(json.dumps(kwargs))
    tensors = [tensor(v) if v is not None else None for v in inputs.values()]
    try:
        out = function(*tensors, **kwargs)
    except (RuntimeError, ValueError, IndexError) as error:
        assert argument, f"torch refused an accepted case {kwargs}: {error}"
        arrays[f"{key}/rejected"] = np.array(str(error).splitlines()[0])
        arrays[f"{key}/argument"] = np.array(argument)
        return arrays
    assert not argument, f"torch accepted a rejected case {kwargs}"
    arrays[f"{key}/out"] = out.numpy()
    return arrays


def conv_fixture(cases, rejected, function, rng):
    arrays = {}
    for index, (x_shape, w_shape, bias, kwargs, *argument) in enumerate(cases + rejected):
        inputs = {"x": eighths(rng, x_shape), "weight": eighths(rng, w_shape)}
        if bias is not None:
            inputs["bias"] = eighths(rng, bias)
        arrays |= run(function, f"{index:03d}", inputs, kwargs, argument and argument[0])
    return arrays


def unfold_fixture(rng):
    cases, rejected = unfold_cases()
    arrays = {}
    for index, (shape, kwargs, *argument) in enumerate(cases + rejected):
        inputs = {"x": eighths(rng, shape)}
        arrays |= run(F.unfold, f"{index:03d}", inputs, kwargs, argument and argument[0])
    return arrays


def shuffle_fixture(rng):
    arrays = {}
    for index, (shape, groups) in enumerate(channel_shuffle_cases()):
        inputs = {"x": eighths(rng, shape)}
        arrays |= run(F.channel_shuffle, f"{index:03d}", inputs, {"groups": groups}, None)
    return arrays


def save(path, arrays):
    """np.savez_compressed, but every zip entry gets the same fixed timestamp."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(arrays[key]), allow_pickle=False)
            entry = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, buffer.getvalue())


def main(out=OUT):
    out.mkdir(exist_ok=True)
    torch.use_deterministic_algorithms(True)
    files = {
        "conv2d": conv_fixture(*conv2d_cases(), F.conv2d, np.random.default_rng(2)),
        "conv3d": conv_fixture(*conv3d_cases(), F.conv3d, np.random.default_rng(3)),
        "conv_transpose2d": conv_fixture(
            *conv_transpose2d_cases(), F.conv_transpose2d, np.random.default_rng(4)
        ),
        "im2col": unfold_fixture(np.random.default_rng(5)),
        "channel_shuffle": shuffle_fixture(np.random.default_rng(6)),
        "compositions": composition_fixture(np.random.default_rng(7)),
    }
    for name, arrays in files.items():
        save(out / f"{name}.npz", arrays | {"meta/torch": np.array(torch.__version__)})
        cases = {key.split("/")[0] for key in arrays}
        refused = sum(key.endswith("/rejected") for key in arrays)
        size = (out / f"{name}.npz").stat().st_size
        print(f"{name}: {len(cases) - refused} cases + {refused} rejected, {size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
