"""Explorers for notebook 11: shuffled grouped convolution."""

__all__ = []
