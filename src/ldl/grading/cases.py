"""Judge one case: turn the reference's value and the learner's message into an `Outcome`.

The learner's messages are untrusted: a case is judged from the *one* message the learner child
sent for it. A missing message (the process ended early), a duplicated one (something else wrote
to the results pipe), a value that is not plain data, or a malformed one all fail the case.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldl.grading import wire
from ldl.grading.compare import Mismatch, compare
from ldl.grading.diagnose import diagnose
from ldl.grading.sandbox import ChildRun
from ldl.grading.spec import Case
from ldl.grading.verdicts import GraderFault

MISSING = object()


@dataclass
class Outcome:
    """How one case went. `summary` and `details` explain a failure; `hints` suggest a fix."""

    passed: bool
    raised: bool = False
    summary: str = ""
    reason: str | None = None  # a few words for the list of cases
    details: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    got_value: Any = MISSING
    error_type: str | None = None  # the exception's class name, when the code raised


def values_by_case(run: ChildRun, count: int, trusted: bool) -> list[Any]:
    """Per case, the child's message (learner) or decoded value (reference: all must be there)."""
    found: dict[int, dict] = {}
    for message in run.messages:
        index = message.get("case")
        if "mistake" in message or type(index) is not int or not 0 <= index < count:
            continue
        found[index] = {"duplicate": True} if index in found else message
    if not trusted:
        return [found.get(index) for index in range(count)]
    values = []
    for index in range(count):
        message = found.get(index) or {}
        if "value" not in message:
            raise GraderFault(f"the reference solution gave no value for case {index}: {message}")
        try:
            values.append(wire.decode(message["value"]))
        except wire.WireError as exc:
            raise GraderFault(f"the reference value for case {index} is malformed: {exc}") from exc
    return values


def judge(meta: dict, expected: Any, message: dict | None, checks_file: Path) -> Outcome:
    """Compare one case; never raises for anything the learner's code sent."""
    name = meta["name"]
    if message is None:
        return Outcome(
            False, True, f"your code ended its process before check {name!r} returned a value", "no result"
        )
    if message.get("duplicate"):
        summary = f"check {name!r} got two results: does your code write to files it did not open?"
        return Outcome(False, summary=summary, reason="tampered")
    if isinstance(message.get("raised"), dict):
        kind = str(message["raised"].get("type"))
        summary, details = describe_raised(message["raised"], f"check {name!r}", meta.get("target"))
        return Outcome(False, True, summary, f"raised {kind}", details, error_type=kind)
    if "unsendable" in message:
        what = str(message["unsendable"])[:300]
        summary = f"check {name!r}: your code returned something that is not plain data: {what}"
        hint = "Return numpy arrays, numbers, strings, None, or lists, tuples and dicts of those."
        return Outcome(False, summary=summary, reason="not plain data", hints=[hint])
    try:
        got = wire.decode(message.get("value"))
    except (wire.WireError, ValueError) as exc:
        return Outcome(
            False, summary=f"check {name!r}: the result could not be read ({exc})", reason="unreadable"
        )
    mismatch = _mismatch(meta, expected, got, checks_file)
    if mismatch is None:
        return Outcome(True, got_value=got)
    shapes = [tuple(shape) for shape in meta.get("shapes", [])]
    return Outcome(
        False,
        summary=f"check {name!r}: {mismatch.where}: {mismatch.message}",
        reason=mismatch.message,
        details=mismatch.details,
        hints=diagnose(mismatch.expected, mismatch.got, shapes),
        got_value=got,
    )


def _mismatch(meta: dict, expected: Any, got: Any, checks_file: Path) -> Mismatch | None:
    rtol, atol = float(meta.get("rtol", 1e-5)), float(meta.get("atol", 1e-8))
    if not meta.get("compare"):
        return compare(expected, got, rtol, atol)
    rule = getattr(load_checks_module(checks_file), meta["compare"])
    case = Case(meta["name"], call=meta.get("target") or "?", rtol=rtol, atol=atol)
    message = rule(expected, got, case)
    return None if message is None else Mismatch("result", str(message), expected=expected, got=got)


_FRAME = re.compile(r'File ".*", line \d+, in (\S+)')


def describe_raised(error: dict, where: str, target: str | None = None) -> tuple[str, list[str]]:
    """A summary and the traceback lines (from the learner's files only) of an exception."""
    kind, message = str(error.get("type", "Exception")), str(error.get("message", ""))
    trace = [line for line in str(error.get("trace", "")).splitlines() if line.strip()]
    details = [*trace, f"{kind}: {message}" if message else kind]
    if kind == "NotImplementedError":
        # Name the learner's own function that raised (the last frame in their files), not the probe.
        frames = [m.group(1) for line in trace if (m := _FRAME.search(line))]
        name = frames[-1] if frames and frames[-1] != "<module>" else target
        what = f"`{name}`" if name else "the code"
        return f"{what} is not implemented yet (it still raises NotImplementedError) in {where}", details
    if kind in ("SystemExit", "KeyboardInterrupt"):
        return f"your code tried to stop the program ({kind}) during {where}", details
    return f"your code raised {kind} during {where}: {message[:200]}", details


def mistake_hints(
    reference: ChildRun, index: int, got: Any, meta: dict, mistakes: dict[str, Path]
) -> list[str]:
    """Docstrings of the known-mistake modules whose value for this case equals the learner's."""
    if got is MISSING:
        return []
    rtol, atol = float(meta.get("rtol", 1e-5)), float(meta.get("atol", 1e-8))
    hints = []
    for message in reference.messages:
        name = message.get("mistake")
        if name not in mistakes or message.get("case") != index:
            continue
        try:
            value = wire.decode(message["value"])
        except wire.WireError:
            continue
        if compare(value, got, rtol, atol) is None:
            hints.append(mistake_docstring(mistakes[name]))
    return [hint for hint in hints if hint]


def mistake_docstring(path: Path) -> str:
    """A mistake module's docstring, read without running it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return (ast.get_docstring(tree) or "").strip()


def load_checks_module(checks_file: Path) -> Any:
    """The checks module in the parent, for cases with a custom `compare=` rule (trusted content)."""
    spec = importlib.util.spec_from_file_location("_ldl_checks_parent", checks_file)
    if spec is None or spec.loader is None:
        raise GraderFault(f"cannot load {checks_file}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
