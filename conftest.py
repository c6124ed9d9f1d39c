"""Doctests in convlab see NumPy as `np`, as the docstrings are written."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_numpy(doctest_namespace):
    doctest_namespace["np"] = np


# The fixture generator needs torch, which the course never depends on: not a test module.
collect_ignore = ["tests/make_fixtures.py"]
