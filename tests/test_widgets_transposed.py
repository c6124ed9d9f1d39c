"""The explorers of notebook 05 (three views of a transposed convolution, the checkerboard)
and the figure helpers under them."""

import itertools
import re

import numpy as np
import pytest

import convlab as cl
from convlab import viz, widgets
from convlab.viz.transposed import (
    COLOURS,
    CheckerboardView,
    TransposedView,
    example_input,
    example_kernel,
    flat_response,
    insert_zeros,
    interior_slice,
    recipe_input,
    upsample,
    upsample_layers,
)

from .figure_helpers import cells_coloured

EXPLORERS = [widgets.transposed_views, widgets.checkerboard]
CONFIGS = [  # (i, k, s, p, op) within the explorer's ranges
    (i, k, s, p, op)
    for i, k, s in itertools.product(range(1, 5), range(1, 5), range(1, 4))
    for p in range(min(k - 1, ((i - 1) * s + k - 1) // 2) + 1)
    for op in range(s)
]


def bounds(patch):
    """(x, y, width, height) of a Rectangle, rounded."""
    return tuple(round(v, 6) for v in (patch.get_x(), patch.get_y(), patch.get_width(),
                                       patch.get_height()))  # fmt: skip


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_explorer_is_none_under_nbgrader(explorer, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert explorer() is None


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_every_control_changes_the_png(live, explorer):
    """Does moving any control, from the default state, redraw the figure the learner sees?"""
    view = explorer()
    assert isinstance(view, widgets.Explorer) and bytes(view.image.value).startswith(b"\x89PNG")
    for name, control in view.controls.items():
        before, initial = bytes(view.image.value), control.value
        if hasattr(control, "options"):
            control.value = [o for o in control.options if o != control.value][0]
        else:
            control.value = control.max if control.value != control.max else control.min
        assert bytes(view.image.value) != before, f"{explorer.__name__}: {name} did not redraw"
        control.value = initial


def test_every_output_cell_is_the_same_number_three_ways():
    """For each configuration and cell: the message's sum is conv_transpose2d's value, the orange
    pixels are the non-zero columns of the row of C^T, and the recipe's window covers them."""
    view = TransposedView()
    for i, k, s, p, op in CONFIGS[::2]:
        x, kernel = example_input(i), example_kernel(k)
        out = cl.conv_transpose2d(x[None, None], kernel[None, None], None, s, p, op)[0, 0]
        o = out.shape[0]
        matrix = cl.conv_matrix((o, o), kernel, s, p).T
        edge = k - p - 1
        for r, c in {(0, 0), (o // 2, (o - 1) // 3), (o - 1, o - 1)}:
            message = view.update(i, k, s, p, op, r, c)
            assert message.endswith(f"= <b>{out[r, c]:g}</b> (row {r * o + c} of Cᵀ)"), message
            assert f"= <b>{o}</b>;" in message
            orange = cells_coloured(view.input_image, COLOURS["contributes"])
            columns = {divmod(int(q), i) for q in np.flatnonzero(matrix[r * o + c])}
            assert orange == columns, (i, k, s, p, op, r, c)
            in_recipe = cells_coloured(view.recipe_image, COLOURS["contributes"])
            assert in_recipe == {(edge + a * s, edge + b * s) for a, b in orange}
            assert all(r <= row < r + k and c <= col < c + k for row, col in in_recipe)
            assert bounds(view.window) == (c - 0.5, r - 0.5, k, k)
            assert bounds(view.chosen) == (c + p - 0.5, r + p - 0.5, 1, 1)
            assert bounds(view.row) == (-0.5, r * o + c - 0.5, i * i, 1)
            visible = [patch for patch in view.stamps if patch.get_visible()]
            assert sorted(bounds(patch) for patch in visible) == sorted(
                (b * s - 0.5, a * s - 0.5, k, k) for a, b in orange
            )


def test_the_panels_show_conv_matrix_and_the_recipe_input():
    view = TransposedView()
    for i, k, s, p, op in CONFIGS[::7]:
        view.update(i, k, s, p, op, 0, 0)
        o = cl.conv_transpose_output_size(i, k, s, p, op)
        matrix = cl.conv_matrix((o, o), example_kernel(k), s, p).T
        pixels = np.asarray(view.matrix_image.get_array())
        assert pixels.shape[:2] == matrix.shape
        assert np.array_equal(np.all(pixels == 1.0, axis=-1), matrix == 0)  # white = zero
        grid = recipe_input(np.ones((i, i)), k, s, p, op)
        recipe = np.asarray(view.recipe_image.get_array())
        assert recipe.shape[:2] == grid.shape
        assert np.all(np.all(recipe == COLOURS["padding"], axis=-1) <= (grid == 0))
        full = (i - 1) * s + k + op
        assert np.asarray(view.scatter_image.get_array()).shape[:2] == (full, full)
        assert bounds(view.kept) == (p - 0.5, p - 0.5, full - 2 * p, full - 2 * p)


def test_the_message_spells_out_the_sum_of_products():
    view = TransposedView()
    message = view.update(3, 3, 2, 1, 0, 1, 1)  # output 5x5; cell (1, 1) is (2, 2) of the full
    assert "(3−1)·2 − 2 + 2 + 0 + 1 = <b>5</b>" in message
    assert "x[0,0]·w[2,2] + x[0,1]·w[2,0] + x[1,0]·w[0,2] + x[1,1]·w[0,0]" in message
    assert "1·9 + 2·7 + 4·3 + 5·1 = <b>40</b>" in message
    message = view.update(2, 1, 3, 0, 0, 1, 1)  # k = 1 < s: a cell between the stamps
    assert "nothing: no stamp reaches it" in message and message.endswith("<b>0</b> (row 5 of Cᵀ)")


def test_sliders_follow_the_sizes(live):
    """padding <= k - 1, output_padding < stride, the output cell inside the output."""
    view = widgets.transposed_views(i=3, k=3, stride=2, padding=1, output_padding=1)
    controls = view.controls
    assert (controls["padding"].max, controls["output_padding"].max) == (2, 1)
    assert controls["out_row"].max == cl.conv_transpose_output_size(3, 3, 2, 1, 1) - 1 == 5
    controls["out_row"].value = controls["out_col"].value = 5
    controls["stride"].value = 1  # output_padding clamps to 0; output 3x3
    assert controls["output_padding"].value == 0 and controls["output_padding"].max == 0
    assert controls["out_row"].value == controls["out_col"].value == 2
    controls["k"].value = 1  # padding clamps to 0
    assert controls["padding"].value == 0 and controls["padding"].max == 0
    assert "<b>3</b>" in view.message.value  # 3x3 input, k = 1, stride 1


def test_checkerboard_counts_are_the_overlap_of_flat_transposed_convolutions():
    view = CheckerboardView()
    for k, s, layers in itertools.product(range(1, 7), range(1, 5), range(1, 4)):
        message = view.update(k, s, layers, "transposed")
        heat = np.asarray(view.heatmap.get_array())
        stairs = view.stairs.get_data().values
        assert np.array_equal(heat, np.outer(stairs, stairs))  # 2-D = 1-D x 1-D
        even = k % s == 0
        assert ("<b>even overlap" in message) == even and (
            "flat: no checkerboard" in message
        ) == even
        assert ("gaps" in message) == (k < s)


def test_checkerboard_messages_state_the_interior_values():
    view = CheckerboardView()
    message = view.update(3, 2, 1, "transposed")
    assert "1-D {1, 2}, 2-D {1, 2, 4}: max/min 2 in 1-D, 4 = 2² in 2-D" in message
    message = view.update(3, 2, 3, "transposed")
    assert "1-D {1, 2, 3, 4, 5}" in message and "25 = 5² in 2-D" in message
    assert "repeating every 8 cells" in message
    for method in ("nearest", "bilinear"):
        message = view.update(3, 2, 2, method)
        assert "1-D {9}, 2-D {81}: flat: no checkerboard" in message


def test_checkerboard_image_is_the_image_through_the_layers(live):
    view = widgets.checkerboard(kernel_size=4, stride=2, layers=1)
    picture = np.asarray(view.figure.axes[2].images[0].get_array())
    assert picture.shape == (112, 112) and 0 < picture.mean() < 1
    view.controls["upsampler"].value = "bilinear + conv"
    assert "Bilinear resize ×2, then a 4×4 conv" in view.message.value
    assert re.search(r"crop, ×2", view.figure.axes[2].get_title())


def test_flat_response_counts_stamps():
    for n, k, s in itertools.product((3, 5), (1, 2, 3, 4), (1, 2, 3)):
        expected = np.zeros((n - 1) * s + k)
        for j in range(n):
            expected[j * s : j * s + k] += 1  # one stamp per input sample
        counts = flat_response(n, k, s, ndim=1)
        assert np.array_equal(counts, expected)
        assert np.array_equal(flat_response(n, k, s), np.outer(expected, expected))
        inner = interior_slice(n, k, s)
        if (n - 1) * s >= k - 1:  # cells k - 1 .. (n - 1)s get every stamp that could reach them
            assert inner.start <= k - 1 and inner.stop >= (n - 1) * s + 1
            assert set(counts[inner]) == set(expected[k - 1 : (n - 1) * s + 1])


def test_stacked_transposed_layers_equal_one_with_stride_s_to_the_l():
    counts = flat_response(12, 3, 2, layers=3, ndim=1)
    inner = counts[interior_slice(12, 3, 2, layers=3)]
    assert np.array_equal(inner[8:], inner[:-8]) and sorted(set(inner)) == [1, 2, 3, 4, 5]


def test_insert_zeros_and_the_recipe_equal_conv_transpose2d():
    assert insert_zeros(np.ones((2, 3)), (3, 2)).tolist() == [
        [1, 0, 1, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [1, 0, 1, 0, 1]
    ]  # fmt: skip
    rng = np.random.default_rng(0)
    for i, k, s, p, op in CONFIGS[::5]:
        x, kernel = rng.normal(size=(i, i + 1)), rng.normal(size=(k, k))
        padded = recipe_input(x, k, s, p, op)
        expected = cl.conv_transpose2d(x[None, None], kernel[None, None], None, s, p, op)
        assert np.allclose(cl.correlate2d(padded, kernel[::-1, ::-1], "valid"), expected[0, 0])


def test_upsample_nearest_and_bilinear():
    image = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(upsample(image, 2)[::2, ::2], image)
    assert np.array_equal(upsample(image, (2, 3))[1::2, 2::3], image)
    smooth = upsample(image, 2, "bilinear")
    assert smooth.shape == (6, 8) and np.allclose(upsample(np.ones((3, 4)), 3, "bilinear"), 1)
    # inside, bilinear interpolation of a linear ramp is the ramp at the new pixel centres
    rows, cols = (np.arange(6) + 0.5) / 2 - 0.5, (np.arange(8) + 0.5) / 2 - 0.5
    ramp = 4 * rows[:, None] + cols[None, :]
    assert np.allclose(smooth[1:-1, 1:-1], ramp[1:-1, 1:-1])
    assert np.allclose(smooth[0, 0], image[0, 0]) and np.allclose(smooth[-1, -1], image[-1, -1])


def test_upsample_layers_keep_the_brightness_of_a_flat_image():
    flat = np.full((12, 12), 0.5)
    for method in ("nearest", "bilinear"):
        out = upsample_layers(flat, 3, 2, 2, method)
        assert out.shape == (48, 48) and np.allclose(out[4:-4, 4:-4], 0.5)
    out = upsample_layers(flat, 4, 2, 1, "transposed")  # even overlap: flat inside
    assert np.allclose(out[3:-3, 3:-3], 0.5)
    out = upsample_layers(flat, 3, 2, 1, "transposed")  # uneven: a checkerboard around 0.5
    inner = out[2:-2, 2:-2]
    assert np.isclose(inner.mean(), 0.5, rtol=0.1) and inner.max() == 4 * inner.min()


def test_static_figures_draw():
    numbers = np.arange(1.0, 10.0).reshape(3, 3)
    figures = [
        viz.plot_scatter_add_1d([1.0, 2.0, 3.0], [1.0, 2.0, 1.0], stride=2),
        viz.plot_recipe(numbers, numbers, stride=2, padding=1),
        viz.plot_conv_matrix(cl.conv_matrix((4, 4), numbers)),
        viz.plot_overlap_counts(),
        viz.plot_upsampling(np.random.default_rng(0).random((10, 12))),
    ]
    for figure in figures:
        assert figure.axes
    assert figures[1].axes[2].get_title() == "output 5×5"
    sums = [t for t in figures[0].axes[0].texts if t.get_position()[1] == 3]  # the last row
    assert [t.get_text() for t in sums if t.get_position()[0] >= 0] == list("1234563")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: widgets.transposed_views(i=0), "i"),
        (lambda: widgets.transposed_views(i=5), "i"),
        (lambda: widgets.transposed_views(k=2.0), "k"),
        (lambda: widgets.transposed_views(stride=4), "stride"),
        (lambda: widgets.transposed_views(k=2, padding=2), "padding"),
        (lambda: widgets.transposed_views(i=1, k=3, padding=2), "padding"),
        (lambda: widgets.transposed_views(stride=2, output_padding=2), "output_padding"),
        (lambda: widgets.checkerboard(kernel_size=0), "kernel_size"),
        (lambda: widgets.checkerboard(stride=5), "stride"),
        (lambda: widgets.checkerboard(layers=True), "layers"),
        (lambda: widgets.checkerboard(upsampler="bicubic"), "upsampler"),
    ],
)
def test_bad_explorer_arguments_raise_value_error_naming_them(live, call, argument):
    with pytest.raises(ValueError, match=f"^{argument} "):
        call()


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: insert_zeros(np.ones((2, 2)), 0), "stride"),
        (lambda: recipe_input(np.ones((2, 2)), 3, padding=3), "padding"),
        (lambda: upsample(np.ones((2, 2)), 2, "bicubic"), "mode"),
        (lambda: upsample(np.ones((2, 2)), 0), "factor"),
        (lambda: flat_response(4, 0, 2), "kernel_size"),
        (lambda: flat_response(4, 3, 2, layers=0), "layers"),
        (lambda: flat_response(4, 3, 2, method="cubic"), "method"),
        (lambda: flat_response(4, 3, 2, ndim=3), "ndim"),
        (lambda: upsample_layers(np.ones(4), 3, 2), "image"),
        (lambda: CheckerboardView(image=np.ones((8, 8))), "image"),
        (lambda: viz.plot_scatter_add_1d(np.ones((2, 2)), [1.0]), "x"),
        (lambda: viz.plot_conv_matrix(np.ones(3)), "matrix"),
    ],
)
def test_bad_helper_arguments_raise_value_error_naming_them(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
