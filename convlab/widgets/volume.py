"""Explorer for notebook 03: a kernel of depth kD moving through a volume of vessels."""

import ipywidgets

from ..data import vessels
from ..viz.volume import KERNELS, VolumeView
from ._base import Explorer, inert

__all__ = ["conv_volume"]

STRIDES = (1, 4)  # range of the depth-stride slider


def conv_volume(kernel="change along depth", kernel_depth=3, stride=1, size=32, seed=0):
    """Run a 3-D kernel through a synthetic angiogram (``convlab.data.vessels``), live.

    The kernel depth kD goes from 1 (a 2-D convolution applied slice by slice) to the whole
    depth D (a 2-D convolution reading the slices as channels: no depth axis left); in
    between it is a 3-D convolution whose output keeps a depth axis of
    ``floor((D - kD) / s) + 1`` slices. The figure shows the slices the kernel reads for one
    output slice and that slice of ``convlab.conv3d``; the message gives the shapes.

    Parameters
    ----------
    kernel : {"change along depth", "change along width", "mean"}
        The filter pattern (:func:`convlab.viz.explorer_kernel`).
    kernel_depth : int, 1..size
        kD, the kernel's extent along depth.
    stride : int, 1..4
        The stride along depth (1 along height and width).
    size : int, 8..48
        D = H = W of the volume.
    seed : int
        The volume's seed (:func:`convlab.data.vessels`).

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    if kernel not in KERNELS:
        raise ValueError(f"kernel must be one of {KERNELS}, got {kernel!r}")
    _check_int("size", size, 8, 48)
    _check_int("kernel_depth", kernel_depth, 1, size)
    _check_int("stride", stride, *STRIDES)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    view = VolumeView(vessels(size, seed))
    style = {"description_width": "90px"}
    controls = {
        "kernel": ipywidgets.Dropdown(
            options=KERNELS, value=kernel, description="kernel", style=style
        ),
        "kernel_depth": ipywidgets.IntSlider(
            value=kernel_depth, min=1, max=size, description="kernel depth kD", style=style
        ),
        "stride": ipywidgets.IntSlider(
            value=stride, min=STRIDES[0], max=STRIDES[1], description="depth stride", style=style
        ),
        "out_slice": ipywidgets.IntSlider(  # start half-way through the output
            value=(size - kernel_depth) // stride // 2,
            min=0,
            max=size - 1,
            description="output slice",
            style=style,
        ),
    }

    def update(kernel, kernel_depth, stride, out_slice):
        last = (size - kernel_depth) // stride  # the last output slice
        controls["out_slice"].max = last  # lowering max clamps the value (and redraws)
        return view.update(kernel, kernel_depth, stride, min(out_slice, last))

    return Explorer(view.figure, update, controls)


def _check_int(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
