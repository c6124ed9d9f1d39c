"""Explorers for notebook 08: depthwise separable convolution."""

__all__ = []
