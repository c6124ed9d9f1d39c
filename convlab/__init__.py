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
from .conv import conv2d, conv3d, dilate_kernel, pad2d
from .correlation import convolve1d, convolve2d, correlate1d, correlate2d
from .counts import (
    bottleneck_macs,
    conv_macs,
    conv_params,
    depthwise_separable_macs,
    depthwise_separable_params,
    flattened_params,
    separable_multiplications,
)
from .deform import bilinear_sample, deform_conv2d
from .matrix import conv_matrix, im2col
from .separable import (
    depthwise_conv2d,
    depthwise_separable_conv2d,
    flattened_conv2d,
    flattened_weight,
    pointwise_conv2d,
    rank1_factors,
    separable_correlate2d,
    separate_kernel,
)
from .shuffle import channel_shuffle, pointwise_grouped_conv2d, shufflenet_unit
from .transpose import conv_transpose2d

__version__ = "0.1.0"

__all__ = [
    "bilinear_sample",
    "bottleneck_macs",
    "channel_shuffle",
    "conv2d",
    "conv3d",
    "conv_macs",
    "conv_matrix",
    "conv_output_size",
    "conv_params",
    "conv_transpose2d",
    "conv_transpose_output_size",
    "convolve1d",
    "convolve2d",
    "correlate1d",
    "correlate2d",
    "deform_conv2d",
    "depthwise_conv2d",
    "depthwise_separable_conv2d",
    "depthwise_separable_macs",
    "depthwise_separable_params",
    "dilate_kernel",
    "effective_kernel_size",
    "flattened_conv2d",
    "flattened_params",
    "flattened_weight",
    "im2col",
    "pad2d",
    "pointwise_conv2d",
    "pointwise_grouped_conv2d",
    "rank1_factors",
    "receptive_field",
    "separable_correlate2d",
    "separable_multiplications",
    "separate_kernel",
    "shufflenet_unit",
]

_SUBMODULES = {"checks", "data", "viz", "widgets", "grading", "course", "cli"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'convlab' has no attribute {name!r}")
