"""How a capstone notebook reports its results, and how the checker verifies them.

The notebook writes `results.json` in its own folder (plain `json.dump`, no ldl needed, so the
project runs anywhere):

    {
      "metric": "test_accuracy",          # what the numbers are
      "higher_is_better": true,
      "seeds": [0, 1, 2],                 # training seeds (Capstone I >= 3, Capstone II >= 5)
      "model": [0.95, 0.96, 0.95],        # the metric for each seed, on the held-out data
      "baseline": [0.90, 0.91, 0.90],     # the baseline's, beside it (per seed, or one number)
      "baseline_name": "logistic regression on raw pixels",
      "summary": {"model": {...}, "baseline": {...}},
      "test_evaluations": 1,              # Capstone I: how often the test set was evaluated
      "eval_seeds": [1000, 1001, ...],    # Capstone II: environment seeds never trained on
      "video": "figures/agent.gif"        # Capstone II: the agent in action
    }

`summary` holds, for Capstone I, `{"mean": m, "std": s}` (the standard deviation over seeds, with
n or n - 1 in the denominator) and, for Capstone II, `{"iqm": m, "ci_low": a, "ci_high": b}`:
the interquartile mean (the mean of the middle half of the per-seed values, so one lucky or
unlucky seed cannot carry the result) and a bootstrap confidence interval around it, as
Agarwal et al. (2021, https://arxiv.org/abs/2108.13264) recommend. The checker recomputes the
mean, the spread and the IQM from the per-seed values; a summary that does not match them fails.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

RESULTS_FILE = "results.json"
TOLERANCE = 1e-6  # relative, when comparing a reported summary with the recomputed one


def read_results(folder: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(the parsed results, None) or (None, what is wrong with the file)."""
    path = folder / RESULTS_FILE
    if not path.is_file():
        return None, f"the notebook wrote no {RESULTS_FILE}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, f"{RESULTS_FILE} is not valid JSON ({error})"
    if not isinstance(data, dict):
        return None, f"{RESULTS_FILE} holds a {type(data).__name__}, not an object"
    missing = [key for key in ("metric", "seeds", "model", "baseline", "summary") if key not in data]
    if missing:
        return None, f"{RESULTS_FILE} lacks {', '.join(missing)}"
    return data, None


def numbers(value: Any) -> list[float]:
    """A number or a list of numbers as a list of floats (an empty list for anything else)."""
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return []
    return [float(v) for v in values]


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def std(values: list[float], ddof: int) -> float:
    if len(values) <= ddof:
        return 0.0
    centre = mean(values)
    return math.sqrt(sum((v - centre) ** 2 for v in values) / (len(values) - ddof))


def iqm(values: list[float]) -> float:
    """Interquartile mean: drop the lowest and highest quarter (int(n / 4) values each), average
    the rest (the same as scipy.stats.trim_mean(values, 0.25))."""
    ordered = sorted(values)
    cut = int(0.25 * len(ordered))
    middle = ordered[cut : len(ordered) - cut]
    return mean(middle)


def close(a: Any, b: float) -> bool:
    return isinstance(a, (int, float)) and math.isclose(float(a), b, rel_tol=TOLERANCE, abs_tol=1e-9)


def summary_problems(data: dict[str, Any], kind: str) -> list[str]:
    """What is wrong with the summary of the model and the baseline (empty when it is right)."""
    problems = []
    summary = data.get("summary")
    if not isinstance(summary, dict):
        return ["`summary` is not an object with `model` and `baseline`"]
    for who in ("model", "baseline"):
        values, stated = numbers(data.get(who)), summary.get(who)
        if not values:
            problems.append(f"`{who}` is not a number or a list of numbers")
        elif not isinstance(stated, dict):
            problems.append(f"`summary.{who}` is missing")
        elif kind == "mean_std":
            if not close(stated.get("mean"), mean(values)):
                problems.append(f"`summary.{who}.mean` is not the mean of `{who}` ({mean(values):.6g})")
            if not any(close(stated.get("std"), std(values, ddof)) for ddof in (0, 1)):
                problems.append(f"`summary.{who}.std` is not the standard deviation of `{who}`")
        else:
            low, high, centre = stated.get("ci_low"), stated.get("ci_high"), iqm(values)
            if not close(stated.get("iqm"), centre):
                problems.append(
                    f"`summary.{who}.iqm` is not the interquartile mean of `{who}` ({centre:.6g})"
                )
            if not (numbers(low) and numbers(high) and low <= centre + 1e-9 and centre - 1e-9 <= high):
                problems.append(f"`summary.{who}` needs `ci_low` <= iqm <= `ci_high` (a bootstrap interval)")
    return problems


def same_results(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """The reported values that differ between two runs (model, baseline, summary)."""
    differing = []
    for key in ("model", "baseline"):
        a, b = numbers(first.get(key)), numbers(second.get(key))
        if len(a) != len(b) or not all(
            math.isclose(x, y, rel_tol=TOLERANCE, abs_tol=1e-9) for x, y in zip(a, b)
        ):
            differing.append(f"{key}: {first.get(key)} then {second.get(key)}")
    return differing
