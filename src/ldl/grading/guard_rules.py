"""What the guards' findings mean: the parent turns a child's raw findings into failures.

The sandbox child (case_guards.py) only *reports* what happened around a call; here, in the
trusted parent, the case's settings (sent by the reference child, see `Case.guards`) decide which
findings fail the case, and each failure gets words a learner can act on: which argument, which
warning at which line, which budget and why it matters.

Also here: the static half of `forbid:` and `imports:` (an AST scan of the learner's file, run
before any child starts).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIME_FLOOR_SECONDS = 0.1  # timing noise on a busy machine: never fail below this
MEMORY_FLOOR_BYTES = {  # small helpers and caches: never fail below this, per way of measuring
    "traced": 2 * 2**20,  # tracemalloc: exact bytes allocated by Python and numpy
    "rss": 16 * 2**20,  # the resident high-water mark: whole pages, allocator slack
}
ALWAYS_IMPORTABLE = frozenset(
    {"__future__", "typing", "collections", "dataclasses", "functools", "itertools", "math", "abc"}
    | {"enum", "numbers", "operator", "types"}
)  # the same list as case_guards.ALWAYS_IMPORTABLE (the child cannot import this module late)


@dataclass
class GuardFailure:
    """One guard that failed a case. `key` lets a known mistake with the same finding match."""

    guard: str  # mutation, aliasing, fp_warnings, global_random, forbidden, imports, time, memory
    key: str
    summary: str
    details: list[str] = field(default_factory=list)
    hint: str = ""


def failures(meta: dict, found: dict | None, reference: dict | None = None) -> list[GuardFailure]:
    """The failures among `found` (one child's findings for a case) under the case's settings;
    `reference` (the reference's findings) is the baseline for the time and memory budgets."""
    if not isinstance(found, dict):
        return []
    settings = meta.get("guards") or {}
    target = meta.get("target") or "the function"
    result = [
        *_forbidden(found),
        *_mutations(found, settings, meta, target),
        *_aliases(found, settings, meta, target),
        *_fp_warnings(found, settings),
        *_global_random(found, settings),
    ]
    if reference is not None:
        result += _budgets(found, reference, settings)
    return result


def _argument(where: dict, meta: dict, target: str) -> tuple[str, str]:
    """(the argument's name, 'argument 2 of softmax') for a finding's `index` or `key`."""
    if "key" in where:
        return str(where["key"]), f"keyword argument of {target}"
    index = int(where.get("index", 0))
    names = meta.get("params") or []
    name = str(names[index]) if index < len(names) else f"arg{index + 1}"
    return name, f"argument {index + 1} of {target}"


def _mutations(found: dict, settings: dict, meta: dict, target: str) -> list[GuardFailure]:
    allowed = set(settings.get("mutates") or ())
    for change in found.get("mutated") or []:
        name, position = _argument(change, meta, target)
        if name in allowed:
            continue
        inside = str(change.get("path") or "")
        where = f"`{name}{inside}`: " if inside else ""
        summary = (
            f"your code changed its input `{name}` in place ({position}): "
            f"{where}{change.get('detail', 'it changed')}"
        )
        hint = (
            "The caller still needs its data after your function returns, so leave inputs as they are: "
            "build new arrays (`x - m`, not `x -= m`) or work on a copy (`x = x.copy()`)."
        )
        return [GuardFailure("mutation", f"mutation:{name}", summary, hint=hint)]
    return []


def _aliases(found: dict, settings: dict, meta: dict, target: str) -> list[GuardFailure]:
    if settings.get("may_alias"):
        return []
    changed_in_place = set(settings.get("mutates") or ())
    for alias in found.get("aliases") or []:
        output = alias.get("output") or "result"
        if "other_output" in alias:
            summary = (
                f"two of your results, `{alias['other_output']}` and `{output}`, are the same array "
                "(they share memory)"
            )
            hint = (
                "Changing one would silently change the other: return a separate array for each result "
                "(e.g. `.copy()` one of them)."
            )
            return [GuardFailure("aliasing", "aliasing:outputs", summary, hint=hint)]
        name, position = _argument(alias.get("input") or {}, meta, target)
        if name in changed_in_place:
            continue  # a probe that shows the arrays the statement asks to change in place
        summary = (
            f"your result `{output}` shares memory with the input `{name}` ({position}): "
            "it is the input itself or a view of it"
        )
        hint = (
            "When the caller later changes its input, your result would change with it (and the other "
            "way round). Return a new array: compute a fresh one, or `.copy()` the input."
        )
        return [GuardFailure("aliasing", "aliasing:input", summary, hint=hint)]
    return []


def _fp_warnings(found: dict, settings: dict) -> list[GuardFailure]:
    warnings = found.get("fp_warnings") or []
    if settings.get("fp_warnings") is False or not warnings:
        return []
    first = warnings[0]
    place = f"line {first.get('line')} of your file"
    if not first.get("own"):
        place = f"{first.get('file')}, line {first.get('line')} (inside a library function your code called)"
    kind = str(first.get("message", "")).split(" encountered")[0]
    summary = f'numpy warned "{first.get("message")}" at {place}'
    if first.get("source"):
        summary += f": `{first['source']}`"
    details = [f"numpy warning: {w.get('message')} ({w.get('file')}, line {w.get('line')})" for w in warnings]
    hint = (
        "A floating-point warning means an intermediate value overflowed to inf, became NaN, or was "
        "divided by zero, even if the final numbers look fine here; on other inputs they will not. "
        "Rewrite that step so it stays finite (e.g. subtract the maximum before `np.exp`, clip before "
        "`np.log`, guard a division)."
    )
    return [GuardFailure("fp_warnings", f"fp_warnings:{kind}", summary, details, hint)]


def _global_random(found: dict, settings: dict) -> list[GuardFailure]:
    uses = found.get("global_random") or []
    if settings.get("global_random") is True or not uses:
        return []
    summary = f"your code used {uses[0]} instead of the random generator it was given"
    hint = (
        "Hidden global random state makes results depend on whatever ran before and impossible to "
        "reproduce: draw every random number from the generator passed in (e.g. `rng.normal(...)`, "
        "`rng.permutation(n)`), and never call `np.random.seed`."
    )
    return [GuardFailure("global_random", "global_random", summary, hint=hint)]


def _forbidden(found: dict) -> list[GuardFailure]:
    for hit in found.get("forbidden") or []:
        summary = (
            f"your code called `{hit.get('name')}`, which this exercise does not allow: {hit.get('reason')}"
        )
        return [GuardFailure("forbidden", f"forbidden:{hit.get('name')}", summary)]
    for hit in found.get("imports") or []:
        summary = f"your code imported `{hit.get('module')}`, which this exercise does not allow"
        return [GuardFailure("imports", f"imports:{hit.get('module')}", summary)]
    return []


def _budgets(found: dict, reference: dict, settings: dict) -> list[GuardFailure]:
    result = []
    factor, spent, baseline = (
        settings.get("time_factor"),
        _number(found, "elapsed"),
        _number(reference, "elapsed"),
    )
    if factor and spent is not None and baseline is not None:
        budget = factor * baseline + TIME_FLOOR_SECONDS
        if spent > budget:
            summary = (
                f"your code took {spent:.3g} s on this check, the reference {baseline:.3g} s "
                f"(the budget is {factor:g} x the reference + {TIME_FLOOR_SECONDS:g} s)"
            )
            hint = (
                "The statement asks for vectorised code: a Python loop over array elements is usually "
                "the culprit; express the step as whole-array operations (broadcasting, "
                "`np.sum(..., axis=)`)."
            )
            result.append(GuardFailure("time", "time", summary, hint=hint))
    factor, peak, baseline = settings.get("memory_factor"), _number(found, "peak"), _number(reference, "peak")
    method = found.get("peak_method")
    if factor and peak is not None and baseline is not None and method == reference.get("peak_method"):
        floor = MEMORY_FLOOR_BYTES.get(str(method), MEMORY_FLOOR_BYTES["rss"])
        budget = factor * baseline + floor
        if peak > budget:
            summary = (
                f"your code allocated up to {_mb(peak)} at once on this check, the reference {_mb(baseline)} "
                f"(the budget is {factor:g} x the reference + {_mb(floor)})"
            )
            hint = (
                "An intermediate array is far bigger than the answer needs: an n x n matrix where a vector "
                "would do (e.g. a full Jacobian where a vector-Jacobian product is asked for), or a big "
                "broadcast you could avoid."
            )
            result.append(GuardFailure("memory", "memory", summary, hint=hint))
    return result


def _number(findings: dict, key: str) -> float | None:
    value = findings.get(key)
    return float(value) if type(value) in (int, float) and value >= 0 else None


def _mb(size: float) -> str:
    return f"{size / 2**20:.1f} MB"


# ---- static checks of the learner's file ----------------------------------------------------


def static_problems(
    source: Path, forbid: dict[str, str], allowed: list[str] | None, exercise_id: str
) -> list[str]:
    """Forbidden names and imports outside the allow-list, found by reading the file (no run)."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []  # the child reports a file that does not parse, with its traceback
    aliases: dict[str, str] = {}  # local name -> dotted module or attribute it stands for
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                aliases[alias.asname or top] = alias.name if alias.asname else top
                problems += _import_problems(alias.name, forbid, allowed, exercise_id)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            problems += _import_problems(node.module, forbid, allowed, exercise_id)
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = dotted
                problems += _forbid_problems(dotted, forbid, exercise_id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node, aliases)
            if dotted:
                problems += _forbid_problems(dotted, forbid, exercise_id)
    return list(dict.fromkeys(problems))


def _import_problems(
    module: str, forbid: dict[str, str], allowed: list[str] | None, exercise_id: str
) -> list[str]:
    problems = _forbid_problems(module, forbid, exercise_id)
    top = module.split(".")[0]
    if allowed is not None and top not in set(allowed) | ALWAYS_IMPORTABLE:
        problems.append(
            f"your file imports `{top}`, which {exercise_id} does not allow: it may import "
            f"{', '.join(allowed)} (and language helpers such as `typing`)"
        )
    return problems


def _forbid_problems(dotted: str, forbid: dict[str, str], exercise_id: str) -> list[str]:
    return [
        f"{exercise_id} must not use {name}: {reason}"
        for name, reason in forbid.items()
        if dotted == name or dotted.startswith(name + ".")
    ]


def _dotted(node: Any, aliases: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in aliases:
        return None
    return ".".join([aliases[node.id], *reversed(parts)])
