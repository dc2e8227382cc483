"""What the exercise commands do, as pure-ish functions that return typed results.

The CLI (`ldl.cli.exercises`) only parses arguments and renders; everything it prints comes from
here: grading a learner's file and recording the attempt, the next hint, the reference solution
(only after a pass or a recorded give-up), and the list of exercises with their status.

The progress store is passed in (anything with the `ProgressStore` methods), so tests use a fake.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ldl.errors import LdlError, require_full_install
from ldl.grading import early
from ldl.grading.runner import Lookup, grade, job_for
from ldl.grading.verdicts import GradeResult, Verdict
from ldl.workspace import Workspace

if TYPE_CHECKING:  # `ldl check` grades without importing the content models (see ldl.curriculum.raw)
    from ldl.curriculum.items import Exercise


class Store(Protocol):
    """The part of `ldl.progress.store.ProgressStore` this module uses."""

    def record_attempt(
        self, exercise_id: str, verdict: str, duration_s: float, feedback_digest: str = ""
    ) -> str: ...
    def attempts(self, exercise_id: str | None = None) -> list: ...
    def record_hint(self, exercise_id: str, level: int) -> str: ...
    def hints_used(self, exercise_id: str) -> int: ...
    def record_give_up(self, exercise_id: str) -> str: ...
    def gave_up(self, exercise_id: str) -> bool: ...


def ensure_learner_file(exercise: Exercise, workspace: Workspace) -> Path:
    """The learner's file for `exercise`, created from the starter if it is missing."""
    path = exercise.learner_path(workspace)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(exercise.starter_path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@dataclass
class CheckResult:
    """A graded attempt: the grading itself, where the file is, and whether it was recorded."""

    grade: GradeResult
    learner_file: Path
    recorded: bool


def check(exercise: Exercise, workspace: Workspace, store: Store, lookup: Lookup) -> CheckResult:
    """Grade the learner's file and record the attempt (ldl's own faults are not recorded)."""
    require_full_install(f"The exercise {exercise.id}", exercise.requires)  # a light install: no torch
    path = ensure_learner_file(exercise, workspace)
    job = job_for(exercise, path, lookup, workspace)
    result = grade(job, early.take(job))
    recorded = result.verdict.counts_as_attempt
    if recorded:
        store.record_attempt(exercise.id, result.verdict.value, result.duration_s, feedback_digest(result))
    return CheckResult(result, path, recorded)


def feedback_digest(result: GradeResult) -> str:
    """16 hex digits that are equal when the same case fails the same way (to spot repeated mistakes)."""
    key = "|".join([result.verdict.value, result.failing_case or "", *(result.hints[:1] or [result.summary])])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class HintResult:
    exercise_id: str
    level: int  # 1-based
    total: int
    text: str
    more: bool  # whether a further hint exists


def next_hint(exercise: Exercise, store: Store) -> HintResult:
    """The next hint level for the exercise (the last one again once all are used), recorded."""
    level = min(store.hints_used(exercise.id) + 1, len(exercise.hints))
    store.record_hint(exercise.id, level)
    return HintResult(
        exercise.id, level, len(exercise.hints), exercise.hints[level - 1], level < len(exercise.hints)
    )


@dataclass
class SolutionResult:
    exercise_id: str
    path: Path
    text: str
    gave_up: bool  # True when it was unlocked by giving up rather than by passing


def has_passed(exercise_id: str, store: Store) -> bool:
    return any(attempt.verdict == Verdict.PASS.value for attempt in store.attempts(exercise_id))


def reveal_solution(exercise: Exercise, store: Store, give_up: bool) -> SolutionResult:
    """The reference solution, after a pass, or after giving up (which is recorded)."""
    passed = has_passed(exercise.id, store)
    if not passed and not store.gave_up(exercise.id):
        if not give_up:
            raise LdlError(
                f"The solution of `{exercise.id}` unlocks once you pass it.",
                hint=f"Try `ldl hint {exercise.id}` first. To give up and see it anyway: "
                f"`ldl solution {exercise.id} --give-up`.",
            )
        store.record_give_up(exercise.id)
    text = exercise.solution_path.read_text(encoding="utf-8")
    return SolutionResult(exercise.id, exercise.solution_path, text, gave_up=not passed)


@dataclass
class ExerciseStatus:
    id: str
    title: str
    unit: str
    status: str  # passed | attempted | gave_up | not_started
    attempts: int
    hints_used: int
    hints_total: int


def exercise_statuses(exercises: Sequence[Exercise], store: Store) -> list[ExerciseStatus]:
    """Every exercise in curriculum order with what the learner did about it."""
    rows = []
    for exercise in exercises:
        attempts = store.attempts(exercise.id)
        if any(attempt.verdict == Verdict.PASS.value for attempt in attempts):
            status = "passed"
        elif store.gave_up(exercise.id):
            status = "gave_up"
        else:
            status = "attempted" if attempts else "not_started"
        used = store.hints_used(exercise.id)
        rows.append(
            ExerciseStatus(
                exercise.id, exercise.title, exercise.unit, status, len(attempts), used, len(exercise.hints)
            )
        )
    return rows


def first_unpassed(exercises: Sequence[Exercise], store: Store) -> Exercise | None:
    """The first exercise in curriculum order that the learner has not passed."""
    return next((exercise for exercise in exercises if not has_passed(exercise.id, store)), None)
