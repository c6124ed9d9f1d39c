"""The figure logic of notebook 06 (tap offsets, path counts, stacks) against convlab layers."""

import itertools

import numpy as np
import pytest
from matplotlib.figure import Figure

import convlab as cl
from convlab import viz


@pytest.mark.parametrize(("k", "d"), list(itertools.product(range(1, 6), range(1, 5))))
def test_tap_offsets_are_where_a_same_padded_conv2d_reads(k, d):
    """Output t of conv2d(padding='same') reads input t + offset for each tap."""
    size = 3 * d * k + 1
    centre = size // 2
    for a, offset in enumerate(viz.tap_offsets(k, d)):
        taps = np.zeros((1, 1, 1, k))
        taps[..., a] = 1.0
        lit = np.zeros((1, 1, 1, size))
        lit[..., centre + offset] = 1.0
        out = cl.conv2d(lit, taps, padding="same", dilation=(1, d))[0, 0, 0]
        assert out[centre] == 1.0 and out.sum() == 1.0


def brute_force_paths(rates, k):
    """{offset: paths}, by enumerating one tap per layer."""
    counts = {}
    for taps in itertools.product(*[viz.tap_offsets(k, d) for d in rates]):
        counts[int(sum(taps))] = counts.get(int(sum(taps)), 0) + 1
    return counts


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_paths_1d_counts_every_way_down_the_stack(k):
    for rates in [(1,), (2, 2), (1, 2, 4), (1, 5), (3, 1, 2), (2, 4, 8)]:
        offsets, counts = viz.paths_1d(rates, k)
        assert counts.size == cl.receptive_field([k] * len(rates), dilations=list(rates))
        expected = brute_force_paths(rates, k)
        assert dict(zip(offsets.tolist(), counts.tolist())) == {
            u: expected.get(u, 0) for u in offsets.tolist()
        }
        assert set(expected) <= set(offsets.tolist())


def test_reach_map_is_the_outer_product_and_matches_conv2d():
    for rates in [(2, 2, 2), (1, 2, 5), (1, 5)]:
        offsets, counts = viz.reach_map(rates)
        size = 2 * counts.shape[0] + 1
        lit = np.zeros((1, 1, size, size))
        lit[0, 0, size // 2, size // 2] = 1.0
        for d in rates:
            lit = cl.conv2d(lit, np.ones((1, 1, 3, 3)), padding=d, dilation=d)
        rows = size // 2 + offsets  # 3 x 3 kernels are symmetric: no mirroring
        assert np.array_equal(np.rint(lit[0, 0][np.ix_(rows, rows)]), counts)
        assert np.count_nonzero(lit) == np.count_nonzero(counts)


@pytest.mark.parametrize("name", list(viz.STACKS))
def test_stacks_have_the_fields_and_sizes_of_their_layers(name):
    """Receptive field: the input pixels that change output 0 (one-hot inputs through conv2d);
    output size: that of the layers run on a 256-pixel input."""
    for depth in range(1, 5):
        kernel_sizes, strides, dilations = viz.stack(name, depth)
        width = 128
        signals = np.eye(width).reshape(width, 1, 1, width)
        for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
            signals = cl.conv2d(signals, np.ones((1, 1, 1, k)), stride=(1, s), dilation=(1, d))
        reached = np.flatnonzero(signals[:, 0, 0, 0])
        field = cl.receptive_field(kernel_sizes, strides, dilations)
        assert reached.tolist() == list(range(field))
        x = np.zeros((1, 1, 1, 256))
        for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
            x = cl.conv2d(
                x,
                np.ones((1, 1, 1, k)),
                stride=(1, s),
                padding=(0, d * (k - 1) // 2),
                dilation=(1, d),
            )
        assert viz.stack_output_size(kernel_sizes, strides, dilations, 256) == x.shape[-1]


def test_figures_are_figures_with_the_computed_numbers():
    taps = viz.plot_dilated_taps(3, (1, 2, 4))
    assert isinstance(taps, Figure)
    assert [a.get_title().split("\n")[0] for a in taps.axes] == [
        "d = 1: spans 3×3",
        "d = 2: spans 5×5",
        "d = 4: spans 9×9",
    ]
    grid = viz.plot_gridding([(2, 2, 2), (1, 2, 5)])
    assert [a.get_title().split("\n")[1] for a in grid.axes] == [
        "49 of 169 pixels reach the output",
        "289 of 289 pixels reach the output",
    ]
    growth = viz.plot_receptive_field_growth(depth=4)
    fields = [line.get_ydata().tolist() for line in growth.axes[0].lines]
    assert fields == [[3, 5, 7, 9], [3, 7, 15, 31], [3, 7, 15, 31], [4, 10, 22, 46]]


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="rates"):
        viz.paths_1d([])
    with pytest.raises(ValueError, match="rates"):
        viz.paths_1d([1, 0])
    with pytest.raises(ValueError, match="kernel_size"):
        viz.paths_1d([1], kernel_size=0)
    with pytest.raises(ValueError, match="name"):
        viz.stack("5×5", 2)
    with pytest.raises(ValueError, match="depth"):
        viz.stack("3×3, stride 2", 0)
