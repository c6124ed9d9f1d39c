"""Interactive explorers, one per notebook (thin ipywidgets wrappers over convlab.viz).

Every explorer returns an :class:`Explorer` (an ipywidgets.VBox), or None while nbgrader
executes the notebook (``NBGRADER_EXECUTION`` set), so widget cells cost nothing there.
One module per notebook topic; everything is re-exported here.
"""

from ._base import Explorer, inert  # noqa: F401
from .arithmetic import *  # noqa: F403  (02-conv2d)
from .correlation import *  # noqa: F403  (01-cross-correlation)
from .deformable import *  # noqa: F403  (12-deformable-conv)
from .depthwise import *  # noqa: F403  (08-depthwise-separable)
from .dilated import *  # noqa: F403  (06-dilated-conv)
from .flattened import *  # noqa: F403  (09-flattened-conv)
from .grouped import *  # noqa: F403  (10-grouped-conv)
from .pointwise import *  # noqa: F403  (04-pointwise-conv)
from .separable import *  # noqa: F403  (07-spatially-separable)
from .shuffle import *  # noqa: F403  (11-shuffled-grouped-conv)
from .transposed import *  # noqa: F403  (05-transposed-conv)
from .volume import *  # noqa: F403  (03-conv3d)
