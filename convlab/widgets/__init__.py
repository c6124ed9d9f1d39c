"""Interactive explorers, one per notebook (thin ipywidgets wrappers over convlab.viz).

Every explorer returns an :class:`Explorer` (an ipywidgets.VBox), or None while nbgrader
executes the notebook (``NBGRADER_EXECUTION`` set), so widget cells cost nothing there.
"""

from ._base import Explorer, inert

__all__ = ["Explorer", "inert"]
