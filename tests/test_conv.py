"""convlab against PyTorch: committed golden fixtures, live torch when it imports, errors.

The fixtures come from ``tests/make_fixtures.py`` (its docstring gives the file layout).
"""

import json
import re
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
    "compositions": None,  # each case names its operator: COMPOSITIONS
}
COMPOSITIONS = {
    "pointwise_conv2d": cl.pointwise_conv2d,
    "depthwise_conv2d": cl.depthwise_conv2d,
    "depthwise_separable_conv2d": cl.depthwise_separable_conv2d,
    "flattened_conv2d": cl.flattened_conv2d,
    "dilate_kernel": lambda x, weight, dilation: cl.conv2d(x, cl.dilate_kernel(weight, dilation)),
    "shufflenet_unit": cl.shufflenet_unit,
}
NOT_INPUTS = {"args", "out", "rejected", "argument", "operator"}
TOLERANCE = 1e-10  # float64 throughout; the fixtures' inputs make torch's results exact


def load(name):
    """{key: array} of one fixture file, read without pickle."""
    with np.load(FIXTURES / f"{name}.npz", allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def load_cases(name):
    """[(case id, {array name: array})] of one fixture file, 'meta' left out."""
    arrays = load(name)
    ids = sorted({key.split("/")[0] for key in arrays} - {"meta"})
    return [
        (
            f"{name}/{case}",
            {k.split("/")[1]: v for k, v in arrays.items() if k.split("/")[0] == case},
        )
        for case in ids
    ]


CASES = [case for name in OPERATORS for case in load_cases(name)]
ACCEPTED = [(case, arrays) for case, arrays in CASES if "out" in arrays]
REJECTED = [(case, arrays) for case, arrays in CASES if "rejected" in arrays]


def naming(argument):
    """A pattern for an error message that names `argument` (as a word, if it is a name)."""
    pattern = re.escape(argument)
    return rf"\b{pattern}\b" if argument.isidentifier() else pattern


def kwargs_of(arrays):
    """The case's keyword arguments; JSON lists back to tuples, as torch was given them."""
    kwargs = json.loads(str(arrays["args"]))
    return {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}


def call(name, arrays):
    """The convlab operator of a case, given its arrays and arguments by keyword."""
    function = COMPOSITIONS[str(arrays["operator"])] if "operator" in arrays else OPERATORS[name]
    inputs = {key: value for key, value in arrays.items() if key not in NOT_INPUTS}
    return function(**inputs, **kwargs_of(arrays))


@pytest.mark.parametrize(("case", "arrays"), ACCEPTED, ids=[c for c, _ in ACCEPTED])
def test_matches_the_pytorch_fixture(case, arrays):
    """Does convlab give PyTorch's shape and values (max abs error <= 1e-10)?"""
    got = call(case.split("/")[0], arrays)
    assert got.shape == arrays["out"].shape
    assert got.dtype == np.float64
    assert np.max(np.abs(got - arrays["out"]), initial=0.0) <= TOLERANCE


@pytest.mark.parametrize(("case", "arrays"), REJECTED, ids=[c for c, _ in REJECTED])
def test_refuses_what_pytorch_refuses_naming_the_argument(case, arrays):
    """Does convlab raise ValueError, naming the faulty argument, where torch raised?"""
    with pytest.raises(ValueError, match=naming(str(arrays["argument"]))):
        call(case.split("/")[0], arrays)


@pytest.mark.parametrize("name", OPERATORS)
def test_fixture_files_record_the_torch_version_that_made_them(name):
    """Each file says which torch produced it: 2.13, the version the course pins against."""
    assert str(load(name)["meta/torch"]).startswith("2.13")


def accepted_kwargs(name):
    return [(arrays, kwargs_of(arrays)) for c, arrays in ACCEPTED if c.startswith(name + "/")]


def per_axis(value, d):
    return value if isinstance(value, tuple) else (value,) * d


def remainders(arrays, kwargs):
    """(i + 2p - d(k - 1) - 1) mod s per spatial axis of a conv case with int padding."""
    d = arrays["weight"].ndim - 2
    stride, dilation = per_axis(kwargs.get("stride", 1), d), per_axis(kwargs.get("dilation", 1), d)
    padding = per_axis(kwargs.get("padding", 0), d)
    sizes, kernel = arrays["x"].shape[-d:], arrays["weight"].shape[2:]
    return [
        (i + 2 * p - dil * (k - 1) - 1) % s
        for i, k, s, p, dil in zip(sizes, kernel, stride, padding, dilation)
    ]


def test_conv2d_fixtures_cover_every_hidden_case_of_notebook_02_and_more():
    """>= 60 accepted conv2d cases, among them each case where wrong solutions pass weak
    tests, and one case that has all of notebook 02's hidden cases at once."""
    cases = accepted_kwargs("conv2d")
    assert len(cases) >= 60
    numeric = [(a, k) for a, k in cases if not isinstance(k.get("padding", 0), str)]

    def hidden_02(a, k):
        kernel, stride = a["weight"].shape[2:], per_axis(k.get("stride", 1), 2)
        return (
            any(remainders(a, k))  # (i + 2p - k) mod s != 0
            and a["x"].shape[-2] != a["x"].shape[-1]
            and kernel[0] != kernel[1]
            and any(s > kk for s, kk in zip(stride, kernel))
            and a["x"].ndim == 4
            and a["x"].shape[0] > 1
            and a["x"].shape[1] > 1
            and "bias" in a
        )

    assert any(hidden_02(a, k) for a, k in numeric)
    assert any(max(per_axis(k.get("dilation", 1), 2)) > 1 for _, k in cases)
    assert any(k.get("groups", 1) > 1 and a["weight"].shape[1] > 1 for a, k in cases)
    assert any(k.get("groups", 1) == a["x"].shape[-3] for a, k in cases)  # depthwise
    assert any(isinstance(k.get("padding"), tuple) and len(set(k["padding"])) > 1 for _, k in cases)
    same = [a["weight"].shape[2:] for a, k in cases if k.get("padding") == "same"]
    assert any(kh % 2 and kw % 2 for kh, kw in same) and any(kh % 2 == 0 for kh, _ in same)
    assert any(k.get("padding") == "valid" for _, k in cases)
    assert any(a["x"].ndim == 3 for a, _ in cases)  # unbatched


def test_conv3d_fixtures_cover_anisotropic_per_axis_and_grouped_cases():
    cases = accepted_kwargs("conv3d")
    assert len(cases) >= 15
    assert any(len(set(a["weight"].shape[2:])) == 3 for a, _ in cases)  # anisotropic kernel
    for name in ("stride", "padding", "dilation"):
        assert any(isinstance(k.get(name), tuple) and len(set(k[name])) > 1 for _, k in cases)
    assert any(k.get("groups", 1) > 1 for _, k in cases)


def test_rejected_fixtures_include_the_configurations_torch_refuses():
    """groups not dividing the channels, a kernel larger than the padded input, 'same'
    with stride 2: recorded as refused by torch for conv2d."""
    refused = [kwargs_of(a) | {"argument": str(a["argument"])} for c, a in REJECTED]
    assert {"groups": 2, "argument": "groups"} in refused
    assert {"stride": 2, "padding": "same", "argument": "stride"} in refused
    kernel_too_large = [
        a for c, a in REJECTED if c.startswith("conv2d/") and str(a["argument"]) == "weight"
    ]
    assert any(a["weight"].shape[-1] > a["x"].shape[-1] for a in kernel_too_large)
    assert len(accepted_kwargs("im2col")) >= 10


def torch_call(torch, name, x, *arrays, **kwargs):
    tensors = [None if a is None else torch.from_numpy(np.ascontiguousarray(a)) for a in arrays]
    function = getattr(torch.nn.functional, "unfold" if name == "im2col" else name)
    return function(torch.from_numpy(x), *tensors, **kwargs).numpy()


def random_layer(rng, d):
    """A random valid conv layer with d spatial axes: (x, weight, bias, kwargs)."""
    groups = int(rng.choice([1, 2, 3]))
    c_in, c_out = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3))
    kernel = tuple(int(k) for k in rng.integers(1, 4, size=d))
    dilation = tuple(int(v) for v in rng.integers(1, 3, size=d))
    if rng.random() < 0.25:
        stride, padding = (1,) * d, str(rng.choice(["same", "valid"]))
        pads = [dil * (k - 1) if padding == "same" else 0 for k, dil in zip(kernel, dilation)]
    else:
        stride = tuple(int(v) for v in rng.integers(1, 4, size=d))
        padding = tuple(int(v) for v in rng.integers(0, 3, size=d))
        pads = [2 * p for p in padding]
    sizes = [
        int(rng.integers(max(1, dil * (k - 1) + 1 - p), 8))
        for k, dil, p in zip(kernel, dilation, pads)
    ]
    batch = (int(rng.integers(1, 3)),) if rng.random() < 0.8 else ()  # sometimes unbatched
    x = rng.normal(size=(*batch, c_in, *sizes))
    weight = rng.normal(size=(c_out, c_in // groups, *kernel))
    bias = rng.normal(size=c_out) if rng.random() < 0.7 else None
    kwargs = dict(stride=stride, padding=padding, dilation=dilation, groups=groups)
    return x, weight, bias, kwargs


@pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")  # torch's perf note
@pytest.mark.parametrize(("name", "d"), [("conv2d", 2), ("conv3d", 3)])
def test_live_random_layers_match_torch(name, d):
    """When torch imports: random layers (stride, padding incl. 'same'/'valid', dilation,
    groups, bias, unbatched) agree with torch in float64."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(11 + d)
    for _ in range(60 if d == 2 else 25):
        x, weight, bias, kwargs = random_layer(rng, d)
        expected = torch_call(torch, name, x, weight, bias, **kwargs)
        got = OPERATORS[name](x, weight, bias, **kwargs)
        assert got.shape == expected.shape, kwargs
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE, err_msg=str(kwargs))


def test_live_float32_layers_match_torch_in_float32():
    """When torch imports: float32 in gives float32 out, as close to torch as float32 allows."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(12)
    for _ in range(20):
        x, weight, bias, kwargs = random_layer(rng, 2)
        x, weight = x.astype(np.float32), weight.astype(np.float32)
        bias = None if bias is None else bias.astype(np.float32)
        got = cl.conv2d(x, weight, bias, **kwargs)
        assert got.dtype == np.float32
        np.testing.assert_allclose(
            got, torch_call(torch, "conv2d", x, weight, bias, **kwargs), rtol=0, atol=1e-5
        )


def test_live_im2col_matches_torch_unfold():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(13)
    for _ in range(30):
        kernel = tuple(int(k) for k in rng.integers(1, 4, size=2))
        stride = tuple(int(v) for v in rng.integers(1, 4, size=2))
        padding = tuple(int(v) for v in rng.integers(0, 3, size=2))
        dilation = tuple(int(v) for v in rng.integers(1, 3, size=2))
        sizes = [
            int(rng.integers(max(1, dil * (k - 1) + 1 - 2 * p), 8))
            for k, dil, p in zip(kernel, dilation, padding)
        ]
        x = rng.normal(size=(int(rng.integers(1, 3)), int(rng.integers(1, 4)), *sizes))
        kwargs = dict(kernel_size=kernel, stride=stride, padding=padding, dilation=dilation)
        np.testing.assert_allclose(
            cl.im2col(x, **kwargs), torch_call(torch, "im2col", x, **kwargs), atol=TOLERANCE
        )


def test_live_conv_transpose2d_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(14)
    for _ in range(30):
        x, _, bias, kwargs = random_layer(rng, 2)
        if isinstance(kwargs["padding"], str):
            kwargs["padding"] = 0
        groups, c_in = kwargs["groups"], x.shape[-3]
        c_out = groups * int(rng.integers(1, 3))
        weight = rng.normal(size=(c_in, c_out // groups, *rng.integers(1, 4, size=2)))
        bias = None if bias is None else rng.normal(size=c_out)
        kwargs["output_padding"] = tuple(
            int(rng.integers(0, max(s, d))) for s, d in zip(kwargs["stride"], kwargs["dilation"])
        )
        try:
            expected = torch_call(torch, "conv_transpose2d", x, weight, bias, **kwargs)
        except RuntimeError:  # the padding leaves no output: convlab must refuse too
            with pytest.raises(ValueError, match="padding"):
                cl.conv_transpose2d(x, weight, bias, **kwargs)
            continue
        np.testing.assert_allclose(
            cl.conv_transpose2d(x, weight, bias, **kwargs), expected, atol=TOLERANCE
        )


X = np.ones((1, 4, 6, 6))
W = np.ones((2, 4, 3, 3))


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        (dict(x=np.ones((4, 6))), "x"),  # wrong ndim
        (dict(x=np.ones((1, 1, 4, 6, 6))), "x"),
        (dict(weight=np.ones((4, 3, 3))), "weight"),
        (dict(weight=np.ones((1, 2, 4, 3, 3))), "weight"),
        (dict(groups=3), "groups"),  # C_in = 4 not divisible
        (dict(weight=np.ones((3, 2, 3, 3)), groups=2), "groups"),  # C_out = 3 not divisible
        (dict(weight=np.ones((2, 3, 3, 3))), "weight"),  # C_in mismatch
        (dict(weight=np.ones((2, 4, 3, 3)), groups=2), "weight"),  # C_in / groups mismatch
        (dict(stride=0), "stride"),
        (dict(stride=(1, -1)), "stride"),
        (dict(padding=-1), "padding"),
        (dict(padding=(0, -2)), "padding"),
        (dict(padding="full"), "padding"),
        (dict(padding="same", stride=2), "padding='same'"),
        (dict(padding="same", stride=(1, 2)), "stride"),
        (dict(weight=np.ones((2, 4, 7, 7))), "weight"),  # kernel larger than the input
        (dict(weight=np.ones((2, 4, 9, 1)), padding=1), "weight"),  # than the padded input
        (dict(weight=np.ones((2, 4, 3, 3)), dilation=3), "weight"),  # dilated span 7 > 6
        (dict(dilation=0), "dilation"),
        (dict(bias=np.ones(3)), "bias"),
        (dict(bias=np.ones((2, 1))), "bias"),
        (dict(stride=(1, 2, 3)), "stride"),
        (dict(groups=1.5), "groups"),
        (dict(x=np.array([["a"]])), "x"),
    ],
)
def test_conv2d_bad_input_raises_value_error_naming_the_argument(kwargs, argument):
    args = dict(x=X, weight=W) | kwargs
    with pytest.raises(ValueError, match=naming(argument)):
        cl.conv2d(**args)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        (dict(x=np.ones((1, 2, 5, 5))), "x"),
        (dict(weight=np.ones((2, 2, 3, 3))), "weight"),
        (dict(padding=(1, 1)), "padding"),
        (dict(stride=(1, 0, 1)), "stride"),
        (dict(groups=2, weight=np.ones((3, 1, 3, 3, 3))), "groups"),
        (dict(weight=np.ones((2, 2, 6, 1, 1))), "weight"),
    ],
)
def test_conv3d_bad_input_raises_value_error_naming_the_argument(kwargs, argument):
    args = dict(x=np.ones((1, 2, 5, 5, 5)), weight=np.ones((2, 2, 3, 3, 3))) | kwargs
    with pytest.raises(ValueError, match=naming(argument)):
        cl.conv3d(**args)


