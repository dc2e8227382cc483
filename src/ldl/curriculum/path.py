"""The learner's path: each unit's status, the course map, and the single next thing to do.

Everything here is a pure function of the content (`Curriculum`) and what the learner did
(`Progress`, plain data that the CLI reads from the progress store), so it is easy to test.

A unit's status, by precedence:

    done         the learner said so (`ldl done`), or every lab and exercise of it is complete
                 (a lab run to the end or marked done; an exercise passed or given up on)
    skipped      the learner said so (`ldl skip`)
    in_progress  the learner started one of its items (or said so)
    optional     the current goal leaves it out (its `optional_for` lists the goal)
    available    every prerequisite is done, skipped or left out by the goal
    locked       otherwise

Because prerequisites always name earlier units (the syllabus loader enforces it), the first unit
that is neither finished nor left out is always startable: `next_step` never gets stuck.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ldl.curriculum.items import Exercise, Lab, load_exercises, load_labs
from ldl.curriculum.syllabus import Syllabus, Unit, load_syllabus

LAB_COMPLETE = frozenset({"ok", "done"})  # lab-run statuses that count as finishing the lab


class UnitState(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    IN_PROGRESS = "in_progress"
    OPTIONAL = "optional"
    AVAILABLE = "available"
    LOCKED = "locked"


@dataclass(frozen=True)
class Curriculum:
    """All the content the path is computed over."""

    syllabus: Syllabus
    labs: tuple[Lab, ...]
    exercises: tuple[Exercise, ...]

    def items_of(self, unit_id: str) -> list[Lab | Exercise]:
        """A unit's labs and exercises by `order` (a lab before an exercise of the same order)."""
        items: list[Lab | Exercise] = [lab for lab in self.labs if lab.unit == unit_id]
        items += [exercise for exercise in self.exercises if exercise.unit == unit_id]
        return sorted(items, key=lambda item: (item.order, isinstance(item, Exercise), item.id))


def load_curriculum(root: Path | None = None) -> Curriculum:
    return Curriculum(load_syllabus(root), load_labs(root), load_exercises(root))


@dataclass(frozen=True)
class Progress:
    """What the learner has done, as plain data."""

    unit_statuses: Mapping[str, str] = field(default_factory=dict)  # done / skipped / in_progress
    passed_exercises: frozenset[str] = frozenset()
    attempted_exercises: frozenset[str] = frozenset()
    given_up_exercises: frozenset[str] = frozenset()
    completed_labs: frozenset[str] = frozenset()
    started_labs: frozenset[str] = frozenset()

    def item_complete(self, item: Lab | Exercise) -> bool:
        """A lab with a successful (or learner-declared) run; an exercise passed, or given up on:
        the learner has seen its solution, so the path moves on (`ldl status` counts only passes)."""
        if isinstance(item, Lab):
            return item.id in self.completed_labs
        return item.id in self.passed_exercises or item.id in self.given_up_exercises

    def item_started(self, item: Lab | Exercise) -> bool:
        return item.id in (self.started_labs if isinstance(item, Lab) else self.attempted_exercises)


def unit_states(curriculum: Curriculum, progress: Progress, goal: str) -> dict[str, UnitState]:
    """{unit_id: state} for every unit, in curriculum order (see the module docstring)."""
    states: dict[str, UnitState] = {}
    for unit in curriculum.syllabus.units:
        states[unit.id] = _state(unit, curriculum.items_of(unit.id), progress, goal, states)
    return states


def _state(
    unit: Unit, items: list[Lab | Exercise], progress: Progress, goal: str, earlier: dict[str, UnitState]
) -> UnitState:
    said = progress.unit_statuses.get(unit.id)
    if said == UnitState.DONE or (items and all(progress.item_complete(item) for item in items)):
        return UnitState.DONE
    if said == UnitState.SKIPPED:
        return UnitState.SKIPPED
    if said == UnitState.IN_PROGRESS or any(progress.item_started(item) for item in items):
        return UnitState.IN_PROGRESS
    if goal in unit.optional_for:
        return UnitState.OPTIONAL
    settled = {UnitState.DONE, UnitState.SKIPPED, UnitState.OPTIONAL}
    if all(earlier[prerequisite] in settled for prerequisite in unit.prerequisites):
        return UnitState.AVAILABLE
    return UnitState.LOCKED


# ---- the course map ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitView:
    id: str
    title: str
    status: UnitState
    hours: float
    items_total: int
    items_done: int
    progress: float  # 0..1: 1 when done, else the fraction of its labs and exercises complete
    in_path: bool  # False when skipped, or left out by the goal and not started


@dataclass(frozen=True)
class StageView:
    key: str
    number: int
    title: str
    units: list[UnitView]
    hours_done: float
    hours_left: float
    progress: float  # hours done / hours on the path (1 when nothing is left on it)


@dataclass(frozen=True)
class CourseMap:
    goal: str
    goal_title: str
    stages: list[StageView]
    hours_done: float
    hours_left: float
    progress: float
    units_done: int
    units_in_path: int
    reviews_due: int = 0  # review cards due now (filled in by the CLI, which reads the schedule)


def fraction(done: float, left: float) -> float:
    return done / (done + left) if done + left > 0 else 1.0


def course_map(curriculum: Curriculum, progress: Progress, goal: str) -> CourseMap:
    """Every stage and unit with its status, and hours done and left on the goal's path.

    A unit's hours count in proportion to its progress; skipped units and units the goal leaves
    out count for nothing.
    """
    states = unit_states(curriculum, progress, goal)
    stages = []
    for stage in curriculum.syllabus.stages:
        units = [
            _unit_view(unit, curriculum.items_of(unit.id), states[unit.id], progress) for unit in stage.units
        ]
        done = sum(u.hours * u.progress for u in units if u.in_path)
        left = sum(u.hours * (1 - u.progress) for u in units if u.in_path)
        stages.append(
            StageView(stage.key, stage.number, stage.title, units, done, left, fraction(done, left))
        )
    in_path = [unit for stage in stages for unit in stage.units if unit.in_path]
    hours_done = sum(stage.hours_done for stage in stages)
    hours_left = sum(stage.hours_left for stage in stages)
    return CourseMap(
        goal=goal,
        goal_title=curriculum.syllabus.goal(goal).title,
        stages=stages,
        hours_done=hours_done,
        hours_left=hours_left,
        progress=fraction(hours_done, hours_left),
        units_done=sum(unit.status == UnitState.DONE for unit in in_path),
        units_in_path=len(in_path),
    )


def _unit_view(unit: Unit, items: list[Lab | Exercise], state: UnitState, progress: Progress) -> UnitView:
    done = sum(progress.item_complete(item) for item in items)
    if state == UnitState.DONE:  # declared or finished; an exercise counts only when passed or given
        # up on (`ldl done UNIT --anyway` credits the hours in proportion), a lab on the learner's word
        missing = sum(isinstance(item, Exercise) and not progress.item_complete(item) for item in items)
        share = 1.0 - missing / len(items) if items else 1.0
    else:
        share = done / len(items) if items else 0.0
    in_path = state not in (UnitState.SKIPPED, UnitState.OPTIONAL)
    return UnitView(unit.id, unit.title, state, unit.hours, len(items), done, share, in_path)
