"""What the trusted re-check runs for every graded test cell of every notebook.

One module per notebook (``nb01`` ... ``nb12``) lists its :class:`Exercise` objects: the
test cell's grade id, the learner's function (its answer cell has the same grade id),
convlab's reference for it, and the calls to make: fixed hard cases (the kinds the hidden
tests use) and cases drawn for each student from a generator seeded on the grader's side.
The references run in the grader's process; the learner's function runs in the jail.

>>> [e.test for e in exercises("02-conv2d")]
['test_conv_output_size', 'test_pad2d', 'test_conv2d']
"""

import hashlib
import importlib

import numpy as np

from ._base import Call, Exercise, raises

__all__ = ["Call", "Exercise", "exercises", "generator", "raises", "NOTEBOOKS"]

NOTEBOOKS = {
    "01-cross-correlation": "nb01",
    "02-conv2d": "nb02",
    "03-conv3d": "nb03",
    "04-pointwise-conv": "nb04",
    "05-transposed-conv": "nb05",
    "06-dilated-conv": "nb06",
    "07-spatially-separable": "nb07",
    "08-depthwise-separable": "nb08",
    "09-flattened-conv": "nb09",
    "10-grouped-conv": "nb10",
    "11-shuffled-grouped-conv": "nb11",
    "12-deformable-conv": "nb12",
}


def exercises(assignment):
    """The exercises of notebook `assignment` (``NN-slug``), in notebook order; [] if unknown."""
    module = NOTEBOOKS.get(assignment)
    if module is None:
        return []
    return list(importlib.import_module(f".{module}", __name__).EXERCISES)


def generator(secret, student, assignment, test):
    """The random generator of one student's cases for one test cell.

    Seeded from a secret kept in the instructor's workspace, so a student cannot compute
    their cases in advance (and look the answers up in convlab at home).
    """
    key = "\0".join([secret, student, assignment, test]).encode()
    return np.random.default_rng(int.from_bytes(hashlib.sha256(key).digest()[:16], "big"))
