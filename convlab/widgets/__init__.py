"""Interactive explorers, one per notebook (thin ipywidgets wrappers over convlab.viz).

Every explorer returns an :class:`Explorer` (an ipywidgets.VBox), or None while nbgrader
executes the notebook (``NBGRADER_EXECUTION`` set), so widget cells cost nothing there.
One module per notebook topic; everything is re-exported here.
"""

from ._base import Explorer, inert  # noqa: F401
from .arithmetic import *  # noqa: F403  (02-conv2d)
from .correlation import *  # noqa: F403  (01-cross-correlation)
