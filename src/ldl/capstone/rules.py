"""What a capstone stage asks for, read from its content folder.

    rules = stage_rules(1)          # or 2
    rules.sections                  # the notebook's required sections (from stage.yaml)
    rules.forbidden, rules.allowed  # frameworks, each with the reason (rubric.yaml)
    rules.min_seeds, rules.summary  # 3 and "mean_std" (Capstone I); 5 and "iqm_ci" (Capstone II)
    rules.ideas                     # project ideas with the data each needs (ideas.yaml)

The files live beside the stage's stage.yaml: `rubric.yaml` and `ideas.yaml`, so a content author
changes what the checker asks without touching code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pydantic

from ldl.curriculum.loading import Strict, read_yaml, validate
from ldl.curriculum.syllabus import Section, Stage, load_syllabus
from ldl.errors import LdlError
from ldl.paths import STAGES_ROOT

STAGE_KEYS = {1: "capstone-1", 2: "capstone-2"}


class Framework(Strict):
    name: str  # a module (`fastai`, `tensorflow.keras`) or a module's attribute (`transformers.Trainer`)
    reason: str


class Frameworks(Strict):
    forbidden: list[Framework] = pydantic.Field(min_length=1)
    allowed: list[Framework] = pydantic.Field(min_length=1)


class SelfRow(Strict):
    id: str
    title: str
    question: str


class Rubric(Strict):
    min_seeds: int = pydantic.Field(ge=1)
    summary: Literal["mean_std", "iqm_ci"]
    fast_budget_s: float = pydantic.Field(gt=0)
    error_analysis_section: str  # the section where the model's (or agent's) mistakes are studied
    frameworks: Frameworks
    self_assessed: list[SelfRow] = []


class DataSource(Strict):
    name: str
    how: str  # how to get it without a network beyond the package registries


class Idea(Strict):
    title: str
    summary: str
    data: list[DataSource] = pydantic.Field(min_length=1)


@dataclass(frozen=True)
class StageRules:
    number: int  # 1 or 2
    stage: Stage
    rubric: Rubric
    ideas: list[Idea]

    @property
    def sections(self) -> list[Section]:
        assert self.stage.capstone is not None
        return self.stage.capstone.sections

    @property
    def forbidden(self) -> list[Framework]:
        return self.rubric.frameworks.forbidden

    @property
    def allowed(self) -> list[Framework]:
        return self.rubric.frameworks.allowed

    @property
    def min_seeds(self) -> int:
        return self.rubric.min_seeds

    @property
    def folder(self) -> Path:
        return STAGES_ROOT / self.stage.dir


def parse_stage(value: int | str) -> int:
    """1 or 2, from `1`, `"2"`, `"capstone-1"` or `"II"`; an LdlError for anything else."""
    text = str(value).strip().lower()
    numbers = {"1": 1, "i": 1, "capstone-1": 1, "2": 2, "ii": 2, "capstone-2": 2}
    if text not in numbers:
        raise LdlError(
            f"There is no capstone `{value}`.",
            hint="Use 1 (supervised learning, stage 4) or 2 (deep reinforcement learning, stage 6).",
        )
    return numbers[text]


@functools.cache
def stage_rules(number: int) -> StageRules:
    stage = load_syllabus().stage(STAGE_KEYS[parse_stage(number)])
    folder = STAGES_ROOT / stage.dir
    rubric = validate(Rubric, read_yaml(folder / "rubric.yaml"), folder / "rubric.yaml")
    raw_ideas = read_yaml(folder / "ideas.yaml") or []
    ideas = [
        validate(Idea, item, folder / "ideas.yaml", at=(i,), document=raw_ideas)
        for i, item in enumerate(raw_ideas)
    ]
    return StageRules(number=parse_stage(number), stage=stage, rubric=rubric, ideas=ideas)


def forbidden_match(dotted: str, forbidden: list[Framework]) -> Framework | None:
    """The forbidden entry that `dotted` (a module or `module.attribute`) is, or lies below."""
    for entry in forbidden:
        if dotted == entry.name or dotted.startswith(entry.name + "."):
            return entry
    return None
