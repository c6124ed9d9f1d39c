"""Figures for notebook arithmetic (filled in by its author)."""

__all__ = []
