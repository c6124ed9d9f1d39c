"""Helpers shared by the figure modules."""

from matplotlib.figure import Figure


def new_axes(ax=None, figsize=(6, 4), **subplot_kw):
    """`ax` itself, or the axes of a new Figure of `figsize` (pyplot is never used)."""
    if ax is not None:
        return ax
    figure = Figure(figsize=figsize, layout="constrained")
    return figure.add_subplot(**subplot_kw)


# One colour per channel group (up to 8, then they repeat), shared by notebooks 10 and 11.
GROUP_COLOURS = [
    (0.12, 0.47, 0.71),
    (1.0, 0.5, 0.05),
    (0.17, 0.63, 0.17),
    (0.84, 0.15, 0.16),
    (0.58, 0.4, 0.74),
    (0.55, 0.34, 0.29),
    (0.89, 0.47, 0.76),
    (0.74, 0.74, 0.13),
]
