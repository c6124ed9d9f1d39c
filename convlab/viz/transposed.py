"""Figures for notebook 05: transposed convolution."""

__all__ = []
