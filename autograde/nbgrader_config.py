"""nbgrader configuration for the convlab course.

Use it from the repository root with ``JUPYTER_CONFIG_PATH=$PWD/autograde`` (the Makefile
and the ``convlab`` command set it), so plain ``nbgrader`` commands, JupyterLab's nbgrader
extensions and the formgrader all see the course as laid out here.
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
