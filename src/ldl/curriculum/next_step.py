"""The single next thing to do, with the exact command that starts it.

`next_step` walks the units in curriculum order and stops at the first one that is in progress or
available (units that are done, skipped, or left out by the goal are passed over). Inside that
unit the next step is its first unfinished lab or exercise, by `order`; a unit with none left
(or none at all) points to its outside resources and to `ldl done UNIT`. A capstone unit points to
`ldl capstone ideas` / `ldl capstone new` until the learner has a project for that capstone, then to
`ldl capstone check NAME` (and, for the publish part, `ldl portfolio build`).

Revisiting is mixed in by one rule, in this order:

1. when `REVIEWS_FIRST` or more review cards are due, the next step is `ldl review` (a backlog of
   forgotten cards costs more the longer it waits);
2. else, when a recall exercise is due (an exercise passed earlier, handed back as a blank file; see
   `ldl.review.recall`) and fewer than `RECALLS_PER_DAY` were done today, the next step is that
   recall, the most overdue first (one a day keeps old skills alive without crowding out new work);
3. else new work, with the numbers of due cards and due recalls riding along (`reviews_due`,
   `recalls_due`) so `ldl next` can mention them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ldl.curriculum.items import Exercise, Lab
from ldl.curriculum.path import Curriculum, Progress, UnitState, unit_states
from ldl.curriculum.syllabus import Stage, Unit

StepKind = Literal["lab", "exercise", "resource", "capstone", "review", "recall", "finished"]
REVIEWS_FIRST = 10  # due cards from which reviewing comes before new work
RECALLS_PER_DAY = 1  # recall exercises a day that come before new work


@dataclass(frozen=True)
class RecallsDue:
    """The recall exercises due now (most overdue first) and how many were done today."""

    exercise_ids: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    done_today: int = 0


@dataclass(frozen=True)
class NextStep:
    kind: StepKind
    title: str  # what to do, in a few words
    command: str  # the exact command that starts it
    instructions: str  # one or two sentences for the learner
    unit_id: str | None = None
    unit_title: str | None = None
    item_id: str | None = None
    path: str | None = None  # the learner's file, relative to the workspace, when there is one
    url: str | None = None  # the outside resource, when the step is one
    reviews_due: int = 0  # review cards due now (`ldl review`)
    recalls_due: int = 0  # recall exercises due now (`ldl recall`)


def next_step(
    curriculum: Curriculum,
    progress: Progress,
    goal: str,
    reviews_due: int = 0,
    recalls: RecallsDue | None = None,
    capstones: Mapping[str, Sequence[str]] | None = None,
) -> NextStep:
    """The next step on the path, revisiting mixed in by the rule in the module docstring.

    `capstones` maps a capstone stage's key (e.g. "capstone-1") to the learner's project names."""
    recalls = recalls or RecallsDue()
    if reviews_due >= REVIEWS_FIRST:
        return NextStep(
            kind="review",
            title=f"Review {reviews_due} due card(s)",
            command="ldl review",
            instructions="Cards from units you have started are due: a few minutes of review now keeps "
            "them from being forgotten. New work comes next.",
            reviews_due=reviews_due,
            recalls_due=len(recalls.exercise_ids),
        )
    if recalls.exercise_ids and recalls.done_today < RECALLS_PER_DAY:
        exercise_id = recalls.exercise_ids[0]
        return NextStep(
            kind="recall",
            title=f"Recall: {recalls.titles[0] if recalls.titles else exercise_id}",
            command=f"ldl recall start {exercise_id}",
            instructions="You passed this exercise a while ago. Solve it again from a blank file, without "
            "hints or your old solution: `ldl recall check` grades it, and how it goes decides when it "
            "comes back.",
            item_id=exercise_id,
            reviews_due=reviews_due,
            recalls_due=len(recalls.exercise_ids),
        )
    step = _next_on_path(curriculum, progress, goal, capstones or {})
    return replace(step, reviews_due=reviews_due, recalls_due=len(recalls.exercise_ids))


def _next_on_path(
    curriculum: Curriculum, progress: Progress, goal: str, capstones: Mapping[str, Sequence[str]]
) -> NextStep:
    states = unit_states(curriculum, progress, goal)
    for stage in curriculum.syllabus.stages:
        for unit in stage.units:
            if states[unit.id] in (UnitState.IN_PROGRESS, UnitState.AVAILABLE):
                items = curriculum.items_of(unit.id)
                return _step_in_unit(stage, unit, items, progress, capstones.get(stage.key, ()))
    return NextStep(
        kind="finished",
        title="You have finished your path",
        command="ldl map",
        instructions="Every unit on your goal's path is done or skipped. Look back over the map, pick a "
        "skipped or optional unit to revisit, or choose a wider goal with `ldl goal`.",
    )


def _step_in_unit(
    stage: Stage, unit: Unit, items: list[Lab | Exercise], progress: Progress, projects: Sequence[str] = ()
) -> NextStep:
    where = {"unit_id": unit.id, "unit_title": unit.title}
    for item in items:
        if progress.item_complete(item):
            continue
        if isinstance(item, Lab):
            return NextStep(
                kind="lab",
                title=item.title,
                command=f"ldl open {item.id}",
                instructions=f"Open the lab and work through it (about {item.minutes} minutes). When "
                f"you have finished, `ldl done {item.id}` ticks it off (so does a clean "
                f"`ldl lab-run {item.id}`).",
                item_id=item.id,
                path=f"labs/{item.stage_dir}/{item.id}.ipynb",
                **where,
            )
        relative = f"exercises/{item.stage_dir}/{item.id}.py"
        return NextStep(
            kind="exercise",
            title=item.title,
            command=f"ldl check {item.id}",
            instructions=f"Fill in {relative} (its docstrings say what each function must do), then run "
            f"the command to have it checked. Stuck? `ldl hint {item.id}`.",
            item_id=item.id,
            path=relative,
            **where,
        )
    if stage.capstone is not None:
        return _capstone_step(stage, unit, projects, where)
    resource = unit.resources[0] if unit.resources else None
    study = f"Work through “{resource.title}” ({resource.author})" if resource else "Study the unit's goals"
    return NextStep(
        kind="resource",
        title=resource.title if resource else unit.title,
        command=f"ldl done {unit.id}",
        instructions=f"{study}; `ldl unit {unit.id}` lists everything recommended for it. "
        "Then run the command to mark the unit done.",
        url=resource.url if resource else None,
        **where,
    )


def _capstone_step(stage: Stage, unit: Unit, projects: Sequence[str], where: dict) -> NextStep:
    """Choose and create a project first; then check it against the rubric; publish it last."""
    number = stage.key.rsplit("-", 1)[-1]
    url = unit.resources[0].url if unit.resources else None
    if not projects:
        return NextStep(
            kind="capstone",
            title=unit.title,
            command="ldl capstone ideas",
            instructions=f"Choose your project (the command lists ideas with the data each needs), then "
            f"create it with `ldl capstone new {number} NAME`. The rules are in "
            f"capstones/{stage.key}/README.md. When this part is finished: `ldl done {unit.id}`.",
            path=f"capstones/{stage.key}/README.md",
            url=url,
            **where,
        )
    name = projects[0]
    notebook = f"capstones/{name}/{name}.ipynb"
    if unit.id.endswith(".publish"):
        return NextStep(
            kind="capstone",
            title=unit.title,
            command="ldl portfolio build",
            instructions=f"Once `ldl capstone check {name}` passes, build your portfolio site and read it "
            f"as an employer would (`ldl portfolio serve`). When it is published: `ldl done {unit.id}`.",
            path=notebook,
            url=url,
            **where,
        )
    return NextStep(
        kind="capstone",
        title=unit.title,
        command=f"ldl capstone check {name}",
        instructions=f"Work in {notebook}; the command marks it against the rubric, row by row, with how "
        f"to fix each row. When this part is finished: `ldl done {unit.id}`.",
        path=notebook,
        url=url,
        **where,
    )
