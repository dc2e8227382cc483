"""What a call did to its arguments and how its results relate to them (inside the child).

    mutations(case, args, kwargs, numpy)   which arguments differ from the case's pristine copies
    aliases(args, kwargs, value, numpy)    returned arrays sharing memory with an argument or
                                           with another returned array

Used by case_guards.py after every call. Plain data in, plain data out (paths such as
`[0].data` or `result['grads'][1]`), so the parent can name what happened. Standard library
only at the top: numpy is passed in.
"""

from __future__ import annotations

import sys
import types
from typing import Any

MAX_DEPTH = 6  # how deep mutation and aliasing look into arguments
MAX_ITEMS = 10_000  # how many containers' items they look at in all
NOT_DATA = (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType)


# ---- mutation -------------------------------------------------------------------------------


def mutations(case, args: tuple, kwargs: dict, numpy: Any) -> list[dict]:
    """Which arguments differ from the case's pristine inputs after the call."""
    budget = [MAX_ITEMS]
    found = []
    for index, (before, after) in enumerate(zip(case.args, args, strict=False)):
        change = _difference(before, after, "", 0, budget, numpy)
        if change:
            found.append({"index": index, "path": change[0], "detail": change[1]})
    for key, before in case.kwargs.items():
        change = _difference(before, kwargs.get(key), "", 0, budget, numpy)
        if change:
            found.append({"key": key, "path": change[0], "detail": change[1]})
    return found


def _difference(before: Any, after: Any, path: str, depth: int, budget: list, numpy: Any):
    """(path, what changed) for the first difference, or None."""
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0 or _is_random_source(before, numpy):
        return None
    if numpy is not None and isinstance(before, numpy.ndarray):
        return _array_difference(before, after, path, numpy)
    if type(before).__module__.startswith("torch") and hasattr(before, "detach"):
        return _array_difference(_tensor_array(before), _tensor_array(after), path, numpy)
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            return path, f"its length changed from {len(before)} to {_length(after)}"
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            change = _difference(old, new, f"{path}[{index}]", depth + 1, budget, numpy)
            if change:
                return change
        return None
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(after) != set(before):
            return path, "its keys changed"
        for key, old in before.items():
            change = _difference(old, after[key], f"{path}[{key!r}]", depth + 1, budget, numpy)
            if change:
                return change
        return None
    if isinstance(before, (int, float, complex, str, bytes, type(None))):
        return None if _same_scalar(before, after) else (path, f"{before!r} became {after!r}")
    attributes = getattr(before, "__dict__", None)
    if isinstance(attributes, dict) and not isinstance(before, NOT_DATA):
        new_attributes = getattr(after, "__dict__", {})
        for name, old in attributes.items():
            if name.startswith("__"):
                continue
            if name not in new_attributes:
                return f"{path}.{name}", "the attribute was deleted"
            change = _difference(old, new_attributes[name], f"{path}.{name}", depth + 1, budget, numpy)
            if change:
                return change
    return None


def _array_difference(before: Any, after: Any, path: str, numpy: Any):
    if after is None or not hasattr(after, "shape"):
        return path, "it is no longer an array"
    if before.shape != after.shape or before.dtype != after.dtype:
        return path, f"shape/dtype {before.shape} {before.dtype} became {after.shape} {after.dtype}"
    if before.dtype.kind not in "biufc":
        return None
    nan_aware = before.dtype.kind in "fc"
    if numpy.array_equal(before, after, equal_nan=nan_aware):
        return None
    with numpy.errstate(all="ignore"):
        differs = before != after
        if nan_aware:
            differs &= ~(numpy.isnan(before) & numpy.isnan(after))
    where = tuple(int(i) for i in numpy.argwhere(differs)[0]) if before.ndim else ()
    return path, f"{int(differs.sum())} of {before.size} entries changed, first at index {where}"


def _tensor_array(value: Any) -> Any:
    try:
        return value.detach().cpu().resolve_conj().resolve_neg().numpy()
    except Exception:  # noqa: BLE001 - anything unusual is simply not compared
        return None


def _same_scalar(before: Any, after: Any) -> bool:
    try:
        if before != before and after != after:  # NaN stays NaN
            return True
        return bool(type(after) is type(before) and before == after)
    except Exception:  # noqa: BLE001
        return False


def _length(value: Any) -> str:
    return str(len(value)) if hasattr(value, "__len__") else "(not a sequence any more)"


def _is_random_source(value: Any, numpy: Any) -> bool:
    """Generators are *meant* to change when drawn from: never report them as mutated."""
    kinds = [sys.modules["random"].Random] if "random" in sys.modules else []
    if numpy is not None:
        kinds += [numpy.random.Generator, numpy.random.RandomState, numpy.random.BitGenerator]
    return isinstance(value, tuple(kinds))


# ---- aliasing -------------------------------------------------------------------------------


def aliases(args: tuple, kwargs: dict, value: Any, numpy: Any) -> list[dict]:
    """Returned arrays that share memory with an argument, or with another returned array."""
    if numpy is None:
        return []
    inputs: list[tuple[Any, dict]] = []
    for index, arg in enumerate(args):
        _collect(arg, {"index": index}, "", inputs, 0, [MAX_ITEMS], numpy, objects=True)
    for key, arg in kwargs.items():
        _collect(arg, {"key": key}, "", inputs, 0, [MAX_ITEMS], numpy, objects=True)
    outputs: list[tuple[Any, dict]] = []
    _collect(value, {}, "result", outputs, 0, [MAX_ITEMS], numpy, objects=False)
    found = []
    for position, (array, where) in enumerate(outputs):
        for other, other_where in outputs[:position]:
            if _share(array, other, numpy):
                found.append({"output": where["path"], "other_output": other_where["path"]})
                break
        else:
            for source, source_where in inputs:
                if _share(array, source, numpy):
                    found.append({"output": where["path"], "input": source_where})
                    break
        if len(found) >= 3:
            break
    return found


def _collect(value, origin, path, into, depth, budget, numpy, objects: bool) -> None:
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        return
    if isinstance(value, numpy.ndarray):
        if value.size:
            into.append((value, {**origin, "path": path}))
    elif type(value).__module__.startswith("torch") and hasattr(value, "untyped_storage"):
        into.append((value, {**origin, "path": path}))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _collect(item, origin, f"{path}[{index}]", into, depth + 1, budget, numpy, objects)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, origin, f"{path}[{key!r}]", into, depth + 1, budget, numpy, objects)
    elif objects and isinstance(getattr(value, "__dict__", None), dict) and not isinstance(value, NOT_DATA):
        for name, item in vars(value).items():
            _collect(item, origin, f"{path}.{name}", into, depth + 1, budget, numpy, objects)


def _share(a: Any, b: Any, numpy: Any) -> bool:
    if isinstance(a, numpy.ndarray) and isinstance(b, numpy.ndarray):
        if not numpy.may_share_memory(a, b):
            return False
        try:
            return bool(numpy.shares_memory(a, b, max_work=100_000))
        except numpy.exceptions.TooHardError:
            return True
    storage = [_storage_pointer(x) for x in (a, b)]
    return None not in storage and storage[0] == storage[1]


def _storage_pointer(value: Any) -> int | None:
    try:
        if hasattr(value, "untyped_storage"):
            return value.untyped_storage().data_ptr()
        base = value.base if value.base is not None else value
        return base.__array_interface__["data"][0]
    except Exception:  # noqa: BLE001
        return None
