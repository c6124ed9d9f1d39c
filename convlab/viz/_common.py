"""Helpers shared by the figure modules."""

from matplotlib.figure import Figure


def new_axes(ax=None, figsize=(6, 4), **subplot_kw):
    """`ax` itself, or the axes of a new Figure of `figsize` (pyplot is never used)."""
    if ax is not None:
        return ax
    figure = Figure(figsize=figsize, layout="constrained")
    return figure.add_subplot(**subplot_kw)
