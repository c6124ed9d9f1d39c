"""The re-check's code inside the jail: run the answer cells, call the functions, send arrays.

This module needs only the standard library and NumPy. The grader runs its *source* with
``python -I -c`` in a jail that hides convlab, SciPy and PyTorch, so nothing here may
import convlab. The grader imports the same functions to write requests and read results.

Wire format (both directions): *frames*, each an 8-byte big-endian length and a JSON
header (its ``arrays`` field counts the files that follow), then ``.npy`` files
(``allow_pickle=False``), each an 8-byte length and the bytes. In a value tree,
``{"array": k}`` is the k-th file of the frame (``{"scalar": k}`` its only value),
``{"tuple": [...]}`` a tuple, ``{"dict":
{...}}`` a dict; JSON lists, numbers, strings, booleans and null are themselves.

Request (stdin): one frame ``{"setup": source, "cells": [[grade_id, source], ...],
"exercises": [{"function": name, "cells": n, "calls": [{"args": tree, "kwargs": tree}]}]}``.
Results (to the file descriptor named by the first argument), as they happen:
``{"exercise": i, "cells": [errors]}`` after running an exercise's first `n` answer
cells in a fresh namespace, then per call
``{"exercise": i, "call": j, "value": tree}`` or ``{"exercise": i, "call": j, "raised":
{"type", "value_error", "message"}}``, then ``{"exercise": i, "done": true}``.
"""

import io
import json
import os
import struct
import sys
import traceback

import numpy as np

MAX_DEPTH = 4


# ------------------------------------------------------------------ frames


def write_frame(stream, header, arrays=()):
    """Write one frame: the JSON header, then each array as a .npy file."""
    parts = [_chunk(json.dumps({**header, "arrays": len(arrays)}).encode())]
    for array in arrays:
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(array), allow_pickle=False)
        parts.append(_chunk(buffer.getvalue()))
    stream.write(b"".join(parts))
    stream.flush()


def read_frame(stream, limit):
    """Read one frame (None at the end); no part may be larger than `limit` bytes."""
    data = _read_chunk(stream, limit)
    if data is None:
        return None
    header = json.loads(data)
    arrays = []
    for _ in range(int(header.pop("arrays", 0))):
        blob = _read_chunk(stream, limit)
        if blob is None:
            raise ValueError("the frame ended early")
        arrays.append(np.load(io.BytesIO(blob), allow_pickle=False))
    return header, arrays


def _chunk(data):
    return struct.pack("!Q", len(data)) + data


def _read_chunk(stream, limit):
    head = stream.read(8)
    if not head:
        return None
    if len(head) < 8:
        raise ValueError("the frame ended early")
    size = struct.unpack("!Q", head)[0]
    if size > limit:
        raise ValueError(f"a part of {size} bytes is over the limit of {limit}")
    data = stream.read(size)
    if len(data) < size:
        raise ValueError("the frame ended early")
    return data


# ------------------------------------------------------------------ value trees


def encode_input(value, arrays):
    """A JSON tree that decodes to `value` itself: ints stay ints, lists stay lists."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (np.ndarray, np.generic)):
        arrays.append(np.asarray(value))
        key = "array" if isinstance(value, np.ndarray) else "scalar"
        return {key: len(arrays) - 1}
    if isinstance(value, list):
        return [encode_input(item, arrays) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [encode_input(item, arrays) for item in value]}
    if isinstance(value, dict):
        return {"dict": {key: encode_input(item, arrays) for key, item in value.items()}}
    raise TypeError(f"cannot send a {type(value).__name__} to the runner")


def encode(value, arrays, depth=0):
    """A JSON tree for a result `value`; arrays are appended to `arrays` and referred to by index.

    Numbers and array-likes become arrays (any ndarray subclass becomes a plain array: its
    methods never reach the grader); tuples and lists that are not numeric arrays become
    lists of trees; anything else becomes ``{"unreadable": type name}``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return {"unreadable": "str"}
    array = _numeric_array(value)
    if array is not None:
        arrays.append(array)
        return {"array": len(arrays) - 1}
    if isinstance(value, (tuple, list)) and depth < MAX_DEPTH:
        return {"tuple": [encode(item, arrays, depth + 1) for item in value]}
    if isinstance(value, dict) and depth < MAX_DEPTH:
        return {"dict": {str(k): encode(v, arrays, depth + 1) for k, v in value.items()}}
    return {"unreadable": type(value).__name__}


