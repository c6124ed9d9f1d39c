"""The instructor's grading pipeline: nbgrader, hardened.

nbgrader runs each submission in the learner's kernel; convlab adds what it cannot do
alone. Nothing is imported here (``convlab.grading.sandbox`` also runs as a plain
script); the modules, one concern each:

``sandbox``    the jail for student code (namespaces, an unprivileged user, rlimits)
``policy``     what the jails hide and how much they allow (``c.Sandbox``)
``zygote``     forks grading kernels from one process with their libraries imported
``kernel``     the jupyter_client kernel manager that starts kernels in the jail
``execute``    nbgrader's Execute, surviving dead kernels, endless loops and output floods
``specs``      what the trusted re-check runs for each graded test cell of each notebook
``runner``     the re-check's code inside the jail (NumPy only, arrays out as .npy)
``session``    one runner process: request in, results out, with deadlines and a budget
``recheck``    the trusted re-check, run after nbgrader executed a submission
``structure``  deleted, duplicated or renamed cells and notebooks, found and repaired
``feedback``   feedback without hidden tests
``worker``     one submission, graded in a course folder of its own
``gradebook``  the course's gradebook: assignments registered, results merged, export
``pipeline``   ``make grade``: isolated, parallel, idempotent grading into one gradebook
``report``     the grading report, the progress line and the score plots
``validate``   ``convlab validate``: the learner's check before submitting
``bench``      the 100-submission benchmark against plain nbgrader
"""
