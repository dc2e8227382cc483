"""Read-only views of the curriculum for the CLI: the goals to choose from, one unit in detail.

Pure functions over the content and the learner's progress (plain data), like `path.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldl.curriculum.items import Lab
from ldl.curriculum.path import Curriculum, Progress, unit_states
from ldl.curriculum.syllabus import Goal, Resource


@dataclass(frozen=True)
class GoalView:
    id: str
    title: str
    summary: str
    selected: bool
    leaves_out: list[str]  # the units this goal leaves out of the path
    hours: float = 0.0  # the hours of every unit on this goal's path
    units: int = 0  # how many units are on it


@dataclass(frozen=True)
class GoalChoice:
    current: str
    changed: bool
    goals: list[GoalView]


@dataclass(frozen=True)
class ItemView:
    kind: str  # "lab" or "exercise"
    id: str
    title: str
    complete: bool
    command: str


@dataclass(frozen=True)
class UnitDetail:
    id: str
    title: str
    stage: str
    status: str
    hours: float
    summary: str
    learning_goals: list[str]
    prerequisites: list[str]
    optional_for: list[str]
    resources: list[Resource]
    items: list[ItemView]


def goal_choice(curriculum: Curriculum, current: str, changed: bool) -> GoalChoice:
    """Every goal, which one is `current`, and the units each one leaves out."""

    def view(goal: Goal) -> GoalView:
        left_out = [u.id for u in curriculum.syllabus.units if goal.id in u.optional_for]
        kept = [u for u in curriculum.syllabus.units if goal.id not in u.optional_for]
        hours = float(sum(u.hours for u in kept))
        return GoalView(
            goal.id, goal.title, goal.summary.strip(), goal.id == current, left_out, hours, len(kept)
        )

    return GoalChoice(current, changed, [view(goal) for goal in curriculum.syllabus.goals])


def unit_detail(curriculum: Curriculum, progress: Progress, goal: str, unit_id: str) -> UnitDetail:
    """One unit with its status, learning goals, resources, and its labs and exercises in order."""
    unit = curriculum.syllabus.unit(unit_id)
    state = unit_states(curriculum, progress, goal)[unit.id]
    items = [
        ItemView(
            "lab" if isinstance(item, Lab) else "exercise",
            item.id,
            item.title,
            progress.item_complete(item),
            f"ldl open {item.id}" if isinstance(item, Lab) else f"ldl check {item.id}",
        )
        for item in curriculum.items_of(unit.id)
    ]
    stage = curriculum.syllabus.stage_of(unit.id)
    return UnitDetail(
        unit.id, unit.title, f"{stage.number}. {stage.title}", state.value, unit.hours, unit.summary.strip(),
        unit.learning_goals, unit.prerequisites, unit.optional_for, unit.resources, items,
    )  # fmt: skip
