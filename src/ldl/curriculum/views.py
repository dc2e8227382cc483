"""Read-only views of the curriculum for the CLI: the goals to choose from, one unit in detail.

Pure functions over the content and the learner's progress (plain data), like `path.py`.

A unit promises `learning_goals`; each lab and exercise names the ones it teaches (`goals:`, their
1-based numbers). `goal_coverage` turns that around, goal by goal, and `uncovered_goals` lists the
promises nothing keeps. A capstone unit (a stage with a `capstone:` section) is covered by the
learner's own project instead, which `ldl capstone check` marks against the stage's rules and rubric.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ldl.curriculum.items import Exercise, Lab
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
    goals: list[int] = field(default_factory=list)  # the unit's learning goals it teaches (1-based)


@dataclass(frozen=True)
class LearningGoalView:
    """One promise of a unit and what keeps it."""

    number: int  # 1-based, as in `goals:` lists
    text: str
    taught_by: list[str]  # ids of the unit's labs and exercises that teach it, in unit order
    capstone: bool = False  # covered by the learner's capstone project (its rules and rubric)


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
    coverage: list[LearningGoalView] = field(default_factory=list)  # goal by goal, what teaches it


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
            list(item.goals),
        )
        for item in curriculum.items_of(unit.id)
    ]
    stage = curriculum.syllabus.stage_of(unit.id)
    return UnitDetail(
        unit.id, unit.title, f"{stage.number}. {stage.title}", state.value, unit.hours, unit.summary.strip(),
        unit.learning_goals, unit.prerequisites, unit.optional_for, unit.resources, items,
        goal_coverage(curriculum, unit.id),
    )  # fmt: skip


def goal_coverage(curriculum: Curriculum, unit_id: str) -> list[LearningGoalView]:
    """Each learning goal of the unit with the labs and exercises whose `goals:` name it."""
    unit = curriculum.syllabus.unit(unit_id)
    capstone = curriculum.syllabus.stage_of(unit.id).capstone is not None
    items: list[Lab | Exercise] = curriculum.items_of(unit.id)
    return [
        LearningGoalView(number, text, [item.id for item in items if number in item.goals], capstone)
        for number, text in enumerate(unit.learning_goals, 1)
    ]


def uncovered_goals(curriculum: Curriculum) -> list[tuple[str, int, str]]:
    """(unit id, goal number, goal) for every learning goal that no lab or exercise teaches and no
    capstone project covers, in curriculum order."""
    return [
        (unit.id, goal.number, goal.text)
        for unit in curriculum.syllabus.units
        for goal in goal_coverage(curriculum, unit.id)
        if not goal.taught_by and not goal.capstone
    ]
