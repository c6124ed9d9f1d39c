"""The tap explorer of notebook 12 (deformable_taps) and the figures under it."""

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import viz, widgets
from convlab.viz.deformable import DeformView
from convlab.widgets.deformable import CUSTOM, OFFSET_PRESETS, SOBEL_X

NEW_VALUES = {
    "preset": "rotate 45°",
    "tap": 0,
    "dy": 1.5,
    "dx": -2.0,
    "mask": 0.25,
    "row": 0,
    "col": 12,
}


def output_map(view):
    return np.asarray(view.view.output_image.get_array())


def artist_state(figure):
    """What the figure shows, as plain values: points, segments, pixels, texts, patches."""
    state = []
    for ax in figure.axes:
        for c in ax.collections:  # line segments, or scattered points and their sizes
            if hasattr(c, "get_segments"):
                state.append([np.asarray(s).round(9).tolist() for s in c.get_segments()])
            else:
                state += [np.asarray(c.get_offsets()).round(9).tolist(), c.get_sizes().tolist()]
        state += [np.asarray(image.get_array()).round(9).tolist() for image in ax.images]
        state += [(t.get_text(), t.get_position()) for t in ax.texts]
        state += [(p.get_xy(), p.get_linestyle()) for p in ax.patches]
        state += [ax.get_xlim(), ax.get_ylim(), ax.get_title()]
    return state


def test_explorer_is_none_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.deformable_taps() is None


def test_zero_offsets_show_conv2d_everywhere(live):
    view = widgets.deformable_taps()
    assert isinstance(view, widgets.Explorer)
    assert bytes(view.image.value).startswith(b"\x89PNG")
    image = viz.disc_image()
    expected = cl.conv2d(image[None, None], SOBEL_X[None, None], padding=1)[0, 0]
    np.testing.assert_allclose(output_map(view), expected, atol=1e-12)
    assert "the same as conv2d, here and at every pixel" in view.message.value
    assert f"<b>{expected[9, 4]:.3f}</b>" in view.message.value


@pytest.mark.parametrize("name", list(NEW_VALUES))
def test_every_control_changes_the_png_and_the_figure(live, name):
    """Does moving each control, from the default state, redraw the same figure differently?"""
    view = widgets.deformable_taps()
    figure, before, artists = view.figure, bytes(view.image.value), artist_state(view.figure)
    view.controls[name].value = NEW_VALUES[name]
    assert bytes(view.image.value) != before
    assert artist_state(view.figure) != artists
    assert view.figure is figure


def deformed(image, offsets, mask):
    """convlab's deformable convolution of `image` with one (dy, dx) and mask value per tap."""
    size = image.shape
    return cl.deform_conv2d(
        image[None, None],
        viz.uniform_offset(offsets, size),
        SOBEL_X[None, None],
        padding=1,
        mask=np.broadcast_to(np.reshape(mask, (1, 9, 1, 1)), (1, 9, *size)),
    )[0, 0]


def test_a_moved_tap_gives_convlabs_output_and_sample(live):
    """The map, the output value and the tap's sample in the message are convlab's."""
    view = widgets.deformable_taps(row=3, col=15)
    controls = view.controls
    controls["tap"].value = 2  # (a, b) = (0, 2): regular point (3 - 1, 15 + 1) = (2, 16)
    controls["dy"].value, controls["dx"].value, controls["mask"].value = -1.25, 0.5, 0.4
    offsets, mask = np.zeros((9, 2)), np.ones(9)
    offsets[2], mask[2] = (-1.25, 0.5), 0.4
    image = viz.disc_image()
    expected = deformed(image, offsets, mask)
    np.testing.assert_allclose(output_map(view), expected, atol=1e-12)
    message = view.message.value
    assert "(a, b) = (0, 2)" in message and "regular point (2, 16)" in message
    sample = cl.bilinear_sample(image, 2 - 1.25, 16 + 0.5).item()
    assert f"x(0.75, 16.50) = {sample:.3f}" in message
    assert f"<b>{expected[3, 15]:.3f}</b>" in message and "conv2d gives" in message


def test_the_four_neighbours_carry_their_bilinear_weights(live):
    view = widgets.deformable_taps(row=0, col=4)
    view.controls["tap"].value = 1  # regular point (-1, 4)
    view.controls["dy"].value, view.controls["dx"].value = 0.75, 0.25  # sample at (-0.25, 4.25)
    # rows -1 (outside: 0) and 0 (weight 0.75); columns 4 and 5 (weights 0.75 and 0.25)
    assert sorted(t.get_text() for t in view.view.weights) == ["0", "0", "0.19", "0.56"]
    styles = [p.get_linestyle() for p in view.view.neighbours]
    assert styles.count("--") == 2  # the two neighbours above the image


