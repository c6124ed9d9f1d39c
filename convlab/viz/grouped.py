"""Figures for notebook 10: grouped convolution."""

__all__ = []
