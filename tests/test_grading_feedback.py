"""Feedback without hidden tests (convlab.grading.feedback)."""

import nbformat

from convlab.grading import feedback

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
TEST_SOURCE = f'"""doc"""\nchecks.check("a", f(1), 2)\n{BEGIN}\nsecret_case = 5  # hidden\n{END}'


def graded_notebook(outputs):
    cell = nbformat.v4.new_code_cell(TEST_SOURCE, execution_count=7)
    cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": "test_f",
        "points": 1,
        "schema_version": 3,
    }
    cell.outputs = outputs
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [cell]
    return notebook


def test_hidden_region_becomes_a_note():
    """Is the hidden part of a test cell replaced by one comment line?"""
    source, hidden = feedback.split_hidden(TEST_SOURCE, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    assert "secret_case" not in source and feedback.HIDDEN_NOTE in source
    assert hidden == ["secret_case = 5  # hidden"]


def test_traceback_keeps_the_message_and_the_learners_frames_only():
    """Are the test cell's frames and convlab's dropped, the learner's frame and message kept?"""
    traceback = [
        "\x1b[31m-----\x1b[39m",
        "Cell \x1b[32mIn[7], line 4\x1b[39m\n  3 ### BEGIN HIDDEN TESTS\n--> 4 secret_case = 5",
        "File \x1b[32m/x/convlab/checks.py:75\x1b[39m, in check\n---> 75 _fail(name)",
        "Cell \x1b[32mIn[3], line 2\x1b[39m, in f\n----> 2 return x + 1",
        "\x1b[31mCheckFailed\x1b[39m: ✗ hidden one: got 6, expected 7",
    ]
    kept = feedback.visible_frames(traceback, test_count=7)
    assert kept == [traceback[0], traceback[3], traceback[4]]


def test_hidden_code_printed_in_an_output_is_redacted():
    """A learner prints the hidden test source: is that line hidden, the rest kept?"""
    text = "hello\nsecret_case = 5  # hidden\n"
    stream = nbformat.v4.new_output("stream", name="stdout", text=text)
    notebook = graded_notebook([stream])
    feedback.HideHiddenTests().preprocess(notebook, {})
    text = notebook.cells[0].outputs[0].text
    assert "secret_case" not in text and "hello" in text and "[hidden]" in text
    assert "secret_case" not in notebook.cells[0].source


def test_a_message_that_names_a_hidden_token_is_kept():
    """A failure message containing a short hidden line (the function's name): kept whole?"""
    notebook = graded_notebook([])
    hidden = "checks.check_raises(\n    pointwise_conv2d,\n    np.ones(3),\n)"
    notebook.cells[0].source = TEST_SOURCE.replace("secret_case = 5  # hidden", hidden)
    message = "✗ pointwise_conv2d, x (1, 3, 4, 5): 2 of 40 values are wrong"
    error = nbformat.v4.new_output("error", ename="CheckFailed", evalue=message, traceback=[])
    notebook.cells[0].outputs = [error]
    feedback.HideHiddenTests().preprocess(notebook, {})
    assert notebook.cells[0].outputs[0].evalue == message
