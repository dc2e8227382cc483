"""`ldl unit UNIT`: under each learning goal, the labs and exercises that teach it (issue 15, point 9)."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.path import load_curriculum
from ldl.curriculum.syllabus import load_syllabus

UNIT = "math.calculus"  # a unit with a lab and several exercises, each teaching some of its goals
CAPSTONE_UNIT = "capstone-1.choose"


def unit_json(unit_id: str) -> dict:
    result = CliRunner().invoke(app, ["unit", unit_id, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_json_maps_every_goal_to_the_items_whose_goals_name_it(workspace):
    unit = load_syllabus().unit(UNIT)
    items = load_curriculum().items_of(UNIT)
    detail = unit_json(UNIT)

    assert [item["goals"] for item in detail["items"]] == [item.goals for item in items]
    assert [goal["text"] for goal in detail["coverage"]] == unit.learning_goals
    for goal in detail["coverage"]:
        expected = [item.id for item in items if goal["number"] in item.goals]
        assert goal["taught_by"] == expected and expected, goal
        assert goal["capstone"] is False
    # the mapping is not trivial: some item teaches some goals of the unit but not all of them
    assert any(0 < len(item.goals) < len(unit.learning_goals) for item in items)


def test_the_text_lists_each_items_title_under_the_goal_it_teaches(workspace):
    result = CliRunner().invoke(app, ["unit", UNIT], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    starts = [next(i for i, line in enumerate(lines) if re.match(rf"\s+{goal['number']}\. ", line))
              for goal in unit_json(UNIT)["coverage"]]  # fmt: skip
    titles = {item.id: item.title for item in load_curriculum().items_of(UNIT)}
    for goal, start, end in zip(unit_json(UNIT)["coverage"], starts, [*starts[1:], None], strict=True):
        block = [line for line in lines[start + 1 : end] if "↳" in line]  # a long goal may wrap first
        assert [line.split(":", 1)[1].strip() for line in block] == [titles[i] for i in goal["taught_by"]]


def test_a_capstone_units_goals_are_covered_by_the_project(workspace):
    detail = unit_json(CAPSTONE_UNIT)
    assert detail["coverage"] and all(goal["capstone"] for goal in detail["coverage"])
    result = CliRunner().invoke(app, ["unit", CAPSTONE_UNIT], env={"COLUMNS": "200"})
    assert result.output.count("your capstone project (`ldl capstone check` marks it)") == len(
        detail["coverage"]
    )
