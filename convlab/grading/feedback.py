"""Feedback without hidden tests: an nbgrader preprocessor for ``generate_feedback``.

nbgrader's feedback is the autograded notebook as HTML, so it shows each test cell whole,
hidden tests included, and tracebacks whose frames print the hidden lines around the
failing one. :class:`HideHiddenTests` removes, before the HTML is made:

- the ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` part of every test cell
  (one comment line says that hidden tests ran there);
- from the errors of test cells, the traceback frames of the test cell itself and of
  convlab's internals; the learner's own frames and the error message stay;
- any line of hidden test code that shows up in any output (printed by the learner's code,
  for instance), replaced by ``[hidden]``: an output line is hidden when it *is* a hidden
  line (a traceback's line number and arrow aside), or contains a long one; a message that
  merely names the function or a short token of the tests stays.
"""

import re

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Int, Unicode

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LINE_NUMBER = re.compile(r"^\s*(-*>)?\s*\d+\s")  # IPython's "---> 12 " or "     12 "
FRAME = re.compile(r"^Cell In\[(\d+)\], line \d+")
HIDDEN_NOTE = "# (hidden tests ran here; they are not shown)"


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests from test cells, tracebacks and outputs."""

    begin = Unicode("BEGIN HIDDEN TESTS", help="The marker of the start of hidden tests").tag(
        config=True
    )
    end = Unicode("END HIDDEN TESTS", help="The marker of the end of hidden tests").tag(config=True)
    min_line = Int(
        30, help="An output line containing a hidden line this long is hidden (shorter: only equal)"
    ).tag(config=True)

    def preprocess(self, nb, resources):
        hidden, visible = set(), set()
        for cell in nb.cells:
            if cell.cell_type == "code" and utils.is_grade(cell):
                cell.source, lines = split_hidden(cell.source, self.begin, self.end)
                hidden.update(line.strip() for line in lines if line.strip())
                hidden.update((f"### {self.begin}", f"### {self.end}"))  # they show the region
                visible.update(line.strip() for line in cell.source.split("\n"))
        hidden -= visible  # lines the learner sees anyway (generic calls) are no secret
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            test_count = cell.execution_count if utils.is_grade(cell) else None
            for output in cell.get("outputs", []):
                if output.output_type == "error" and test_count is not None:
                    output.traceback = visible_frames(output.traceback, test_count)
                redact_output(output, hidden, self.min_line)
        return nb, resources


def split_hidden(source, begin, end):
    """(`source` with its hidden regions replaced by a note, the hidden lines).

    >>> split_hidden("a\\n### BEGIN HIDDEN TESTS\\nb\\n### END HIDDEN TESTS", "BEGIN HIDDEN TESTS",
    ...              "END HIDDEN TESTS")
    ('a\\n# (hidden tests ran here; they are not shown)', ['b'])
    """
    kept, hidden, inside = [], [], False
    for line in source.split("\n"):
        if begin in line:
            inside = True
            kept.append(HIDDEN_NOTE)
        elif end in line:
            inside = False
        elif inside:
            hidden.append(line)
        else:
            kept.append(line)
    return "\n".join(kept), hidden


def visible_frames(traceback, test_count):
    """The traceback without the test cell's frames and convlab's internal frames."""
    kept = []
    for entry in traceback:
        plain = ANSI.sub("", entry)
        frame = FRAME.match(plain)
        if frame and int(frame.group(1)) == test_count:
            continue
        if plain.startswith("File ") and "/convlab/" in plain.split("\n", 1)[0]:
            continue
        kept.append(entry)
    return kept


def redact_output(output, hidden, long=30):
    """Replace, in place, every line of `output` that shows hidden code (see the module)."""
    if not hidden:
        return
    redact = lambda text: _redact(text, hidden, [h for h in hidden if len(h) >= long])  # noqa: E731
    if output.output_type == "stream":
        output.text = redact(output.text)
    elif output.output_type == "error":
        output.traceback = [redact(entry) for entry in output.traceback]
        output.evalue = redact(output.evalue)
    else:
        for kind, value in output.get("data", {}).items():
            if isinstance(value, str) and kind.startswith("text/"):
                output.data[kind] = redact(value)


def _redact(text, hidden, long):
    lines = text.split("\n")
    for index, line in enumerate(lines):
        plain = ANSI.sub("", line)
        bare = LINE_NUMBER.sub("", plain).strip()
        if bare in hidden or any(secret in plain for secret in long):
            lines[index] = "[hidden]"
    return "\n".join(lines)


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter, less its two slowest habits when run once per notebook.

    nbgrader makes a new exporter for every feedback file, so the Jinja templates are
    compiled again each time: here the environment is shared within the process. And
    ``HTMLExporter`` parses its own output with BeautifulSoup to add accessibility
    attributes meant for the JupyterLab template; nbgrader's feedback template is the
    classic one, so that pass is skipped. Together they take more than half the time.
    """

    _environments = {}

    def _create_environment(self):
        key = (tuple(self.template_paths), self.template_name, self.template_file)
        if key not in self._environments:
            self._environments[key] = super()._create_environment()
        return self._environments[key]

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        highlight = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        data_types = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight)
        self.register_filter("filter_data_type", data_types)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)
