"""Argument checking shared by the operators: every error names the argument."""

from numbers import Integral

import numpy as np


def as_int(value, name, minimum=None):
    """`value` as a Python int, or ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def as_tuple(value, n, name, minimum=None):
    """An int (same on every axis) or a length-`n` sequence, as a tuple of `n` ints."""
    if isinstance(value, (tuple, list)):
        if len(value) != n:
            raise ValueError(f"{name} must be an int or a tuple of {n} ints, got {value!r}")
        return tuple(as_int(v, name, minimum) for v in value)
    return (as_int(value, name, minimum),) * n


def as_array(value, name, ndim=None):
    """`value` as a numeric ndarray, with `ndim` an int or a tuple of allowed ranks."""
    array = np.asarray(value)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"{name} must be a numeric array, got dtype {array.dtype}")
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and array.ndim not in allowed:
        ranks = " or ".join(str(r) for r in allowed)
        raise ValueError(f"{name} must have {ranks} dimensions, got shape {array.shape}")
    return array


def float_dtype(*arrays):
    """The result dtype of a deep-learning operator: at least float32, as in torch."""
    return np.result_type(*[a.dtype for a in arrays if a is not None], np.float32)
