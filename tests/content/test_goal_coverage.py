"""Every learning goal a unit promises is taught by one of its labs or exercises (issue 15, point 9).

A lab header's `goals:` and an exercise.yaml's `goals:` name the 1-based numbers of their unit's
`learning_goals` that they teach; `ldl.curriculum.views.uncovered_goals` lists every goal that
nothing names. Capstone units (the stages with a `capstone:` section) are covered by the learner's
own project, which `ldl capstone check` marks against the stage's rules and rubric.yaml.

`OPEN_GAPS` are the goals known to be uncovered today, each with what would close it: the test
fails on any other gap, and on an entry that is no longer a gap (delete it once it is closed).
"""

from __future__ import annotations

from ldl.curriculum.path import Curriculum, load_curriculum
from ldl.curriculum.views import goal_coverage, uncovered_goals
from ldl.paths import STAGES_ROOT

OPEN_GAPS: dict[tuple[str, int], str] = {}


def _listing(gaps) -> str:
    return "\n".join(f"  {unit} goal {number}: {text}" for unit, number, text in gaps)


def test_every_learning_goal_is_taught_by_a_lab_or_an_exercise():
    gaps = uncovered_goals(load_curriculum())
    new = [gap for gap in gaps if gap[:2] not in OPEN_GAPS]
    assert not new, (
        "These learning goals are promised in stage.yaml but no lab or exercise names them in `goals:`:\n"
        + _listing(new)
        + "\nAdd the goal's number to the `goals:` of an item that teaches it, write one, or reword the goal."
    )
    closed = sorted(set(OPEN_GAPS) - {gap[:2] for gap in gaps})
    assert not closed, f"Now covered, so delete them from OPEN_GAPS: {closed}"


def test_a_goal_that_loses_its_last_pointer_is_listed():
    """Drop every pointer at one goal of a real unit and it shows up; the others stay covered."""
    curriculum = load_curriculum()
    unit, number = "math.calculus", 3

    def without(item):
        goals = [g for g in item.goals if not (item.unit == unit and g == number)]
        return item.model_copy(update={"goals": goals})

    stripped = Curriculum(
        curriculum.syllabus,
        tuple(without(lab) for lab in curriculum.labs),
        tuple(without(exercise) for exercise in curriculum.exercises),
    )
    before = set(uncovered_goals(curriculum))
    after = set(uncovered_goals(stripped))
    goal = curriculum.syllabus.unit(unit).learning_goals[number - 1]
    assert after - before == {(unit, number, goal)}


def test_capstone_units_are_covered_by_a_project_with_rules_and_a_rubric():
    curriculum = load_curriculum()
    empty = Curriculum(curriculum.syllabus, (), ())
    listed = {unit for unit, _, _ in uncovered_goals(empty)}
    for stage in curriculum.syllabus.stages:
        ids = {unit.id for unit in stage.units}
        if stage.capstone is None:
            assert ids <= listed, f"stage {stage.dir}: with no items, its goals must be listed"
            continue
        assert not ids & listed
        assert stage.capstone.rules and (STAGES_ROOT / stage.dir / "rubric.yaml").is_file()
        assert all(goal.capstone for unit in stage.units for goal in goal_coverage(empty, unit.id))
