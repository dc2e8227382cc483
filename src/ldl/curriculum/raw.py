"""One exercise read straight from its exercise.yaml, without pydantic, for the grader's early start.

`ldl check ID` starts the learner's sandboxed child before the CLI has imported its content models
(pydantic builds them at import time, ~0.2 s): the child and those imports then run side by side
on two cores (ldl.grading.early). What the early start needs from an exercise is read here with
plain YAML; the defaults and the two derived values (the guard settings, the allowed imports) are
defined once, here, and the validated `ldl.curriculum.items.Exercise` uses the same definitions.

The early start is only a guess: the grader keeps its child only when the job built from this
reading equals the one built from the validated exercise (tests/grading/test_early_start.py checks
that it does for every exercise in the content tree). Anything odd here (a missing file, invalid
YAML, a field of the wrong type) returns None and the check takes the ordinary path, which reports
the problem properly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ldl.paths import CONTENT_ROOT

if TYPE_CHECKING:
    from ldl.workspace import Workspace

DEFAULT_BUDGET_SECONDS = 10.0
DEFAULT_MEMORY_MB = 512
BASE_IMPORTS = ("numpy", "math")  # what any exercise may import, beside its `requires` and `uses`


def guard_settings(given: dict[str, Any]) -> dict[str, Any]:
    """The guard settings an exercise.yaml `guards:` block gives (its `reason` aside). An explicit
    `memory_factor: null` is a setting (no memory budget); other nulls mean "not given"."""
    values = {k: v for k, v in given.items() if k != "reason" and (v is not None or k == "memory_factor")}
    if "mutates" in values:
        values["mutates"] = tuple(values["mutates"])
    return values


def allowed_imports(imports: list[str] | None, requires: list[str], uses: list[str]) -> list[str]:
    """What the learner's file may import: `imports`, else numpy and math plus `requires` and `uses`."""
    if imports is not None:
        return list(imports)
    return list(dict.fromkeys([*BASE_IMPORTS, *requires, *uses]))


class ExerciseFiles:
    """The files of an exercise folder (shared by the validated model and the raw reading), from
    its `id`, `folder` and `stage_dir`."""

    @property
    def statement_path(self) -> Path:
        return self.folder / "statement.md"

    @property
    def starter_path(self) -> Path:
        return self.folder / "starter.py"

    @property
    def solution_path(self) -> Path:
        return self.folder / "solution.py"

    @property
    def checks_path(self) -> Path:
        return self.folder / "checks.py"

    @property
    def mistakes_dir(self) -> Path:
        return self.folder / "mistakes"

    def learner_path(self, workspace: Workspace) -> Path:
        return workspace.exercises_dir / self.stage_dir / f"{self.id}.py"


class RawGuards(dict):
    """The `guards:` block as given, with the validated model's `settings()`."""

    def settings(self) -> dict[str, Any]:
        return guard_settings(self)


@dataclass
class RawExercise(ExerciseFiles):
    """The fields of exercise.yaml that grading needs, unvalidated (see the module docstring)."""

    id: str
    folder: Path
    stage_dir: str
    budget_seconds: float = DEFAULT_BUDGET_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    requires: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    guards: RawGuards = field(default_factory=RawGuards)
    forbid: list[SimpleNamespace] = field(default_factory=list)
    imports: list[str] | None = None

    @property
    def allowed_imports(self) -> list[str]:
        return allowed_imports(self.imports, self.requires, self.uses)


def read_exercise(exercise_id: str, root: Path = CONTENT_ROOT) -> RawExercise | None:
    """The exercise `exercise_id` as its exercise.yaml states it, or None when anything is odd."""
    import yaml

    if not exercise_id.replace("_", "").isalnum():
        return None
    found = sorted(root.glob(f"stages/*/exercises/{exercise_id}/exercise.yaml"))
    if len(found) != 1:
        return None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(found[0].read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        if not isinstance(data, dict) or data.get("id") != exercise_id:
            return None
        folder = found[0].parent
        return RawExercise(
            id=exercise_id,
            folder=folder,
            stage_dir=folder.parents[1].name,
            budget_seconds=float(data.get("budget_seconds", DEFAULT_BUDGET_SECONDS)),
            memory_mb=int(data.get("memory_mb", DEFAULT_MEMORY_MB)),
            requires=list(data.get("requires") or []),
            uses=list(data.get("uses") or []),
            guards=RawGuards(_floats(data.get("guards") or {})),
            forbid=[SimpleNamespace(name=f["name"], reason=f["reason"]) for f in data.get("forbid") or []],
            imports=None if data.get("imports") is None else list(data["imports"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError):
        return None


def _floats(guards: dict[str, Any]) -> dict[str, Any]:
    """The factors as floats, as the validated model holds them."""
    return {k: float(v) if k.endswith("_factor") and v is not None else v for k, v in guards.items()}
