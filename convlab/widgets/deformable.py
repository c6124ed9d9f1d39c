"""Explorers for notebook 12: deformable convolution."""

__all__ = []