def test_presets_are_the_layers_they_claim(live):
    """scale ×2 is a dilated conv2d, rotate 90° a conv2d with the kernel turned, shift a
    shifted conv2d; every preset resets the mask to 1."""
    view = widgets.deformable_taps()
    image = viz.disc_image()[None, None]
    view.controls["mask"].value = 0.0  # tap 4 silenced, then a preset restores it
    view.controls["preset"].value = "scale ×2 (= dilation 2)"
    dilated = cl.conv2d(image, SOBEL_X[None, None], padding=2, dilation=2)[0, 0]
    np.testing.assert_allclose(output_map(view), dilated, atol=1e-12)
    assert view.controls["mask"].value == 1.0
    view.controls["preset"].value = "rotate 90°"
    turned = cl.conv2d(image, np.rot90(SOBEL_X)[None, None], padding=1)[0, 0]
    np.testing.assert_allclose(output_map(view), turned, atol=1e-9)
    view.controls["preset"].value = "shift (+1, −2)"
    np.testing.assert_allclose(
        output_map(view), deformed(image[0, 0], OFFSET_PRESETS["shift (+1, −2)"], np.ones(9))
    )


def test_the_sliders_follow_the_chosen_tap_and_edits_make_a_custom_pattern(live):
    view = widgets.deformable_taps(preset="random")
    controls = view.controls
    for tap in (0, 5, 8):
        controls["tap"].value = tap
        assert (controls["dy"].value, controls["dx"].value) == tuple(OFFSET_PRESETS["random"][tap])
        assert controls["preset"].value == "random"
    controls["dx"].value = 2.5  # an edit: the pattern is no longer the preset
    assert controls["preset"].value == CUSTOM
    controls["tap"].value = 7
    controls["tap"].value = 8
    assert controls["dx"].value == 2.5  # the edited tap kept its offset
    controls["preset"].value = "zero offsets (= conv2d)"
    assert (controls["dy"].value, controls["dx"].value) == (0.0, 0.0)
    assert "the same as conv2d, here and at every pixel" in view.message.value


