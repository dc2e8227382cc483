"""The syllabus as data: six stages of units, the learner's possible goals, and outside resources.

    content/syllabus.yaml            title, the goals, the stages in order ({key, dir})
    content/stages/<dir>/stage.yaml  one stage: title, summary, its units (and capstone rules or
                                     alternative routes where the stage has them)

`load_syllabus()` validates both levels (every field, then the cross-references: unit ids carry
their stage key and are unique, prerequisites name earlier units, `optional_for` names known goals)
and raises a `ContentError` naming the file and the field at the first problem it finds.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import pydantic

from ldl.curriculum.loading import ContentError, Strict, display, read_yaml, suggest, validate
from ldl.paths import CONTENT_ROOT

UNIT_ID = r"^[a-z0-9-]+\.[a-z0-9-]+$"
SLUG = r"^[a-z0-9-]+$"

ResourceKind = Literal["course", "book", "video", "lectures", "paper", "article", "notes"]


class Resource(Strict):
    """Something outside ldl that the curriculum recommends: a course, a book, a paper..."""

    title: str
    url: str = pydantic.Field(pattern=r"^https?://\S+$")
    kind: ResourceKind
    author: str
    note: str = ""


class Unit(Strict):
    """A unit of learning: a few hours around one idea, with its labs, exercises and resources."""

    id: str = pydantic.Field(pattern=UNIT_ID)
    title: str
    summary: str
    learning_goals: list[str] = pydantic.Field(min_length=1)
    hours: float = pydantic.Field(gt=0, le=200)
    prerequisites: list[str] = []
    optional_for: list[str] = []  # goal ids whose path leaves this unit out
    resources: list[Resource] = []

    @property
    def stage_key(self) -> str:
        return self.id.split(".", 1)[0]


class Route(Strict):
    """One of several equivalent outside courses a stage can be followed with."""

    id: str = pydantic.Field(pattern=SLUG)
    title: str
    summary: str
    resources: list[Resource] = pydantic.Field(min_length=1)


class ProjectIdea(Strict):
    title: str
    summary: str


class Section(Strict):
    """One heading of the capstone's starter notebook and the question its prose must answer."""

    title: str
    prompt: str


class Capstone(Strict):
    """The rules a capstone project follows, the starter notebook's sections, ideas to start from."""

    rules: list[str] = pydantic.Field(min_length=1)
    sections: list[Section] = pydantic.Field(min_length=3)
    ideas: list[ProjectIdea] = pydantic.Field(min_length=3)


class Stage(Strict):
    key: str = pydantic.Field(pattern=SLUG)
    number: int = pydantic.Field(ge=1)
    title: str
    summary: str
    units: list[Unit] = pydantic.Field(min_length=1)
    routes: list[Route] = []
    capstone: Capstone | None = None
    dir: str = ""  # filled in from syllabus.yaml, never written in stage.yaml

    @property
    def hours(self) -> float:
        return sum(unit.hours for unit in self.units)


class Goal(Strict):
    """Why the learner is here; a goal leaves out the units marked `optional_for` it.

    `leaves_out` says the same thing in words a test can check: stage keys (every unit of the
    stage) and unit ids. The units marked `optional_for` a goal must be exactly those."""

    id: str = pydantic.Field(pattern=SLUG)
    title: str
    summary: str
    leaves_out: list[str] = []


class StageRef(Strict):
    key: str = pydantic.Field(pattern=SLUG)
    dir: str = pydantic.Field(pattern=r"^[1-9]-[a-z0-9-]+$")


class SyllabusFile(Strict):
    """The shape of syllabus.yaml."""

    title: str
    summary: str
    default_goal: str
    goals: list[Goal] = pydantic.Field(min_length=1)
    stages: list[StageRef] = pydantic.Field(min_length=1)


