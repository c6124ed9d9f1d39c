# convlab: `make lab` to study, `make test` to check everything. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
PORT ?= 8888
LAB_ARGS ?=

# nbgrader runs `alembic` and `jupyter` by name: the venv's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)
export JUPYTER_CONFIG_PATH := $(CURDIR)/autograde

.PHONY: lab test release grade demo bench bench-explorers lint clean browser

$(VENV)/.installed-lab: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-lab
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

lab: $(VENV)/.installed-lab  ## open the course in JupyterLab (PORT=8888)
	$(BIN)/convlab lab --port $(PORT) $(LAB_ARGS)

# The browser tests drive Debian's Chromium (never a downloaded browser); install it where we
# may (root with apt-get). Where it cannot be installed the browser tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "could not install chromium: the browser tests will be skipped"; \
	  else echo "chromium is not installed: the browser tests will be skipped"; fi; }

test: $(VENV)/.installed-test browser  ## run every test
	$(BIN)/convlab test

release: $(VENV)/.installed-lab  ## regenerate notebooks/ from solutions/
	$(BIN)/convlab release

grade: $(VENV)/.installed-lab  ## autograde autograde/submitted/ in parallel (WORKERS=N, COURSE=path), feedback, grades.csv, report
	$(BIN)/convlab $(if $(COURSE),--root $(COURSE)) grade $(if $(WORKERS),--workers $(WORKERS))

demo: $(VENV)/.installed-lab  ## copy the sample submissions into autograde/submitted/ and grade them
	$(BIN)/convlab demo

validate: $(VENV)/.installed-lab  ## run a notebook's tests as the grader will: make validate NOTEBOOK=path.ipynb
	$(BIN)/convlab validate $(NOTEBOOK)

bench: $(VENV)/.installed-test browser  ## time convlab against PyTorch CPU, and the explorers -> docs/benchmarks.md
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/convlab bench

bench-explorers: $(VENV)/.installed-test browser  ## the explorers' update times only (no torch)
	$(BIN)/convlab bench --explorers

lint: $(VENV)/.installed-test  ## ruff over code and notebooks
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) autograde/gradebook.db autograde/submitted autograde/autograded autograde/feedback autograde/grades.csv