def _numeric_array(value):
    try:
        array = np.array(value, subok=False)
    except Exception:  # ragged sequences, objects that refuse conversion
        return None
    if array.dtype.kind not in "biufc":
        return None
    return array


def decode(tree, arrays):
    """The value a tree stands for (tuples for ``{"tuple": ...}``, arrays by index)."""
    if isinstance(tree, dict):
        if "array" in tree:
            return arrays[tree["array"]]
        if "scalar" in tree:
            return arrays[tree["scalar"]][()]
        if "tuple" in tree:
            return tuple(decode(item, arrays) for item in tree["tuple"])
        if "dict" in tree:
            return {key: decode(item, arrays) for key, item in tree["dict"].items()}
        return Unreadable(tree.get("unreadable", "?"))
    if isinstance(tree, list):
        return [decode(item, arrays) for item in tree]
    return tree


class Unreadable:
    """A result that was not numbers (a string, an object): only its type name is known."""

    def __init__(self, kind):
        self.kind = kind

    def __repr__(self):
        return f"<a {self.kind}>"


# ------------------------------------------------------------------ inside the jail


class NoShell:
    """What ``get_ipython()`` returns here: IPython's features (magics, events) do nothing."""

    def __getattr__(self, name):
        return NoShell()

    def __call__(self, *args, **kwargs):
        return NoShell()

    def __iter__(self):
        return iter(())


def run_cells(setup, cells):
    """A fresh namespace with `setup` and the answer `cells` run in it, and their errors.

    The cells come with IPython's syntax already translated (a magic becomes a call of
    ``get_ipython()``), as the kernel runs them; here such calls do nothing.
    """
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    namespace["get_ipython"] = NoShell()
    errors = []
    for grade_id, source in [("setup", setup), *cells]:
        try:
            exec(compile(source, f"<answer cell {grade_id}>", "exec"), namespace)
        except BaseException as error:  # the kernel would go on to the next cell too
            errors.append(f"cell {grade_id}: {_describe(error)}")
    return namespace, errors


def call(namespace, name, args, kwargs):
    """(header fields, arrays) for one call of the learner's function."""
    function = namespace.get(name)
    if not callable(function):
        return {"raised": {"type": "NameError", "value_error": False, "message": name}}, []
    try:
        value = function(*args, **kwargs)
    except BaseException as error:
        raised = {
            "type": type(error).__name__,
            "value_error": isinstance(error, ValueError),
            "message": str(error)[:2000],
        }
        return {"raised": raised}, []
    arrays = []
    return {"value": encode(value, arrays)}, arrays


def _describe(error):
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    return text[-2000:]


def serve(request, stream):
    """Answer a request: each exercise in a fresh namespace, results written as they come."""
    header, arrays = request
    cells = [tuple(cell) for cell in header["cells"]]
    for index, exercise in enumerate(header["exercises"]):
        namespace, errors = run_cells(header["setup"], cells[: exercise["cells"]])
        write_frame(stream, {"exercise": index, "cells": errors})
        for number, spec in enumerate(exercise["calls"]):
            args = decode(spec["args"], arrays)
            kwargs = decode(spec["kwargs"], arrays)
            fields, results = call(namespace, exercise["function"], args, kwargs)
            write_frame(stream, {"exercise": index, "call": number, **fields}, results)
        write_frame(stream, {"exercise": index, "done": True})


def main():
    """Read the request from stdin, write results to the file descriptor named in argv[1]."""
    request = read_frame(sys.stdin.buffer, 1 << 30)
    descriptor = int(sys.argv[1])
    os.set_inheritable(descriptor, False)
    serve(request, os.fdopen(descriptor, "wb"))


if __name__ == "__main__":
    main()
