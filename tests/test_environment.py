"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages."""

import re
from collections import Counter
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(.*?)\s*$")


def split(requirement):
    """'Jupyter_Lab >= 4.2, <5' -> ('jupyter-lab', frozenset({'>=4.2', '<5'})): the name
    normalised as in PEP 503, the version specifiers as a set (their order means nothing)."""
    name, spec = REQUIREMENT.match(requirement).groups()
    specifiers = frozenset(s for s in spec.replace(" ", "").split(",") if s)
    return re.sub(r"[-_.]+", "-", name).lower(), specifiers


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def conda_dependencies():
    return yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]


def as_dict(requirements):
    """{name: specifiers}; a package listed twice is an error, not a silent overwrite."""
    pairs = [split(r) for r in requirements]
    twice = [name for name, count in Counter(name for name, _ in pairs).items() if count > 1]
    assert not twice, f"listed more than once: {twice}"
    return dict(pairs)


def test_split_normalises_names_and_ignores_specifier_order():
    assert split("Jupyter_Lab >= 4.2, <5") == split("jupyter-lab<5,>=4.2")
    assert split("nbgrader==0.9.6") == ("nbgrader", frozenset({"==0.9.6"}))
    assert split("pip") == ("pip", frozenset())
    assert split("numpy>=1.26") != split("numpy>=1.25")


def test_environment_yml_agrees_with_pyproject():
    """Same names, same version specifiers: runtime and test dependencies alike."""
    project = pyproject()
    pip = as_dict(project["dependencies"] + project["optional-dependencies"]["test"])
    conda = as_dict(d for d in conda_dependencies() if isinstance(d, str))
    conda.pop("pip", None)  # conda's pip, which installs convlab itself
    python = conda.pop("python")
    only_conda = {n: sorted(s) for n, s in conda.items() if pip.get(n) != s}
    only_pip = {n: sorted(s) for n, s in pip.items() if conda.get(n) != s}
    assert only_conda == only_pip == {}, f"environment.yml {only_conda} vs pyproject {only_pip}"
    assert python == split("python" + project["requires-python"])[1]


def test_environment_yml_installs_convlab_itself_without_pulling_pip_dependencies():
    """conda resolves the dependencies; pip then adds convlab only (editable, --no-deps)."""
    (pip_section,) = [d["pip"] for d in conda_dependencies() if isinstance(d, dict)]
    assert any(line.split()[-2:] == ["-e", "."] and "--no-deps" in line for line in pip_section)
