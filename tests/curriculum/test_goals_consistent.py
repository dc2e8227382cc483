"""Each goal leaves out exactly what it says it leaves out: the units marked `optional_for` a goal
equal the goal's `leaves_out` (stages expanded to their units), and its summary names them."""

from __future__ import annotations

import pytest

from ldl.curriculum.syllabus import load_syllabus

SYLLABUS = load_syllabus()


def expanded(leaves_out: list[str]) -> set[str]:
    stages = {stage.key: stage for stage in SYLLABUS.stages}
    out: set[str] = set()
    for name in leaves_out:
        out |= {unit.id for unit in stages[name].units} if name in stages else {name}
    return out


@pytest.mark.parametrize("goal", SYLLABUS.goals, ids=lambda goal: goal.id)
def test_the_optional_units_are_what_the_goal_says_it_leaves_out(goal):
    marked = {unit.id for unit in SYLLABUS.units if goal.id in unit.optional_for}
    said = expanded(goal.leaves_out)
    assert said <= set(SYLLABUS.unit_ids), f"{goal.id}: leaves_out names unknown units"
    assert marked == said, (
        f"{goal.id}: marked optional but not said: {marked - said}; said but not marked: {said - marked}"
    )


@pytest.mark.parametrize("goal", SYLLABUS.goals, ids=lambda goal: goal.id)
def test_the_summary_names_every_stage_it_leaves_out(goal):
    titles = {stage.key: stage.title.lower() for stage in SYLLABUS.stages}
    summary = " ".join(goal.summary.lower().split())
    for name in goal.leaves_out:
        if name in titles:
            words = {"deep-rl": "deep reinforcement learning", "capstone-2": "second capstone"}
            assert words.get(name, titles[name]) in summary, f"{goal.id}'s summary does not mention {name}"


def test_some_goal_keeps_everything():
    assert any(not goal.leaves_out for goal in SYLLABUS.goals)
