"""Notebook 03: the vessel volume, the 3-D kernel explorer and the figures under it."""

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import data, widgets
from convlab.viz.volume import (
    KERNELS,
    VolumeView,
    depth_window,
    explorer_kernel,
    plot_filter_footprints,
    plot_volume_slices,
)


@pytest.fixture(scope="module")
def volume():
    return data.vessels()


def reference(volume, kernel, kernel_depth, stride):
    """The explorer's output, computed here with convlab: (D_out, H - 2, W - 2)."""
    weight = explorer_kernel(kernel, kernel_depth)
    return cl.conv3d(volume[None, None], weight, stride=(stride, 1, 1))[0, 0]


# ------------------------------------------------------------------ data.vessels


def test_vessels_is_a_deterministic_float_volume_in_the_unit_range():
    volume = data.vessels(24, seed=3)
    assert volume.shape == (24, 24, 24) and volume.dtype == np.float64
    assert volume.min() >= 0.0 and volume.max() <= 1.0
    assert np.array_equal(volume, data.vessels(24, seed=3))
    assert not np.array_equal(volume, data.vessels(24, seed=4))


@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_vessels_are_long_bright_tubes_on_a_dark_background(seed):
    """Bright voxels form a few connected pieces, each long: no speck of noise, no blob."""
    ndimage = pytest.importorskip("scipy.ndimage")
    volume = data.vessels(32, seed=seed)
    bright = volume > 0.5
    assert 0.01 < bright.mean() < 0.2  # thin tubes: a few percent of the volume
    assert np.median(volume) < 0.1  # the background is dark
    labels, count = ndimage.label(bright, structure=np.ones((3, 3, 3)))  # 26 neighbours
    assert 1 <= count <= 10
    for piece in ndimage.find_objects(labels):
        spans = [s.stop - s.start for s in piece]
        assert max(spans) >= 16, spans  # tube-like: it runs across half the cube or more
    # a tube is thin: within one slice, a vessel running through depth covers few pixels
    assert bright.sum(axis=(1, 2)).max() < 0.25 * 32 * 32


@pytest.mark.parametrize("size", [7, 0, 32.0, True, "32"])
def test_vessels_rejects_a_bad_size(size):
    with pytest.raises(ValueError, match="^size"):
        data.vessels(size)


@pytest.mark.parametrize("seed", [1.5, None, [1, 2], "0"])
def test_vessels_rejects_a_seed_that_is_not_an_int(seed):
    with pytest.raises(ValueError, match="^seed"):
        data.vessels(16, seed)


def test_vessels_returns_a_fresh_array_each_time():
    """The volumes are cached: changing one must not change the next."""
    first = data.vessels(16)
    first[:] = 0.0
    assert data.vessels(16).max() > 0.5


# ------------------------------------------------------------------ the explorer


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.conv_volume() is None


def test_explorer_shows_a_png_and_the_output_shape(live):
    view = widgets.conv_volume()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert "out (1, 1, 30, 30, 30)" in view.message.value and "<b>30</b>" in view.message.value
    assert view.controls["out_slice"].value == 14  # half-way through the 30 output slices


