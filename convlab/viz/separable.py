"""Figures for notebook 07: spatially separable convolution."""

__all__ = []