def test_a_silenced_tap_is_a_kernel_without_that_weight(live):
    view = widgets.deformable_taps()
    view.controls["tap"].value = 5
    view.controls["mask"].value = 0.0
    kernel = SOBEL_X.copy()
    kernel[1, 2] = 0.0
    expected = cl.conv2d(viz.disc_image()[None, None], kernel[None, None], padding=1)[0, 0]
    np.testing.assert_allclose(output_map(view), expected, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"image": np.ones(5)}, "image"),
        ({"image": np.ones((2, 8))}, "image"),
        ({"kernel": np.ones((5, 5))}, "kernel"),
        ({"row": 20}, "row"),
        ({"col": -1}, "col"),
        ({"row": 2.0}, "row"),
        ({"preset": "sheared"}, "preset"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(live, kwargs, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        widgets.deformable_taps(**kwargs)


# ------------------------------------------------------------------ the figure helpers


@pytest.mark.parametrize(
    ("kernel", "stride", "padding", "dilation"),
    [((3, 3), 1, 1, 1), ((2, 3), 2, 0, 1), ((3, 2), (2, 1), (1, 2), (2, 3))],
)
def test_sampling_grid_is_where_conv2d_reads(kernel, stride, padding, dilation):
    """Is the regular grid of every output pixel the window im2col gathers (in unpadded
    coordinates)?"""
    height, width = 7, 8
    numbered = np.arange(height * width, dtype=float).reshape(1, 1, height, width) + 1
    columns = cl.im2col(numbered, kernel, stride, padding, dilation)[0]  # (kH kW, L), 0 = pad
    h_out, w_out = cl.conv2d(numbered, np.ones((1, 1, *kernel)), None, stride, padding, dilation)[
        0, 0
    ].shape
    for i in range(h_out):
        for j in range(w_out):
            grid = viz.sampling_grid(i, j, kernel, stride, padding, dilation)
            inside = (grid[:, 0] >= 0) & (grid[:, 0] < height)
            inside &= (grid[:, 1] >= 0) & (grid[:, 1] < width)
            values = np.where(inside, 1 + grid[:, 0] * width + grid[:, 1], 0)
            assert values.tolist() == columns[:, i * w_out + j].tolist()


@pytest.mark.parametrize("k", [3, 5])
@pytest.mark.parametrize("d", [2, 3])
def test_scale_offsets_make_a_dilated_convolution(k, d):
    rng = np.random.default_rng(k * d)
    x, weight = rng.normal(size=(1, 2, 9, 10)), rng.normal(size=(3, 2, k, k))
    offset = viz.uniform_offset(viz.scale_offsets(d, k), (9, 10))
    np.testing.assert_allclose(
        cl.deform_conv2d(x, offset, weight, padding=k // 2),
        cl.conv2d(x, weight, padding=d * (k // 2), dilation=d),
        atol=1e-12,
    )


def test_rotation_offsets_turn_the_grid_counter_clockwise_on_screen():
    grid = viz.sampling_grid(0, 0, 3) - 1.0  # centred: (u, v) = (row, col) from the centre
    turned = grid + viz.rotation_offsets(90)
    right, top = 5, 1  # taps (1, 2) and (0, 1)
    np.testing.assert_allclose(turned[right], grid[top], atol=1e-12)
    for degrees in (30, 45, 200):  # distances to the centre are kept
        moved = grid + viz.rotation_offsets(degrees)
        np.testing.assert_allclose(np.hypot(*moved.T), np.hypot(*grid.T), atol=1e-12)
    np.testing.assert_allclose(viz.rotation_offsets(360), 0, atol=1e-12)


def test_uniform_offset_puts_dy_on_even_and_dx_on_odd_channels():
    per_tap = np.arange(18.0).reshape(9, 2)
    offset = viz.uniform_offset(per_tap, (2, 3), batch=2)
    assert offset.shape == (2, 18, 2, 3)
    np.testing.assert_array_equal(offset[1, 0::2, 1, 2], per_tap[:, 0])
    np.testing.assert_array_equal(offset[0, 1::2, 0, 0], per_tap[:, 1])
    with pytest.raises(ValueError, match="per_tap"):
        viz.uniform_offset(np.zeros(18), (2, 3))


def test_plot_bilinear_labels_each_neighbour_with_its_weight():
    figure = viz.plot_bilinear([[1.0, 2.0], [3.0, 4.0]], [(0.25, 0.75), (-0.5, 0.25)])
    assert isinstance(figure, Figure)
    inside, border = figure.axes
    assert inside.get_title() == "sample at (0.25, 0.75) = 2.25"
    labels = {t.get_text() for t in inside.texts if t.get_text().startswith("w=")}
    assert labels == {"w=0.1875", "w=0.5625", "w=0.0625"}
    assert border.get_title() == "sample at (-0.5, 0.25) = 0.625"
    assert sum("outside: 0" in t.get_text() for t in border.texts) == 2
    with pytest.raises(ValueError, match="image"):
        viz.plot_bilinear(np.ones(3), [(0, 0)])


def test_plot_zero_outside_samples_an_image_of_ones():
    figure = viz.plot_zero_outside(3, 4)
    values = np.asarray(figure.axes[0].images[0].get_array())
    assert values.max() == 1.0 and values.min() == 0.0
    assert values[0].max() == 0.0 and values[:, 0].max() == 0.0  # y = -2 and x = -2
    with pytest.raises(ValueError, match="height"):
        viz.plot_zero_outside(0, 4)


def test_plot_offset_layout_names_every_channel():
    figure = viz.plot_offset_layout((2, 3))
    taps, channels = figure.axes
    assert [t.get_text() for t in taps.texts] == [f"k={k}" for k in range(6)]
    names = [t.get_text() for t in channels.texts]
    assert names[:3] == ["dy0", "dx0", "m0"] and names[15:18] == ["dy5", "dx5", "m5"]
    assert "offset: channels 0 … 11" in names and "mask (v2): channels 0 … 5" in names
    strip = np.asarray(channels.images[0].get_array())
    np.testing.assert_array_equal(strip[0, 10], strip[0, 11])  # dy5 and dx5: tap 5's colour
    np.testing.assert_array_equal(strip[2, 10], strip[0, 10])  # and m5 below them


def test_plot_sampling_patterns_draws_one_panel_per_pattern():
    figure = viz.plot_sampling_patterns({"a": np.zeros((9, 2)), "b": viz.scale_offsets(2)})
    assert [ax.get_title() for ax in figure.axes] == ["a", "b"]
    dots = np.asarray(figure.axes[1].collections[-1].get_offsets())
    np.testing.assert_allclose(np.abs(dots).max(), 2.0)  # scaled x2: corners at distance 2


def test_disc_image_is_a_bright_disc_in_0_1():
    image = viz.disc_image(20, 6.0)
    assert image.shape == (20, 20) and image.min() == 0.0 and image.max() == 1.0
    assert image[10, 10] == 1.0 and image[0, 0] == 0.0
    with pytest.raises(ValueError, match="size"):
        viz.disc_image(0)


def test_deform_view_updates_in_place():
    """A view updates in place: the same figure and artists after several updates."""
    view = DeformView(viz.disc_image(), SOBEL_X)
    figure, image = view.figure, view.output_image
    for row, col in [(0, 0), (19, 19), (10, 3)]:
        view.update(np.zeros((9, 2)), np.ones(9), 4, row, col)
        assert view.marker.get_xy() == (col - 0.5, row - 0.5)
    assert view.figure is figure and view.output_image is image
