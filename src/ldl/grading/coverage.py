"""Signature coverage: does some case set every optional parameter the starter offers?

An optional argument that no check ever sets is an argument a learner may ignore and still pass
(issue 16: "an optional argument ignored", 6 of 7 got through). Two halves:

- `SignatureRecorder` runs in the reference child (only when the config asks for it): it wraps
  the solution's top-level functions and the methods of its classes, and records which optional
  parameters a call from *outside* the solution (a case, a probe) passed at a non-default value;
- `optional_parameters(starter)` reads the starter's signatures without running it.

`tests/content/test_signature_coverage.py` compares the two for every exercise.
Standard library only: this module runs inside the sandbox.
"""

from __future__ import annotations

import ast
import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Any

PUBLIC_DUNDERS = ("__init__", "__call__")


def _wanted(name: str) -> bool:
    return not name.startswith("_") or name in PUBLIC_DUNDERS


def optional_parameters(source: Path) -> dict[str, list[str]]:
    """{'fn' or 'Class.method': [parameters with a default]} for the file's public API."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}

    def record(qualified: str, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        positional = [*node.args.posonlyargs, *node.args.args]
        with_defaults = positional[len(positional) - len(node.args.defaults) :]
        names = [arg.arg for arg in with_defaults]
        names += [arg.arg for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults) if default]
        if names:
            found[qualified] = names

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _wanted(node.name):
            record(node.name, node)
        elif isinstance(node, ast.ClassDef) and _wanted(node.name):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and _wanted(item.name):
                    record(f"{node.name}.{item.name}", item)
    return found


class SignatureRecorder:
    """Wrap a solution module's API; `covered` maps each qualified name to the optional
    parameters some outside call set at a non-default value."""

    def __init__(self, module: Any) -> None:
        self.covered: dict[str, set[str]] = {}
        self.home = os.path.realpath(getattr(module, "__file__", "") or "")
        for name, value in list(vars(module).items()):
            if not _wanted(name) or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                setattr(module, name, self._wrap(name, value))
            elif inspect.isclass(value):
                for attribute, method in list(vars(value).items()):
                    if inspect.isfunction(method) and _wanted(attribute):
                        setattr(value, attribute, self._wrap(f"{name}.{attribute}", method))

    def _wrap(self, qualified: str, function: Any) -> Any:
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            return function
        optional = {
            name: parameter.default
            for name, parameter in signature.parameters.items()
            if parameter.default is not inspect.Parameter.empty
        }
        if not optional:
            return function

        @functools.wraps(function)
        def recording(*args, **kwargs):
            if os.path.realpath(sys._getframe(1).f_code.co_filename) != self.home:
                self._note(qualified, signature, optional, args, kwargs)
            return function(*args, **kwargs)

        return recording

    def _note(self, qualified: str, signature, optional: dict, args: tuple, kwargs: dict) -> None:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            return
        for name, value in bound.arguments.items():
            if name in optional and not _same(value, optional[name]):
                self.covered.setdefault(qualified, set()).add(name)

    def report(self) -> dict[str, list[str]]:
        return {name: sorted(names) for name, names in self.covered.items()}


def _same(value: Any, default: Any) -> bool:
    if value is default:
        return True
    try:
        return type(value) is type(default) and bool(value == default)
    except Exception:  # noqa: BLE001 - arrays and odd objects: count them as set
        return False
