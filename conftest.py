"""Doctests in convlab see NumPy as `np`, as the docstrings are written; `--assignment`
limits the notebook tests to some assignments (while you work on one)."""

import os

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_numpy(doctest_namespace):
    doctest_namespace["np"] = np


# The fixture generator needs torch, which the course never depends on: not a test module.
collect_ignore = ["tests/make_fixtures.py"]
# Learner answers and a kernel's start-up file, run by the tests as data: never imported by
# --doctest-modules (a catalogue submission that calls os._exit would end the test run).
collect_ignore_glob = ["tests/mutants/*", "tests/submissions/*", "tests/network_guard/*"]


def pytest_addoption(parser):
    parser.addoption(
        "--assignment",
        action="append",
        default=[],
        metavar="NN-slug",
        help="run the notebook, release, grading and browser tests for this assignment only "
        "(repeatable; default: every assignment)",
    )


def pytest_configure(config):
    names = config.getoption("assignment")
    if names:  # read by tests/course_helpers.py before the test modules are collected
        os.environ["CONVLAB_ASSIGNMENTS"] = ",".join(names)


@pytest.fixture
def live(monkeypatch):
    """Explorers as in a learner's kernel: outside nbgrader, where they are inert."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
