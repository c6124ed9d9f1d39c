"""Explorer for notebook 12: move the taps of a deformable convolution over an image."""

import ipywidgets
import numpy as np

from ..viz.deformable import DeformView, disc_image, rotation_offsets, scale_offsets
from ._base import Explorer, inert

__all__ = ["OFFSET_PRESETS", "SOBEL_X", "deformable_taps"]

SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])  # vertical edges

CUSTOM = "custom (your edits)"

# Offset patterns (dy, dx) per tap of a 3 x 3 kernel; each preset also sets the mask to 1.
OFFSET_PRESETS = {
    "zero offsets (= conv2d)": np.zeros((9, 2)),
    "scale ×2 (= dilation 2)": scale_offsets(2),
    "rotate 90°": rotation_offsets(90).round(12),
    "rotate 45°": rotation_offsets(45),
    "shift (+1, −2)": np.tile([1.0, -2.0], (9, 1)),
    "random": np.random.default_rng(12).uniform(-1.5, 1.5, size=(9, 2)).round(2),
}

OFFSET_RANGE = 3.0  # the dy and dx sliders span -3 .. 3 pixels
STYLE = {"description_width": "80px"}


def deformable_taps(image=None, kernel=None, row=9, col=4, preset="zero offsets (= conv2d)"):
    """Move the sampling point of each tap of a 3 x 3 deformable convolution over an image.

    Pick a tap and give it an offset (dy, dx) and a mask value: the left panel shows the
    regular grid of one output pixel, where each tap samples, and the chosen tap's four
    bilinear neighbours with their weights; the right panel shows ``deform_conv2d`` of the
    image with these offsets at every pixel. With zero offsets and mask 1 the message says
    the output equals ``conv2d`` everywhere. Presets load whole patterns (dilation, rotation,
    shift, random).

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Default: a 20 x 20 disc (:func:`convlab.viz.disc_image`), whose edge runs in every
        direction.
    kernel : array_like, shape (3, 3), optional
        Default: the Sobel kernel for vertical edges, :data:`SOBEL_X`.
    row, col : int
        The output pixel shown first (the output has the image's size: 'same' padding).
    preset : str
        A key of :data:`OFFSET_PRESETS`.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    image = disc_image() if image is None else np.asarray(image, dtype=float)
    kernel = SOBEL_X if kernel is None else np.asarray(kernel, dtype=float)
    if image.ndim != 2 or min(image.shape) < 3:
        raise ValueError(f"image must be 2-D and at least 3 x 3, got shape {image.shape}")
    if kernel.shape != (3, 3):
        raise ValueError(f"kernel must have shape (3, 3), got {kernel.shape}")
    for name, value, size in (("row", row, image.shape[0]), ("col", col, image.shape[1])):
        if not isinstance(value, (int, np.integer)) or not 0 <= value < size:
            raise ValueError(f"{name} must be an integer in 0..{size - 1}, got {value!r}")
    if preset not in OFFSET_PRESETS:
        raise ValueError(f"preset must be one of {list(OFFSET_PRESETS)}, got {preset!r}")

    view = DeformView(image, kernel)
    offsets, masks = OFFSET_PRESETS[preset].copy(), np.ones(9)  # the state of the nine taps
    controls = _controls(preset, offsets[4], *image.shape, row, col)
    shown = {"preset": preset, "tap": 4}  # what the sliders were last synchronised to

    def show_tap(tap):
        """Put the chosen tap's stored offset and mask on the sliders, without a redraw."""
        for name, value in (("dy", offsets[tap, 0]), ("dx", offsets[tap, 1]), ("mask", masks[tap])):
            _set_quietly(explorer, controls[name], float(value))

    def update(preset, tap, dy, dx, mask, row, col):
        if preset != shown["preset"] and preset != CUSTOM:  # load a whole pattern
            offsets[:], masks[:] = OFFSET_PRESETS[preset], 1.0
            show_tap(tap)
        elif tap != shown["tap"]:  # another tap: the sliders show its values
            show_tap(tap)
        elif (dy, dx, mask) != (*offsets[tap], masks[tap]):  # this tap was moved
            offsets[tap], masks[tap] = (dy, dx), mask
            if preset != CUSTOM:
                preset = CUSTOM
                _set_quietly(explorer, controls["preset"], CUSTOM)
        shown.update(preset=preset, tap=tap)
        return view.update(offsets, masks, tap, row, col)

    explorer = Explorer(view.figure, update, controls)
    explorer.view = view  # for tests and the curious: the figure's logic
    return explorer


def _controls(preset, first_tap, height, width, row, col):
    """The explorer's controls; the sliders start on tap 4 (the centre), mask 1."""
    return {
        "preset": ipywidgets.Dropdown(
            options=[*OFFSET_PRESETS, CUSTOM], value=preset, description="preset", style=STYLE
        ),
        "tap": ipywidgets.IntSlider(value=4, min=0, max=8, description="tap k", style=STYLE),
        "dy": _offset_slider("dy", first_tap[0]),
        "dx": _offset_slider("dx", first_tap[1]),
        "mask": ipywidgets.FloatSlider(
            value=1.0, min=0.0, max=1.0, step=0.05, description="mask m", style=STYLE
        ),
        "row": ipywidgets.IntSlider(
            value=row, min=0, max=height - 1, description="output row", style=STYLE
        ),
        "col": ipywidgets.IntSlider(
            value=col, min=0, max=width - 1, description="output col", style=STYLE
        ),
    }


def _offset_slider(name, value):
    return ipywidgets.FloatSlider(
        value=float(value),
        min=-OFFSET_RANGE,
        max=OFFSET_RANGE,
        step=0.25,
        description=name,
        style=STYLE,
    )


def _set_quietly(explorer, control, value):
    """Set a control's value without triggering the explorer's redraw (it is under way)."""
    control.unobserve(explorer.refresh, names="value")
    try:
        control.value = value
    finally:
        control.observe(explorer.refresh, names="value")
