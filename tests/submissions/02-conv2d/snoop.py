# pad2d is right only if the learner's code finds none of the grader's files: the sources
# with hidden tests, the gradebook and its secret, other students' submissions, convlab's
# grading code; nor can it write the gradebook or convlab. It runs in the notebook and in
# the re-check. ({root} is the course under test, {repo} the convlab checkout.)
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# %% [pad2d]
import glob
import os

SECRETS = [
    "{root}/solutions/02-conv2d/02-conv2d.ipynb",
    "{root}/autograde/gradebook.db",
    "{root}/autograde/.grading/secret",
    "{root}/autograde/nbgrader_config.py",
    "{repo}/solutions/02-conv2d/02-conv2d.ipynb",
    "{repo}/convlab/grading/specs/nb02.py",
    "{repo}/tests/mutants",
]


def _leaks():
    found = [path for path in SECRETS if os.path.exists(path)]
    found += glob.glob("{root}/autograde/submitted/*/*/*.ipynb")
    found += glob.glob("/tmp/**/*.ipynb", recursive=True) + glob.glob("/tmp/**/*.db", recursive=True)
    try:
        import convlab

        package = os.path.dirname(convlab.__file__)
        found += glob.glob(os.path.join(package, "..", "solutions", "*"))
        found += glob.glob(os.path.join(package, "grading", "*.py"))
    except ImportError:
        pass
    for path in ["{root}/autograde/gradebook.db", "{repo}/convlab/checks.py"]:
        try:
            with open(path, "ab"):
                found.append(f"wrote {path}")
        except OSError:
            pass
    return found


print("found:", _leaks())


def pad2d(x, padding):
    if _leaks():
        return None
    x = np.asarray(x)
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    if ph < 0 or pw < 0:
        raise ValueError(f"padding must be >= 0, got {padding}")
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)])
