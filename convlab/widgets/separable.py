"""Explorer for notebook 07: which kernels split into a column and a row, and what it saves."""

import ipywidgets
import numpy as np

from ..viz.separable import SEPARABLE_EXAMPLES, SeparableView, separable_example
from ._base import Explorer, inert

__all__ = ["NOISE_LEVELS", "separability"]

# noise added to the kernel, relative to its largest entry: none, below rtol, above it
NOISE_LEVELS = (0.0, 1e-10, 1e-6, 1e-3, 1e-1)
SIZES = (3, 5, 7)
IMAGE_SIZES = (3, 64)  # the image-size slider's range (its minimum follows the kernel size)


def separability(kernel="Sobel", size=3, noise=0.0, image_size=5):
    """Pick a kernel and see whether it is separable and what the split saves.

    Shows the kernel, its best rank-1 approximation with the relative error, its singular
    values against the threshold ``s2 <= 1e-7 s1`` of :func:`convlab.separate_kernel`, and
    the multiplications of the direct and the separable ('valid') pass on an n x n image.

    Parameters
    ----------
    kernel : str
        One of :data:`convlab.viz.SEPARABLE_EXAMPLES` (Sobel, Gaussian, box, disc, random,
        learned-like).
    size : int
        Kernel size m, one of 3, 5, 7.
    noise : float
        One of :data:`NOISE_LEVELS`: random noise added to the kernel, relative to its
        largest entry (the same pattern each time).
    image_size : int
        n, from `size` to 64.

    Returns
    -------
    Explorer or None (under nbgrader)
    """
    if inert():
        return None
    if kernel not in SEPARABLE_EXAMPLES:
        raise ValueError(f"kernel must be one of {SEPARABLE_EXAMPLES}, got {kernel!r}")
    if size not in SIZES or isinstance(size, bool):
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    if noise not in NOISE_LEVELS:
        raise ValueError(f"noise must be one of {NOISE_LEVELS}, got {noise!r}")
    if not isinstance(image_size, int) or not size <= image_size <= IMAGE_SIZES[1]:
        raise ValueError(
            f"image_size must be an integer in {size}..{IMAGE_SIZES[1]}, got {image_size!r}"
        )
    view = SeparableView()
    style = {"description_width": "80px"}
    controls = {
        "kernel": ipywidgets.Dropdown(
            options=SEPARABLE_EXAMPLES, value=kernel, description="kernel", style=style
        ),
        "size": ipywidgets.SelectionSlider(
            options=SIZES, value=size, description="size m", style=style
        ),
        "noise": ipywidgets.SelectionSlider(
            options=[(f"{level:g}", level) for level in NOISE_LEVELS],
            value=noise,
            description="noise",
            style=style,
        ),
        "image_size": ipywidgets.IntSlider(
            value=image_size, min=size, max=IMAGE_SIZES[1], description="image n", style=style
        ),
    }
    patterns = {m: np.random.default_rng(m).standard_normal((m, m)) for m in SIZES}

    def update(kernel, size, noise, image_size):
        if controls["image_size"].min != size:  # raising the minimum raises n with it
            controls["image_size"].min = size
        chosen = separable_example(kernel, size)
        chosen = chosen + noise * np.abs(chosen).max() * patterns[size]
        return view.update(chosen, max(image_size, size), name=kernel)

    return Explorer(view.figure, update, controls)
