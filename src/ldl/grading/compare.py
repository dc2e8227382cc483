"""Compare a value the learner's code produced ("got") with the reference's ("expected").

Both values arrive through `wire.decode`, so they are plain data. The rule is structural:

- numpy arrays: same shape, a compatible dtype kind (floats with floats, integers with integers,
  bool with bool), then `|got - expected| <= atol + rtol * |expected|` everywhere (NaN matches NaN);
  with `exact_dtype` (the default for cases, see spec.Case) the dtypes must be equal (float32 is not
  float64, int32 is not int64);
- numbers (Python or numpy scalars, or a 0-d array) with the same tolerance, and with `exact_dtype`
  the same kind (an int where a float belongs fails; numpy's float64 and Python's float are alike),
  and no float of lower precision than the expected one (a float32 where a float64 belongs);
  bool exactly;
- strings, None: exactly; lists, tuples and dicts: item by item.

A mismatch comes back as a `Mismatch`: one sentence, plus the lines a learner needs to find the
bug (for arrays: shapes, dtypes, max abs error, the first mismatching index and both values there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ldl.grading.wire import Tensor

KIND_GROUPS = {"f": "floats", "i": "integers", "u": "integers", "b": "booleans", "c": "complex numbers"}


@dataclass
class Mismatch:
    """Why got differs from expected, at `where` (e.g. `result`, `result["grad"]`, `result[1]`)."""

    where: str
    message: str
    details: list[str] = field(default_factory=list)
    expected: Any = None  # the two values at `where`, for diagnose.py
    got: Any = None


def describe_type(value: Any) -> str:
    """A short, learner-friendly name for what a value is."""
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, Tensor):
        return f"a torch tensor of shape {tuple(value.array.shape)} and dtype {value.array.dtype}"
    if value is None:
        return "None"
    if value is NotImplemented:
        return "NotImplemented"
    return f"a {type(value).__name__}"


def compare(
    expected: Any, got: Any, rtol: float, atol: float, where: str = "result", exact_dtype: bool = False
) -> Mismatch | None:
    """None if got matches expected within tolerance, else the first Mismatch found."""
    mismatch = _compare(expected, got, rtol, atol, where, exact_dtype)
    if mismatch is not None and mismatch.where == where and mismatch.expected is None:
        mismatch.expected, mismatch.got = expected, got
    return mismatch


def _compare(expected: Any, got: Any, rtol: float, atol: float, where: str, exact: bool) -> Mismatch | None:
    if isinstance(expected, Tensor):
        if not isinstance(got, Tensor):
            return Mismatch(where, f"expected a torch tensor, got {describe_type(got)}")
        return compare_arrays(expected.array, got.array, rtol, atol, where, exact)
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if not isinstance(got, np.ndarray):
            return Mismatch(where, f"expected {describe_type(expected)}, got {describe_type(got)}")
        return compare_arrays(expected, got, rtol, atol, where, exact)
    if _is_number(expected):
        return _compare_numbers(expected, got, rtol, atol, where, exact)
    if isinstance(expected, (list, tuple)):
        return _compare_sequences(expected, got, rtol, atol, where, exact)
    if isinstance(expected, dict):
        return _compare_dicts(expected, got, rtol, atol, where, exact)
    if isinstance(expected, (bool, np.bool_)):
        if isinstance(got, (bool, np.bool_)) and bool(got) == bool(expected):
            return None
        return Mismatch(where, f"expected {bool(expected)}, got {_short(got)}")
    if type(got) is not type(expected) or got != expected:
        return Mismatch(where, f"expected {expected!r}, got {_short(got)}")
    return None


def compare_arrays(
    expected: np.ndarray, got: np.ndarray, rtol: float, atol: float, where: str, exact_dtype: bool = False
) -> Mismatch | None:
    """Shapes, dtype kinds, then values; the details name the first place they differ."""
    header = [
        f"expected: shape {expected.shape}, dtype {expected.dtype}",
        f"got:      shape {got.shape}, dtype {got.dtype}",
    ]
    if got.shape != expected.shape:
        return Mismatch(where, f"shape {got.shape}, but expected {expected.shape}", header)
    if KIND_GROUPS.get(got.dtype.kind) != KIND_GROUPS.get(expected.dtype.kind):
        wanted, found = KIND_GROUPS.get(expected.dtype.kind), KIND_GROUPS.get(got.dtype.kind)
        return Mismatch(
            where, f"the values are {found}, but expected {wanted}", header + _dtype_advice(expected, got)
        )
    if exact_dtype and got.dtype != expected.dtype:
        message = f"the dtype is {got.dtype}, but expected {expected.dtype}"
        return Mismatch(where, message, header + _dtype_advice(expected, got))
    close = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    first = tuple(int(i) for i in np.argwhere(~close)[0])
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(got.astype(np.complex128 if got.dtype.kind == "c" else np.float64) - expected)
    finite = error[np.isfinite(error)]
    not_finite = error.size - finite.size
    details = [
        *header,
        f"max abs error: {finite.max():.4g}" if finite.size else "max abs error: none finite",
        *([f"entries where got or expected is NaN or inf: {not_finite}"] if not_finite else []),
        f"mismatching entries: {int((~close).sum())} of {close.size}",
        f"first mismatch at index {first}: expected {_number(expected[first])}, got {_number(got[first])}",
        f"tolerance: |got - expected| <= {atol:g} + {rtol:g} * |expected|",
    ]
    return Mismatch(where, "the values differ", details)


def _is_number(value: Any) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, float, np.integer, np.floating, np.complexfloating)):
        return True
    return isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iufc"


def _dtype_advice(expected: np.ndarray, got: np.ndarray) -> list[str]:
    """Why a dtype matters, for the two common slips."""
    if expected.dtype.kind == "f" and got.dtype.kind in "iu":
        return [
            "integer results cut off every fraction: an array made from integer input "
            "(`np.zeros_like(x)`, `x.copy()`, `np.empty_like(x)`) keeps its integer dtype; "
            "ask for `dtype=float` (or the dtype the statement gives)"
        ]
    if expected.dtype.kind == got.dtype.kind == "f":
        return [
            f"{got.dtype} and {expected.dtype} differ in precision (float32 keeps about 7 significant "
            "digits, float64 about 16): keep the dtype the statement asks for, and watch for "
            "`astype` or a float32 constant array mixed in"
        ]
    return []


def _kind(value: Any) -> str:
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        return {"u": "i"}.get(value.dtype.kind, value.dtype.kind)
    return {int: "i", float: "f", complex: "c"}.get(type(value), "?")


def _bits(value: Any) -> int:
    """A float's precision in bits: a Python float is a float64; a numpy one says its own."""
    return 8 * value.dtype.itemsize if isinstance(value, (np.ndarray, np.generic)) else 64


