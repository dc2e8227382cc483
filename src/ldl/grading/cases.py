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

from ldl.grading import guard_rules, wire
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
    error_message: str = ""  # and its message
    guard_keys: list[str] = field(default_factory=list)  # the guards that failed (guard_rules.py)
    value_ok: bool = False  # the value matched: only a guard failed


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


# How an author switches each guard off (for the grader_error a reference solution trips).
OPT_OUT = {
    "mutation": "mutates=('name',)",
    "aliasing": "may_alias=True",
    "fp_warnings": "fp_warnings=False",
    "global_random": "global_random=True",
    "forbidden": "a smaller `forbid:` list in exercise.yaml",
    "imports": "`imports:` in exercise.yaml",
}


def reference_findings(reference: ChildRun, metas: list[dict]) -> list[dict]:
    """Per case, the reference's guard findings (the baseline for time and memory budgets).
    A guard the reference solution itself trips is ldl's fault: raise a GraderFault naming it."""
    found: dict[int, dict] = {}
    for message in reference.messages:
        index = message.get("case")
        if "mistake" not in message and type(index) is int and 0 <= index < len(metas):
            found[index] = message.get("guards") if isinstance(message.get("guards"), dict) else {}
    for index, meta in enumerate(metas):
        tripped = guard_rules.failures(meta, found.get(index))
        if tripped:
            first = tripped[0]
            raise GraderFault(
                f"the reference solution trips the {first.guard} guard on case {meta['name']!r}: "
                f"{first.summary}. Fix the reference, or, if the statement asks for this, opt out for that "
                f"case in checks.py with {OPT_OUT.get(first.guard, 'the guard switched off')} and "
                "reason='...' (see docs/grading.md, Guards)"
            )
    return [found.get(index, {}) for index in range(len(metas))]


def judge(
    meta: dict, expected: Any, message: dict | None, checks_file: Path, reference: dict | None = None
) -> Outcome:
    """Compare one case (value, then guards); never raises for anything the learner's code sent.
    `reference` is the reference's guard findings for the case (time and memory baselines)."""
    name = meta["name"]
    if message is None:
        return Outcome(
            False, True, f"your code ended its process before check {name!r} returned a value", "no result"
        )
    if message.get("duplicate"):
        summary = f"check {name!r} got two results: does your code write to files it did not open?"
        return Outcome(False, summary=summary, reason="tampered")
    tripped = guard_rules.failures(meta, message.get("guards"), reference)
    keys = [failure.key for failure in tripped]
    refused = [failure for failure in tripped if failure.guard in ("forbidden", "imports")]
    if refused:
        return Outcome(
            False, summary=f"check {name!r}: {refused[0].summary}", reason=refused[0].guard, guard_keys=keys
        )
    if isinstance(message.get("raised"), dict):
        kind = str(message["raised"].get("type"))
        summary, details = describe_raised(message["raised"], f"check {name!r}", meta.get("target"))
        message_text = str(message["raised"].get("message", ""))
        return Outcome(
            False, True, summary, f"raised {kind}", details, error_type=kind, error_message=message_text
        )
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
    if mismatch is None and not tripped:
        return Outcome(True, got_value=got)
    guard_hints = [failure.hint for failure in tripped if failure.hint]
    if mismatch is None:  # the right value, got the wrong way
        first = tripped[0]
        return Outcome(
            False,
            summary=f"check {name!r}: {first.summary}",
            reason=first.guard,
            details=[line for failure in tripped for line in failure.details],
            hints=guard_hints,
            got_value=got,
            guard_keys=keys,
            value_ok=True,
        )
    shapes = [tuple(shape) for shape in meta.get("shapes", [])]
    also = [f"also: {failure.summary}" for failure in tripped]
    return Outcome(
        False,
        summary=f"check {name!r}: {mismatch.where}: {mismatch.message}",
        reason=mismatch.message,
        details=[*mismatch.details, *also],
        hints=guard_hints + diagnose(mismatch.expected, mismatch.got, shapes),
        got_value=got,
        guard_keys=keys,
    )


def _mismatch(meta: dict, expected: Any, got: Any, checks_file: Path) -> Mismatch | None:
    rtol, atol = float(meta.get("rtol", 1e-5)), float(meta.get("atol", 1e-8))
    exact = bool((meta.get("guards") or {}).get("exact_dtype", False))
    if not meta.get("compare"):
        return compare(expected, got, rtol, atol, exact_dtype=exact)
    rule = getattr(load_checks_module(checks_file), meta["compare"])
    case = Case(meta["name"], call=meta.get("target") or "?", rtol=rtol, atol=atol)
    message = rule(expected, got, case)
    return None if message is None else Mismatch("result", str(message), expected=expected, got=got)


_FRAME = re.compile(r'File ".*", line \d+, in (\S+)')


def refused_names(source: Path, forbid: dict[str, str], allowed: Any, exercise_id: str) -> list[str]:
    """Forbidden names and disallowed imports in the learner's file (guard_rules.static_problems)."""
    return guard_rules.static_problems(
        source, forbid, None if allowed is None else list(allowed), exercise_id
    )


def static_mistake_hints(
    refused: list[str], mistakes: dict[str, Path], forbid: dict[str, str], allowed: Any, exercise_id: str
) -> list[str]:
    """Docstrings of the known mistakes that the same reading of the file refuses the same way (the
    same forbidden name or import: `library_shortcut.py`), for a learner's file refused before it ran."""
    hints = []
    for path in mistakes.values():
        if set(refused_names(path, forbid, allowed, exercise_id)) & set(refused):
            hints.append(mistake_docstring(path))
    return [hint for hint in hints if hint]


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
    reference: ChildRun,
    index: int,
    outcome: Outcome,
    meta: dict,
    mistakes: dict[str, Path],
    baseline: dict | None = None,
) -> list[str]:
    """Docstrings of the known-mistake modules that failed this case the way the learner did: the
    same guard finding (e.g. both changed the input `x`), the same exception, or else the same value."""
    got = outcome.got_value
    rtol, atol = float(meta.get("rtol", 1e-5)), float(meta.get("atol", 1e-8))
    exact = bool((meta.get("guards") or {}).get("exact_dtype", False))
    hints = []
    for message in reference.messages:
        name = message.get("mistake")
        if name not in mistakes or message.get("case") != index:
            continue
        if outcome.guard_keys:
            theirs = {failure.key for failure in guard_rules.failures(meta, message.get("guards"), baseline)}
            if theirs & set(outcome.guard_keys):
                hints.append(mistake_docstring(mistakes[name]))
                continue
        if outcome.raised:
            if _same_exception(outcome, message.get("raised")):
                hints.append(mistake_docstring(mistakes[name]))
            continue
        if outcome.value_ok or got is MISSING or "value" not in message:
            continue  # a right value matches every mistake that is right here: say nothing
        try:
            value = wire.decode(message["value"])
        except wire.WireError:
            continue
        if compare(value, got, rtol, atol, exact_dtype=exact) is None:
            hints.append(mistake_docstring(mistakes[name]))
    return [hint for hint in hints if hint]


# Exceptions whose message says where a limit happened to hit, not what went wrong: the type is enough.
SAME_BY_TYPE = ("RecursionError",)


def _same_exception(outcome: Outcome, theirs: Any) -> bool:
    """Whether a mistake raised what the learner's code raised on the same case (type and message)."""
    if not isinstance(theirs, dict) or outcome.error_type in (None, "NotImplementedError"):
        return False
    if theirs.get("type") != outcome.error_type:
        return False
    return outcome.error_type in SAME_BY_TYPE or str(theirs.get("message")) == outcome.error_message[:500]


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
