"""Explorers for notebook 04: pointwise (1x1) convolution."""

__all__ = []
