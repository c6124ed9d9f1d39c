"""Explorers for notebook 01: a kernel sliding along a signal, a window stepping over an image."""

import ipywidgets
import numpy as np

from ..data import step_signal
from ..viz.correlation import SlideView, WindowView
from ._base import Explorer, inert

__all__ = ["KERNELS_1D", "EXAMPLE_IMAGE", "EXAMPLE_KERNEL", "slide_1d", "window_2d"]

KERNELS_1D = {
    "asymmetric [1, 2, 3]": [1.0, 2.0, 3.0],
    "edge [-1, 0, 1]": [-1.0, 0.0, 1.0],
    "smooth [1, 2, 1] / 4": [0.25, 0.5, 0.25],
    "shift [0, 0, 1]": [0.0, 0.0, 1.0],
    "even [1, -1]": [1.0, -1.0],
}
EXAMPLE_IMAGE = np.array(
    [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]
)
EXAMPLE_KERNEL = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]])


def slide_1d(signal=None, kernels=None):
    """Slide a kernel along a 1-D signal, flipped (convolution) or not (cross-correlation).

    Parameters
    ----------
    signal : array_like, shape (n,), optional
        Default: ``convlab.data.step_signal(24)``.
    kernels : dict of str -> array_like, optional
        The kernels to choose from (default :data:`KERNELS_1D`).

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    signal = step_signal(24) if signal is None else np.asarray(signal, float)
    kernels = KERNELS_1D if kernels is None else kernels
    kernels = {name: np.asarray(k, float) for name, k in kernels.items()}
    if signal.ndim != 1 or signal.size < 2:
        raise ValueError(f"signal must be 1-D with at least 2 samples, got shape {signal.shape}")
    if not kernels or any(k.ndim != 1 or k.size == 0 for k in kernels.values()):
        raise ValueError("kernels must map names to non-empty 1-D arrays")
    first = next(iter(kernels))
    view = SlideView(signal, kernels[first])
    longest = max(k.size for k in kernels.values())
    position = ipywidgets.IntSlider(
        value=0,
        min=0,
        max=signal.size + longest - 2,
        description="position t",
        continuous_update=True,
    )
    controls = {
        "position": position,
        "flip": ipywidgets.Checkbox(value=False, description="flip the kernel (convolution)"),
        "kernel": ipywidgets.Dropdown(options=list(kernels), value=first, description="kernel"),
    }

    def update(position, flip, kernel):
        last = signal.size + kernels[kernel].size - 2
        controls["position"].max = last  # the full output has n + m - 1 entries
        return view.update(min(position, last), flip, kernels[kernel])

    return Explorer(view.figure, update, controls)


def window_2d(image=None, kernel=None):
    """Step a kernel over a small image one output cell at a time, in any mode.

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Default: the 5x5 example of the notebook (:data:`EXAMPLE_IMAGE`).
    kernel : array_like, shape (kH, kW), optional
        Default: ``[[0, 1, 2], [2, 2, 0], [0, 1, 2]]``; no larger than the image.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    image = EXAMPLE_IMAGE if image is None else np.asarray(image)
    kernel = EXAMPLE_KERNEL if kernel is None else np.asarray(kernel)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError(f"image and kernel must be 2-D, got {image.shape} and {kernel.shape}")
    if (
        kernel.shape[0] > image.shape[0]
        or kernel.shape[1] > image.shape[1]
        or max(image.shape) > 12
    ):
        raise ValueError(f"kernel {kernel.shape} must fit in image {image.shape} (at most 12x12)")
    view = WindowView(image, kernel)
    controls = {
        "cell": ipywidgets.IntSlider(
            value=0, min=0, max=view.cell_count("valid") - 1, description="output cell"
        ),
        "mode": ipywidgets.ToggleButtons(
            options=["valid", "same", "full"], value="valid", description="mode"
        ),
    }

    def update(cell, mode):
        controls["cell"].max = view.cell_count(mode) - 1
        return view.update(min(cell, view.cell_count(mode) - 1), mode)

    return Explorer(view.figure, update, controls)
