"""`convlab`: the Makefile's steps as one console script.

convlab lab [--port N]     open the course in JupyterLab
convlab test [PYTEST ARGS] run every test
convlab release [NAMES]    regenerate notebooks/ from solutions/
convlab grade              autograde autograde/submitted/, feedback, grades.csv
convlab demo               grade the sample submissions in autograde/samples/
convlab bench [--explorers] time convlab against PyTorch; the explorers' update times
"""

import argparse
import os
import sys

from . import course


def main(argv=None):
    parser = argparse.ArgumentParser(prog="convlab", description=__doc__.split("\n")[0])
    parser.add_argument("--root", help="course root (default: found from the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    lab = commands.add_parser("lab", help="open the course in JupyterLab")
    lab.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8888)))
    commands.add_parser("test", help="run every test (extra arguments go to pytest)")
    rel = commands.add_parser("release", help="regenerate notebooks/ from solutions/")
    rel.add_argument("names", nargs="*", help="assignments (default: all)")
    grade = commands.add_parser("grade", help="autograde autograde/submitted/")
    grade.add_argument("-w", "--workers", type=int, help="worker processes (default: cores)")
    grade.add_argument("--force", action="store_true", help="grade unchanged submissions too")
    commands.add_parser("demo", help="grade the sample submissions")
    validate = commands.add_parser("validate", help="check a notebook before submitting it")
    validate.add_argument("notebook", help="path of the notebook (.ipynb)")
    bench = commands.add_parser("bench-grading", help="time grading against plain nbgrader")
    bench.add_argument("-n", "--submissions", type=int, default=100)
    bench.add_argument("--assignment", default="02-conv2d")
    timing = commands.add_parser("bench", help="time convlab against PyTorch (needs torch)")
    timing.add_argument(
        "--explorers", action="store_true", help="time only the explorers (no torch needed)"
    )
    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in ("test", "lab"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "validate":  # a learner's notebook: no course root needed
        from .grading import validate as validating

        return 1 if validating.validate(args.notebook) else 0
    try:
        root = course.find_root(args.root)
        if args.command == "lab":
            course.lab(root, args.port, rest)
        elif args.command == "test":
            python = sys.executable
            os.chdir(root)
            os.execve(python, [python, "-m", "pytest", *rest], course.environment(root))
        elif args.command == "release":
            for name in course.release(root, args.names):
                print(f"released notebooks/{name}")
        elif args.command == "grade":
            course.grade(root, workers=args.workers, force=args.force)
        elif args.command == "demo":
            course.demo(root)
        elif args.command == "bench":
            from . import bench, bench_explorers

            if args.explorers:
                bench_explorers.run(root)
            else:
                bench.run(root)
    except course.CourseError as error:
        print(f"convlab {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
