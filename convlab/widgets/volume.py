"""Explorers for notebook 03: 3-D convolution."""

__all__ = []
