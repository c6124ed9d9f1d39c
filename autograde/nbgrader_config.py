"""nbgrader configuration for the convlab course.

Use it from the repository root with ``JUPYTER_CONFIG_PATH=$PWD/autograde`` (the Makefile
and the ``convlab`` command set it), so plain ``nbgrader`` commands, JupyterLab's nbgrader
extensions and the formgrader all see the course as laid out here.

The second half hardens grading (``convlab.grading``); plain ``nbgrader autograde`` and
``generate_feedback`` use it too, ``make grade`` adds isolation, parallelism and reports.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

c.CourseDirectory.course_id = "convlab"
c.CourseDirectory.root = root
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.submitted_directory = "autograde/submitted"
c.CourseDirectory.autograded_directory = "autograde/autograded"
c.CourseDirectory.feedback_directory = "autograde/feedback"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(root, "autograde", "gradebook.db")

# A notebook runs top to bottom in seconds; a cell that takes minutes is a runaway loop.
c.ExecutePreprocessor.timeout = 120
c.Execute.interrupt_on_timeout = True

# ---------------------------------------------------------------- hardened grading
# Kernels run jailed (no solutions/, no gradebook, no network, limits), survive crashes
# and floods of output; then every passed test cell is re-checked outside the kernel.
c.Autograde.autograde_preprocessors = [
    "convlab.grading.execute.GuardedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "convlab.grading.recheck.Recheck",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Feedback never shows hidden tests (nor their lines in tracebacks and outputs).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "convlab.grading.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.GuardedExecute.notebook_timeout = 600  # seconds for all cells of a notebook
c.GuardedExecute.max_stream_bytes = 64 * 1024  # printed text kept per cell
c.Recheck.exercise_timeout = 30  # seconds for the re-check of one exercise
c.Recheck.secret_file = os.path.join(root, "autograde", ".grading", "secret")
c.Sandbox.hidden_paths = [root]  # the jail also hides the home and temporary folders
c.Sandbox.kernel_memory = 4 << 30  # bytes of address space per kernel
c.Sandbox.runner_memory = 2 << 30
c.GenerateFeedback.exporter_class = "convlab.grading.feedback.FeedbackExporter"  # faster HTML