class Syllabus(Strict):
    title: str
    summary: str
    default_goal: str
    goals: list[Goal]
    stages: list[Stage]

    @property
    def units(self) -> list[Unit]:
        """Every unit, in curriculum order."""
        return [unit for stage in self.stages for unit in stage.units]

    def unit(self, unit_id: str) -> Unit:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise ContentError(f"There is no unit `{unit_id}`.", hint=suggest(unit_id, self.unit_ids))

    @property
    def unit_ids(self) -> list[str]:
        return [unit.id for unit in self.units]

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if key in (stage.key, stage.dir):
                return stage
        raise ContentError(f"There is no stage `{key}`.", hint=suggest(key, [s.key for s in self.stages]))

    def stage_of(self, unit_id: str) -> Stage:
        return self.stage(self.unit(unit_id).stage_key)

    def goal(self, goal_id: str) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise ContentError(
            f"There is no goal `{goal_id}`.", hint=suggest(goal_id, [g.id for g in self.goals])
        )


def load_syllabus(root: Path | None = None) -> Syllabus:
    """The validated syllabus under content root `root` (default: the one shipped with ldl)."""
    return _load_syllabus((root or CONTENT_ROOT).resolve())


@functools.cache
def _load_syllabus(root: Path) -> Syllabus:
    source = root / "syllabus.yaml"
    head = validate(SyllabusFile, read_yaml(source), source)
    stages = [_load_stage(root, ref, number) for number, ref in enumerate(head.stages, start=1)]
    syllabus = Syllabus(
        title=head.title,
        summary=head.summary,
        default_goal=head.default_goal,
        goals=head.goals,
        stages=stages,
    )
    _check_references(syllabus, root)
    return syllabus


def _load_stage(root: Path, ref: StageRef, number: int) -> Stage:
    source = root / "stages" / ref.dir / "stage.yaml"
    data = read_yaml(source)
    if isinstance(data, dict) and "dir" in data:
        raise ContentError(f"{display(source)}: dir: do not set it here; syllabus.yaml names the folder.")
    stage = validate(Stage, data, source)
    if stage.key != ref.key:
        raise ContentError(f"{display(source)}: key: is `{stage.key}` but syllabus.yaml says `{ref.key}`.")
    if stage.number != number:
        raise ContentError(
            f"{display(source)}: number: is {stage.number} but the stage is #{number} in order."
        )
    for index, unit in enumerate(stage.units):
        if unit.stage_key != stage.key:
            raise ContentError(
                f"{display(source)}: units[{index}] ({unit.id}).id: must start with `{stage.key}.`."
            )
    return stage.model_copy(update={"dir": ref.dir})


def _check_references(syllabus: Syllabus, root: Path) -> None:
    """Unit ids unique; prerequisites name earlier units (so the graph is acyclic); goals exist."""
    goal_ids = {goal.id for goal in syllabus.goals}
    if syllabus.default_goal not in goal_ids:
        raise ContentError(
            f"syllabus.yaml: default_goal: unknown goal `{syllabus.default_goal}`.",
            hint=suggest(syllabus.default_goal, goal_ids),
        )
    all_ids = syllabus.unit_ids
    seen: set[str] = set()
    for stage in syllabus.stages:
        source = display(root / "stages" / stage.dir / "stage.yaml")
        for index, unit in enumerate(stage.units):
            where = f"{source}: units[{index}] ({unit.id})"
            if unit.id in seen:
                raise ContentError(f"{where}.id: the id is used by an earlier unit too.")
            for prerequisite in unit.prerequisites:
                if prerequisite not in seen:
                    problem = "names a later unit" if prerequisite in all_ids else "unknown unit"
                    raise ContentError(
                        f"{where}.prerequisites: {problem} `{prerequisite}`.",
                        hint="Prerequisites must be units that come earlier in the syllabus. "
                        + suggest(prerequisite, seen),
                    )
            for goal in unit.optional_for:
                if goal not in goal_ids:
                    raise ContentError(
                        f"{where}.optional_for: unknown goal `{goal}`.", hint=suggest(goal, goal_ids)
                    )
            seen.add(unit.id)
