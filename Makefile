# convlab: `make lab` to study, `make test` to check everything. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
PORT ?= 8888
LAB_ARGS ?=

# nbgrader runs `alembic` and `jupyter` by name: the venv's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)
export JUPYTER_CONFIG_PATH := $(CURDIR)/autograde

.PHONY: lab test release grade demo lint clean

$(VENV)/.installed-lab: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-lab
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

lab: $(VENV)/.installed-lab  ## open the course in JupyterLab (PORT=8888)
	$(BIN)/convlab lab --port $(PORT) $(LAB_ARGS)

test: $(VENV)/.installed-test  ## run every test
	$(BIN)/convlab test

release: $(VENV)/.installed-lab  ## regenerate notebooks/ from solutions/
	$(BIN)/convlab release

grade: $(VENV)/.installed-lab  ## autograde autograde/submitted/, feedback, grades.csv
	$(BIN)/convlab grade

demo: $(VENV)/.installed-lab  ## copy the sample submissions into autograde/submitted/ and grade them
	$(BIN)/convlab demo

lint: $(VENV)/.installed-test  ## ruff over code and notebooks
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) autograde/gradebook.db autograde/submitted autograde/autograded autograde/feedback autograde/grades.csv
