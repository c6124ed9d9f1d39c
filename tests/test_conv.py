"""convlab against PyTorch: committed golden fixtures, live torch when it imports, errors."""

import json
from pathlib import Path

import numpy as np
import pytest

import convlab as cl

FIXTURES = Path(__file__).parent / "fixtures"
OPERATORS = {
    "conv2d": cl.conv2d,
    "conv3d": cl.conv3d,
    "conv_transpose2d": cl.conv_transpose2d,
    "im2col": cl.im2col,
    "channel_shuffle": cl.channel_shuffle,
}


def load_cases(name):
    """[(case id, arrays, kwargs)] of one fixture file."""
    with np.load(FIXTURES / f"{name}.npz", allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    ids = sorted({key.split("/")[0] for key in arrays} - {"meta"})
    return [
        (
            f"{name}/{case}",
            {k.split("/")[1]: v for k, v in arrays.items() if k.startswith(case + "/")},
        )
        for case in ids
    ]


CASES = [case for name in OPERATORS for case in load_cases(name)]


def call(name, arrays):
    kwargs = json.loads(str(arrays["args"]))
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    inputs = [arrays["x"]] + ([arrays["weight"]] if "weight" in arrays else [])
    if "weight" in arrays:
        kwargs["bias"] = arrays.get("bias")
    return OPERATORS[name](*inputs, **kwargs)


@pytest.mark.parametrize(("case", "arrays"), CASES, ids=[c for c, _ in CASES])
def test_matches_the_pytorch_fixture(case, arrays):
    """Does convlab give PyTorch's result within 1e-10, and refuse what PyTorch refuses?"""
    name = case.split("/")[0]
    if "rejected" in arrays:
        with pytest.raises(ValueError):
            call(name, arrays)
        return
    got = call(name, arrays)
    assert got.shape == arrays["out"].shape
    assert np.max(np.abs(got - arrays["out"]), initial=0.0) <= 1e-10


def test_fixtures_cover_the_required_configurations():
    """At least 50 accepted conv2d cases, and every transposed-conv combination kind."""
    conv2d = [a for c, a in CASES if c.startswith("conv2d/") and "out" in a]
    assert len(conv2d) >= 50
    kwargs = [json.loads(str(a["args"])) for a in conv2d]
    assert any(k.get("groups", 1) > 1 for k in kwargs)
    assert any(k.get("padding") == "same" for k in kwargs)
    assert any(a["x"].ndim == 3 for a in conv2d)  # unbatched
    transposed = [
        json.loads(str(a["args"]))
        for c, a in CASES
        if c.startswith("conv_transpose2d/") and "out" in a
    ]
    assert any(
        k["stride"] != 1
        and k["padding"] != 0
        and k["output_padding"] != 0
        and k["groups"] > 1
        and k["dilation"] > 1
        for k in transposed
    )


def test_live_against_torch_on_random_layers():
    """When torch imports, random conv2d / conv_transpose2d layers agree with it."""
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    rng = np.random.default_rng(11)
    for _ in range(30):
        groups = int(rng.integers(1, 3))
        c_in, c_out = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3))
        kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
        stride = tuple(int(v) for v in rng.integers(1, 4, size=2))
        padding = tuple(int(v) for v in rng.integers(0, 3, size=2))
        x = rng.normal(size=(2, c_in, int(rng.integers(4, 9)), int(rng.integers(4, 9))))
        w = rng.normal(size=(c_out, c_in // groups, kh, kw))
        b = rng.normal(size=c_out)
        expected = functional.conv2d(
            *map(torch.tensor, (x, w, b)), stride=stride, padding=padding, groups=groups
        ).numpy()
        np.testing.assert_allclose(
            cl.conv2d(x, w, b, stride, padding, groups=groups), expected, atol=1e-10
        )
        wt = rng.normal(size=(c_in, c_out // groups, kh, kw))
        expected = functional.conv_transpose2d(
            *map(torch.tensor, (x, wt, b)), stride=stride, padding=0, groups=groups
        ).numpy()
        np.testing.assert_allclose(
            cl.conv_transpose2d(x, wt, b, stride, groups=groups), expected, atol=1e-10
        )


X = np.ones((1, 4, 6, 6))
W = np.ones((2, 4, 3, 3))


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        (dict(x=np.ones((4, 6))), "x"),
        (dict(weight=np.ones((4, 3, 3))), "weight"),
        (dict(groups=3), "groups"),
        (dict(weight=np.ones((2, 3, 3, 3))), "weight"),
        (dict(stride=0), "stride"),
        (dict(stride=(1, -1)), "stride"),
        (dict(padding=-1), "padding"),
        (dict(padding="full"), "padding"),
        (dict(padding="same", stride=2), "padding='same'"),
        (dict(weight=np.ones((2, 4, 7, 7))), "weight"),
        (dict(dilation=0), "dilation"),
        (dict(bias=np.ones(3)), "bias"),
        (dict(stride=(1, 2, 3)), "stride"),
        (dict(groups=1.5), "groups"),
        (dict(x=np.array([["a"]])), "x"),
    ],
)
def test_conv2d_bad_input_raises_value_error_naming_the_argument(kwargs, argument):
    args = dict(x=X, weight=W) | kwargs
    with pytest.raises(ValueError, match=argument.replace("(", r"\(")):
        cl.conv2d(**args)


def test_float32_in_float32_out_and_ints_become_float64():
    assert cl.conv2d(X.astype(np.float32), W.astype(np.float32)).dtype == np.float32
    assert cl.conv2d(X.astype(int), W.astype(int)).dtype == np.float64


def test_pad2d_pads_the_last_two_axes_only():
    x = np.arange(6.0).reshape(1, 2, 3)
    got = cl.pad2d(x, (1, 2))
    assert got.shape == (1, 4, 7) and got.sum() == x.sum()
    assert got[0, 1:3, 2:5].tolist() == x[0].tolist()
    with pytest.raises(ValueError, match="padding"):
        cl.pad2d(x, -1)
    with pytest.raises(ValueError, match="x"):
        cl.pad2d(np.ones(3), 1)