def test_float32_in_float32_out_and_ints_become_float64():
    """dtype as in torch: float32 stays float32 (bias too); integers compute in float64."""
    x32, w32 = X.astype(np.float32), W.astype(np.float32)
    assert cl.conv2d(x32, w32).dtype == np.float32
    assert cl.conv2d(x32, w32, np.ones(2, np.float32), padding="same").dtype == np.float32
    assert cl.conv3d(x32[:, :, None], w32[:, :, None]).dtype == np.float32
    assert cl.conv2d(X.astype(int), W.astype(int)).dtype == np.float64


def test_unbatched_input_is_the_batched_result_without_its_batch_axis():
    rng = np.random.default_rng(3)
    x, weight = rng.normal(size=(4, 6, 5)), rng.normal(size=(4, 2, 2, 3))
    kwargs = dict(stride=(2, 1), padding=1, groups=2)
    batched = cl.conv2d(x[None], weight, **kwargs)
    np.testing.assert_array_equal(cl.conv2d(x, weight, **kwargs), batched[0])


def test_pad2d_pads_the_last_two_axes_only_with_zeros():
    x = np.arange(1.0, 7.0).reshape(1, 2, 3)
    got = cl.pad2d(x, (1, 2))
    assert got.shape == (1, 4, 7) and got.dtype == x.dtype
    assert got[0, 1:3, 2:5].tolist() == x[0].tolist()
    assert np.count_nonzero(got) == x.size  # everything else is zero
    assert cl.pad2d(x, 0).tolist() == x.tolist()
    assert cl.pad2d(np.ones((2, 3, 1, 1)), 1).shape == (2, 3, 3, 3)


