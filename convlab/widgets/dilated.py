"""Explorers for notebook 06: dilated convolution."""

__all__ = []
