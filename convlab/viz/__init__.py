"""Figures for the notebooks. Every function takes ``ax=None`` and returns the Figure.

Figures are made with ``matplotlib.figure.Figure`` (never pyplot), so nothing global
changes and a figure shows once, when it is the value of a cell.
"""

from ._common import new_axes

__all__ = ["new_axes"]
