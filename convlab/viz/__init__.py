"""Figures for the notebooks. Every function takes ``ax=None`` and returns the Figure.

Figures are made with ``matplotlib.figure.Figure`` (never pyplot), so nothing global
changes and a figure shows once, when it is the value of a cell (after ``%matplotlib inline``).
One module per notebook topic; everything is re-exported here.
"""

from ._common import new_axes  # noqa: F401
from .arithmetic import *  # noqa: F403  (02-conv2d)
from .correlation import *  # noqa: F403  (01-cross-correlation)
