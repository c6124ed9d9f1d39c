"""Figures for notebook correlation (filled in by its author)."""

__all__ = []