KIND_NAMES = {"i": "an integer", "f": "a float", "c": "a complex number"}


def _compare_numbers(
    expected: Any, got: Any, rtol: float, atol: float, where: str, exact: bool = False
) -> Mismatch | None:
    if not _is_number(got):
        return Mismatch(where, f"expected a number like {_number(expected)}, got {describe_type(got)}")
    if exact and _kind(got) != _kind(expected):
        wanted, found = KIND_NAMES.get(_kind(expected), "a number"), KIND_NAMES.get(_kind(got), "a number")
        message = f"expected {wanted} like {_number(expected)}, got {found}: {_number(got)}"
        advice = [
            "integer division (`//`, `int(...)`) drops the fraction"
            if _kind(got) == "i"
            else "a size or count should be an integer: `/` always gives a float; use `//`"
        ]
        return Mismatch(where, message, advice)
    if exact and _kind(got) == _kind(expected) == "f" and _bits(got) < _bits(expected):
        message = f"expected a float{_bits(expected)} like {_number(expected)}, got a float{_bits(got)}"
        advice = [
            f"float{_bits(got)} keeps far fewer significant digits (float32 about 7, float64 about 16): "
            "keep the dtype you were given, and watch for `astype` or `dtype=np.float32` on the way"
        ]
        return Mismatch(where, f"{message}: {_number(got)}", advice)
    if np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
        return None
    details = [
        f"abs error: {abs(got - expected):.4g}",
        f"tolerance: |got - expected| <= {atol:g} + {rtol:g} * |expected|",
    ]
    return Mismatch(where, f"expected {_number(expected)}, got {_number(got)}", details)


def _compare_sequences(
    expected: Any, got: Any, rtol: float, atol: float, where: str, exact: bool = False
) -> Mismatch | None:
    if not isinstance(got, (list, tuple)):
        return Mismatch(
            where, f"expected a {type(expected).__name__} of {len(expected)}, got {describe_type(got)}"
        )
    if len(got) != len(expected):
        return Mismatch(where, f"expected {len(expected)} items, got {len(got)}")
    for index, (want, have) in enumerate(zip(expected, got, strict=True)):
        mismatch = compare(want, have, rtol, atol, f"{where}[{index}]", exact)
        if mismatch:
            return mismatch
    return None


def _compare_dicts(
    expected: dict, got: Any, rtol: float, atol: float, where: str, exact: bool = False
) -> Mismatch | None:
    if not isinstance(got, dict):
        return Mismatch(where, f"expected a dict with keys {sorted(expected)}, got {describe_type(got)}")
    if set(got) != set(expected):
        return Mismatch(where, f"expected keys {sorted(expected)}, got {sorted(got)}")
    for key, want in expected.items():
        mismatch = compare(want, got[key], rtol, atol, f"{where}[{key!r}]", exact)
        if mismatch:
            return mismatch
    return None


def _number(value: Any) -> str:
    return repr(value.item() if hasattr(value, "item") else value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."
