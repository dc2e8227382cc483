"""What a running lab imports: `FAST` (shrink the work for CI) and `report(...)` (key metrics).

    from ldl.notebooks.lab import FAST, report
    epochs = 1 if FAST else 10
    ...
    chance = 1 / 10
    report(accuracy=0.91, expect={"accuracy": (">", chance + 0.3)})

`report` appends one JSON line to the file named by LDL_LAB_REPORT, which the notebook runner sets
and reads back; outside the runner it prints the metrics instead. Standard library only.

`expect` is what the lab claims: {metric: (operator, threshold)} with operator one of ">", ">=",
"<", "<=". Each reported value is checked against its threshold, and a value on the wrong side
raises an AssertionError inside the lab, so the lab's run fails (and `ldl tour` shows it). Derive
each threshold from a baseline the lab computes itself (chance accuracy, the loss of predicting
the mean, the unigram entropy of a text...), so that a model that learned nothing fails it.
Every lab declares at least one (tests/test_labs_execute.py checks this).
"""

from __future__ import annotations

import json
import math
import operator
import os

FAST: bool = os.environ.get("LDL_FAST", "") not in ("", "0", "false", "False")

COMPARISONS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}


def check_expectations(metrics: dict, expect: dict) -> list[str]:
    """The expectations `metrics` fail, as readable sentences (empty when all hold).

    A metric that was not reported, an unknown operator or a NaN value fails."""
    failures = []
    for name, (symbol, threshold) in expect.items():
        if symbol not in COMPARISONS:
            failures.append(f"{name}: unknown comparison {symbol!r} (use one of {', '.join(COMPARISONS)})")
        elif name not in metrics:
            failures.append(f"{name}: expected {symbol} {threshold:.4g}, but it was not reported")
        elif isinstance(metrics[name], float) and math.isnan(metrics[name]):
            failures.append(f"{name} is NaN; expected {symbol} {threshold:.4g}")
        elif not COMPARISONS[symbol](metrics[name], threshold):
            failures.append(f"{name} = {metrics[name]:.4g}, but the lab expects {symbol} {threshold:.4g}")
    return failures


def report(expect: dict[str, tuple[str, float]] | None = None, **metrics: float | int | str) -> None:
    """Record the lab's key metrics (the first one is the headline shown by `ldl tour`), then
    check them against `expect` (see the module docstring): AssertionError if one fails."""
    clean = {k: (v.item() if hasattr(v, "item") else v) for k, v in metrics.items()}
    target = os.environ.get("LDL_LAB_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(clean) + "\n")
    else:
        print("lab metrics:", ", ".join(f"{k}={v}" for k, v in clean.items()))
    failures = check_expectations(clean, {k: (s, float(t)) for k, (s, t) in (expect or {}).items()})
    if failures:
        raise AssertionError(
            "This lab did not reach what it sets out to show:\n  "
            + "\n  ".join(failures)
            + "\nA model that learned as intended passes these thresholds; look at the cells above "
            "for what went differently (a changed learning rate, too few epochs, a bug)."
        )
