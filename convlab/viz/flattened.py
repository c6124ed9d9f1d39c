"""Figures for notebook 09: flattened convolution."""

__all__ = []
