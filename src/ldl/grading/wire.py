"""The safe wire format between a sandboxed child and the grading parent.

A child sends each value it computed as one line of JSON. Nothing is pickled: the parent rebuilds
only plain data (numbers, strings, None, lists, tuples, dicts with string keys, numpy arrays and
scalars, torch tensors as arrays), so no object the learner defines can reach the parent, and an
object whose `__eq__` always says True cannot even be sent.

Types are checked exactly (`type(x) is float`, never `isinstance`), so a subclass of `float` or
`np.ndarray` with a lying `__eq__` is refused, not converted. Arrays travel as base64 bytes plus
their dtype and shape; on the way back the dtype must be a plain number or bool type.

This module runs inside the sandbox too: it imports only the standard library at the top, and
numpy / torch only when it meets one of their objects.
"""

from __future__ import annotations

import base64
import json
import math
import sys
from typing import Any

MAX_DEPTH = 20  # nesting deeper than this is refused (it is never needed and could blow the stack)
ARRAY_KINDS = "biufc"  # bool, signed and unsigned ints, floats, complex: the only dtypes accepted


class WireError(ValueError):
    """A value that cannot be sent, or a message that is not well formed."""


class Unsendable(WireError):
    """The learner's code returned something other than plain data."""


def encode(value: Any) -> dict[str, Any]:
    """Turn plain data into JSON-ready tagged dicts; raise `Unsendable` for anything else."""
    return _encode(value, 0)


def _encode(value: Any, depth: int) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise Unsendable("the value is nested too deeply")
    kind = type(value)
    if value is None:
        return {"t": "none"}
    if value is NotImplemented:
        return {"t": "notimplemented"}
    if kind is bool:
        return {"t": "bool", "v": value}
    if kind is int:
        return {"t": "int", "v": str(value)}
    if kind is float:
        return {"t": "float", "v": _float_text(value)}
    if kind is str:
        return {"t": "str", "v": value}
    if kind in (list, tuple):
        return {"t": kind.__name__, "v": [_encode(item, depth + 1) for item in value]}
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise Unsendable("dict keys must be strings")
        return {"t": "dict", "v": [[key, _encode(item, depth + 1)] for key, item in value.items()]}
    return _encode_numeric(value, kind)


def _encode_numeric(value: Any, kind: type) -> dict[str, Any]:
    numpy = sys.modules.get("numpy")
    if numpy is not None and kind is numpy.ndarray:
        return _array_message("ndarray", value)
    if numpy is not None and kind.__module__ == "numpy" and isinstance(value, numpy.generic):
        return {**_array_message("scalar", numpy.asarray(value)), "shape": []}
    torch = sys.modules.get("torch")
    if torch is not None and kind is torch.Tensor:
        return _array_message("tensor", value.detach().cpu().resolve_conj().resolve_neg().numpy())
    raise Unsendable(f"{kind.__module__}.{kind.__qualname__} is not plain data")


def _array_message(tag: str, array: Any) -> dict[str, Any]:
    if array.dtype.kind not in ARRAY_KINDS:
        raise Unsendable(f"arrays of dtype {array.dtype} cannot be compared; use numbers or bool")
    data = array.tobytes(order="C")
    return {
        "t": tag,
        "dtype": array.dtype.str,
        "shape": list(array.shape),
        "b64": base64.b64encode(data).decode(),
    }


def _float_text(value: float) -> str:
    return repr(value) if math.isfinite(value) else str(value)  # 'nan', 'inf', '-inf'


def decode(message: Any) -> Any:
    """Rebuild a value from `encode`'s output; raise `WireError` on anything malformed.

    Tensors come back as `Tensor(array)` so the parent can tell them from numpy arrays without
    importing torch.
    """
    return _decode(message, 0)


def _decode(message: Any, depth: int) -> Any:
    if depth > MAX_DEPTH or type(message) is not dict or type(message.get("t")) is not str:
        raise WireError("malformed value")
    tag, payload = message["t"], message.get("v")
    simple = {"none": None, "notimplemented": NotImplemented}
    if tag in simple:
        return simple[tag]
    if tag == "bool" and type(payload) is bool:
        return payload
    if tag == "int" and type(payload) is str:
        return int(payload)
    if tag == "float" and type(payload) is str:
        return float(payload)
    if tag == "str" and type(payload) is str:
        return payload
    if tag in ("list", "tuple") and type(payload) is list:
        items = [_decode(item, depth + 1) for item in payload]
        return items if tag == "list" else tuple(items)
    if tag == "dict" and type(payload) is list:
        return {_dict_key(pair): _decode(pair[1], depth + 1) for pair in payload}
    if tag in ("ndarray", "scalar", "tensor"):
        array = _decode_array(message)
        return {"ndarray": array, "scalar": array[()] if array.ndim == 0 else None, "tensor": Tensor(array)}[
            tag
        ]
    raise WireError(f"unknown tag {tag!r}")


def _dict_key(pair: Any) -> str:
    if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
        raise WireError("malformed dict entry")
    return pair[0]


def _decode_array(message: dict[str, Any]) -> Any:
    import numpy as np

    shape, dtype_text, b64 = message.get("shape"), message.get("dtype"), message.get("b64")
    if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("malformed array shape")
    if type(dtype_text) is not str or type(b64) is not str:
        raise WireError("malformed array")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError as exc:
        raise WireError(f"unknown dtype {dtype_text!r}") from exc
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"refused dtype {dtype_text!r}")
    data = base64.b64decode(b64, validate=True)
    if len(data) != math.prod(shape) * dtype.itemsize:
        raise WireError("array bytes do not match its shape and dtype")
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


class Tensor:
    """A torch tensor's values, as received by the parent (which never imports torch)."""

    __slots__ = ("array",)

    def __init__(self, array: Any):
        self.array = array

    def __repr__(self) -> str:
        return f"tensor({self.array!r})"


def dumps(message: dict[str, Any]) -> bytes:
    """One line of JSON (UTF-8, newline-terminated) for the results channel."""
    return (json.dumps(message, separators=(",", ":")) + "\n").encode()


def loads(line: bytes) -> dict[str, Any]:
    """Parse one results line; raise `WireError` if it is not a JSON object."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise WireError("a results line is not valid JSON") from exc
    if type(message) is not dict:
        raise WireError("a results line is not a JSON object")
    return message
