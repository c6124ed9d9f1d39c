"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages."""

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]


def split(requirement):
    name, spec = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    """Same names, same version specifiers, runtime and test dependencies alike."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = dict(map(split, project["dependencies"] + project["optional-dependencies"]["test"]))
    conda_list = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = dict(split(d) for d in conda_list if isinstance(d, str))
    python = conda.pop("python")
    conda.pop("pip")
    assert conda == pip
    assert python == project["requires-python"]


def test_environment_yml_installs_convlab_itself():
    conda_list = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    (pip_section,) = [d["pip"] for d in conda_list if isinstance(d, dict)]
    assert any(line.endswith("-e .") for line in pip_section)