@pytest.mark.parametrize("name", ["kernel", "kernel_depth", "stride", "out_slice"])
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does moving each control redraw: new PNG bytes and new pixels in the figure?"""
    view = widgets.conv_volume(kernel_depth=3, stride=1)
    control = view.controls[name]
    png = bytes(view.image.value)
    before = [np.array(axes.images[0].get_array()) for axes in view.figure.axes]
    if name == "kernel":
        control.value = "mean"
    else:
        control.value = control.max if control.value != control.max else control.min
    assert bytes(view.image.value) != png
    after = [np.asarray(axes.images[0].get_array()) for axes in view.figure.axes]
    assert any(a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(before, after))


@pytest.mark.parametrize(
    ("kernel", "kernel_depth", "stride", "out_slice"),
    [
        ("change along depth", 3, 1, 10),
        ("change along width", 5, 2, 7),
        ("mean", 4, 3, 9),
        ("mean", 1, 1, 31),
        ("change along depth", 32, 1, 0),
        ("change along width", 2, 4, 3),
    ],
)
def test_the_figure_shows_the_slices_read_and_the_output_of_conv3d(
    volume, kernel, kernel_depth, stride, out_slice
):
    """Band, middle panel and output slice are what conv3d reads and computes."""
    view = VolumeView(volume)
    message = view.update(kernel, kernel_depth, stride, out_slice)
    expected = reference(volume, kernel, kernel_depth, stride)
    out_depth = cl.conv_output_size(32, kernel_depth, stride)
    assert expected.shape == (out_depth, 30, 30) and np.allclose(view.output, expected)
    assert np.allclose(view.out_image.get_array(), expected[out_slice])
    first, last = out_slice * stride, out_slice * stride + kernel_depth - 1
    assert (view.window.get_y(), view.window.get_height()) == (first - 0.5, kernel_depth)
    assert np.array_equal(view.seen.get_array(), volume[first : last + 1].max(axis=0))
    assert f"<b>{out_depth}</b>" in message
    assert f"out (1, 1, {out_depth}, 30, 30)" in message
    assert view.out_axes.get_title() == f"output slice {out_slice} of {out_depth}"


def test_the_unread_slices_are_flagged_exactly_when_the_stride_leaves_some(volume):
    view = VolumeView(volume)
    for kernel_depth in range(1, 33):
        for stride in range(1, 5):
            message = view.update("mean", kernel_depth, stride, 0)
            left_over = (32 - kernel_depth) % stride
            assert ("never read" in message) == (left_over > 0), (kernel_depth, stride)
            assert view.unread.get_height() == left_over
            assert view.unread.get_y() == 32 - left_over - 0.5
            last_read = depth_window(view.output.shape[0] - 1, kernel_depth, stride)[1]
            assert last_read == 31 - left_over


def test_the_two_extremes_are_named_and_a_single_slice_sees_no_change_along_depth(live):
    view = widgets.conv_volume(kernel="change along depth", kernel_depth=1)
    assert "slice by slice" in view.message.value
    assert "all zeros" in view.message.value
    assert not np.any(view.figure.axes[2].images[0].get_array())
    view.controls["kernel_depth"].value = 2
    assert "all zeros" not in view.message.value
    view.controls["kernel_depth"].value = 32
    assert view.controls["out_slice"].max == 0 and view.controls["out_slice"].value == 0
    assert "as channels" in view.message.value and "<b>1</b>" in view.message.value


def test_the_output_slice_is_clamped_when_the_output_shrinks(live):
    view = widgets.conv_volume(kernel_depth=3, stride=1)
    view.controls["out_slice"].value = 29
    view.controls["stride"].value = 4  # floor(29 / 4) + 1 = 8 output slices
    assert view.controls["out_slice"].max == 7 and view.controls["out_slice"].value == 7
    assert view.figure.axes[2].get_title() == "output slice 7 of 8"


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"kernel": "sobel"}, "kernel"),
        ({"kernel_depth": 0}, "kernel_depth"),
        ({"kernel_depth": 33}, "kernel_depth"),
        ({"kernel_depth": 2.0}, "kernel_depth"),
        ({"stride": 0}, "stride"),
        ({"stride": 5}, "stride"),
        ({"size": 7}, "size"),
        ({"size": 49}, "size"),
        ({"seed": "a"}, "seed"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.conv_volume(**kwargs)


# ------------------------------------------------------------------ figure helpers


@pytest.mark.parametrize("kernel_depth", [1, 2, 3, 8])
def test_explorer_kernels_have_the_promised_shape_and_sums(kernel_depth):
    mean = explorer_kernel("mean", kernel_depth)
    assert mean.shape == (1, 1, kernel_depth, 3, 3) and np.isclose(mean.sum(), 1.0)
    for name in ("change along depth", "change along width"):
        assert np.isclose(explorer_kernel(name, kernel_depth).sum(), 0.0)
    depth_profile = explorer_kernel("change along depth", kernel_depth)[0, 0, :, 1, 1]
    assert np.all(np.diff(depth_profile) >= 0)  # later slices weigh more: later minus earlier
    width = explorer_kernel("change along width", kernel_depth)[0, 0]
    assert np.allclose(width[..., 0], -width[..., 2]) and not np.any(width[..., 1])


def test_the_change_along_depth_kernel_sees_only_change_along_depth():
    """A volume constant along depth gives zeros; a ramp along depth does not."""
    constant = np.broadcast_to(np.random.default_rng(0).random((1, 8, 8)), (6, 8, 8))
    ramp = np.arange(6.0)[:, None, None] * np.ones((6, 8, 8))
    weight = explorer_kernel("change along depth", 3)
    assert np.allclose(cl.conv3d(constant[None, None], weight), 0.0)
    assert np.allclose(cl.conv3d(ramp[None, None], weight), 1.0)  # (2 - 0) / 2 per slice step


def test_helpers_reject_bad_arguments():
    with pytest.raises(ValueError, match="name"):
        explorer_kernel("blur", 3)
    with pytest.raises(ValueError, match="kernel_depth"):
        explorer_kernel("mean", 0)
    with pytest.raises(ValueError, match="kernel_depth"):
        explorer_kernel("mean", "3")
    with pytest.raises(ValueError, match="out_slice"):
        depth_window(1.5, 3)
    with pytest.raises(ValueError, match="stride"):
        depth_window(0, 3, stride=0)
    with pytest.raises(ValueError, match="out_slice"):
        depth_window(-1, 3)
    with pytest.raises(ValueError, match="volume"):
        VolumeView(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="kernel_depth"):
        VolumeView(np.zeros((4, 4, 4))).update("mean", 5, 1, 0)


def test_filter_footprints_state_the_output_shapes_conv3d_gives():
    figure = plot_filter_footprints(size=8, kernel_size=3, kernel_depth=3)
    assert isinstance(figure, Figure) and len(figure.axes) == 3
    texts = [" ".join(t.get_text() for t in axes.texts) for axes in figure.axes]
    x = np.zeros((1, 1, 8, 8, 8))
    shapes = [cl.conv3d(x, np.zeros((1, 1, kd, 3, 3))).shape[2:] for kd in (1, 3, 8)]
    assert shapes == [(8, 6, 6), (6, 6, 6), (1, 6, 6)]
    assert "= 8 × 6 × 6" in texts[0] and "= 6 × 6 × 6" in texts[1]
    assert "= 6 × 6" in texts[2] and "no depth" in texts[2]
    titles = [axes.get_title() for axes in figure.axes]
    assert [t.splitlines()[1] for t in titles] == [
        "filter 1 × 3 × 3",
        "filter 3 × 3 × 3",
        "filter 8 × 3 × 3",
    ]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"size": 1}, "size"),
        ({"kernel_size": 9}, "kernel_size"),
        ({"kernel_depth": 1}, "kernel_depth"),
        ({"kernel_depth": 8}, "kernel_depth"),
        ({"kernel_size": "3"}, "kernel_size"),
    ],
)
def test_filter_footprints_reject_bad_arguments(kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        plot_filter_footprints(**kwargs)


def test_volume_slices_show_the_chosen_slices_and_the_projection(volume):
    figure = plot_volume_slices(volume, depths=[0, 31])
    assert isinstance(figure, Figure) and len(figure.axes) == 3
    images = [axes.images[0].get_array() for axes in figure.axes]
    assert np.array_equal(images[0], volume[0]) and np.array_equal(images[1], volume[31])
    assert np.array_equal(images[2], volume.max(axis=0))
    assert len(plot_volume_slices(volume).axes) == 6  # five slices by default
    with pytest.raises(ValueError, match="depths"):
        plot_volume_slices(volume, depths=[32])
    with pytest.raises(ValueError, match="volume"):
        plot_volume_slices(volume[0])


def test_kernels_offered_by_the_explorer_are_the_ones_it_draws(live):
    view = widgets.conv_volume()
    assert tuple(view.controls["kernel"].options) == KERNELS