def test_pad2d_then_valid_conv2d_is_conv2d_with_padding():
    rng = np.random.default_rng(4)
    x, weight = rng.normal(size=(2, 3, 5, 4)), rng.normal(size=(2, 3, 3, 2))
    np.testing.assert_allclose(
        cl.conv2d(cl.pad2d(x, (2, 1)), weight, stride=2),
        cl.conv2d(x, weight, stride=2, padding=(2, 1)),
        atol=1e-12,
    )


@pytest.mark.parametrize(
    ("x", "padding", "argument"),
    [
        (np.ones((3, 3)), -1, "padding"),
        (np.ones((3, 3)), (1, -1), "padding"),
        (np.ones((3, 3)), (1, 1, 1), "padding"),
        (np.ones((3, 3)), 1.0, "padding"),
        (np.ones(3), 1, "x"),
    ],
)
def test_pad2d_bad_input_raises_value_error_naming_the_argument(x, padding, argument):
    with pytest.raises(ValueError, match=naming(argument)):
        cl.pad2d(x, padding)


def test_composition_fixtures_cover_every_operator_built_on_conv2d():
    """Has each operator that convlab composes from conv2d at least one torch case?"""
    named = {str(arrays["operator"]) for _, arrays in load_cases("compositions")}
    assert named == set(COMPOSITIONS)
