"""convlab: the reference operators of the convolution course, matching PyTorch.

The math (operators, arithmetic, matrix view) needs only NumPy and is imported here.
``checks``, ``data``, ``viz``, ``widgets`` and ``grading`` are loaded on first use
(``convlab.viz`` or ``from convlab import viz``), so ``import convlab`` stays light.
"""

import importlib

from .arithmetic import (
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    receptive_field,
)
from .conv import conv2d, conv3d, pad2d
from .correlation import convolve1d, convolve2d, correlate1d, correlate2d
from .matrix import conv_matrix, im2col
from .transpose import conv_transpose2d

__version__ = "0.1.0"

__all__ = [
    "conv2d",
    "conv3d",
    "conv_matrix",
    "conv_transpose2d",
    "conv_output_size",
    "conv_transpose_output_size",
    "convolve1d",
    "convolve2d",
    "correlate1d",
    "correlate2d",
    "effective_kernel_size",
    "im2col",
    "pad2d",
    "receptive_field",
]

_SUBMODULES = {"checks", "data", "viz", "widgets", "grading", "course", "cli"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'convlab' has no attribute {name!r}")
