"""The syllabus is data, validated on load: the real one loads, bad ones name the file and field."""

from __future__ import annotations

import re

import pytest
from content_kit import default_tree, make_content, unit, write_content

from ldl.curriculum.loading import ContentError
from ldl.curriculum.syllabus import load_syllabus

STAGES = ["practical", "math", "deep-dive", "capstone-1", "deep-rl", "capstone-2"]


# ---- the real syllabus -------------------------------------------------------------------------


def test_the_real_syllabus_has_six_stages_in_order():
    syllabus = load_syllabus()
    assert [stage.key for stage in syllabus.stages] == STAGES
    assert [stage.number for stage in syllabus.stages] == [1, 2, 3, 4, 5, 6]
    assert all(stage.dir.startswith(f"{stage.number}-") for stage in syllabus.stages)


def test_the_real_prerequisites_form_an_acyclic_graph_in_order():
    syllabus = load_syllabus()
    position = {unit_id: index for index, unit_id in enumerate(syllabus.unit_ids)}
    for item in syllabus.units:
        assert all(position[p] < position[item.id] for p in item.prerequisites), item.id
    # and, independently of order, a depth-first search finds no cycle
    graph = {item.id: item.prerequisites for item in syllabus.units}
    state: dict[str, str] = {}

    def visit(node: str) -> None:
        assert state.get(node) != "open", f"cycle through {node}"
        if state.get(node) == "closed":
            return
        state[node] = "open"
        for prerequisite in graph[node]:
            visit(prerequisite)
        state[node] = "closed"

    for node in graph:
        visit(node)


def test_the_real_syllabus_has_the_goals_and_resources_the_issue_asks_for():
    syllabus = load_syllabus()
    assert {"career-switch", "work-problem", "overview"} <= {goal.id for goal in syllabus.goals}
    assert not any("career-switch" in item.optional_for for item in syllabus.units), (
        "career-switch is everything"
    )
    urls = " ".join(r.url for item in syllabus.units for r in item.resources)
    urls += " ".join(r.url for stage in syllabus.stages for route in stage.routes for r in route.resources)
    for expected in [
        "course.fast.ai", "fastai/fastbook", "cs229-linalg.pdf", "cs229-prob.pdf", "deeplearningbook.org",
        "explained.ai/matrix-calculus", "fastai/numerical-linear-algebra",
        "coursera.org/specializations/deep-learning", "d2l.ai", "introtodeeplearning.com",
        "huggingface.co/learn/deep-rl-course", "spinningup.openai.com",
        "karpathy.github.io/2016/05/31/rl", "lilianweng.github.io", "RLbook2020.pdf", "nature14236",
        "1312.5602", "nature24270",
    ]:  # fmt: skip
        assert expected in urls, expected
    assert len(syllabus.stage("deep-dive").routes) == 3


def test_the_capstone_stages_carry_rules_sections_and_ideas():
    syllabus = load_syllabus()
    for key in ("capstone-1", "capstone-2"):
        capstone = syllabus.stage(key).capstone
        assert capstone is not None
        rules = " ".join(capstone.rules)
        assert "low-level framework only (PyTorch, TensorFlow or MXNet)" in rules
        assert "reproducib" in rules.lower() and "portfolio" in rules.lower()
        assert len(capstone.ideas) >= 3


def test_every_unit_has_goals_hours_and_https_or_http_links():
    for item in load_syllabus().units:
        assert item.learning_goals and item.hours > 0
        assert all(re.match(r"^https?://", r.url) for r in item.resources)


# ---- bad files produce errors naming the file and the field ------------------------------------


def error_for(tmp_path, edit) -> str:
    tree = default_tree()
    edit(tree)
    write_content(tmp_path, tree)
    with pytest.raises(ContentError) as caught:
        load_syllabus(tmp_path)
    return str(caught.value)


def test_a_valid_tree_loads(tmp_path):
    syllabus = load_syllabus(make_content(tmp_path))
    assert syllabus.unit_ids == ["alpha.one", "alpha.two", "beta.one"]
    assert syllabus.stage("beta").dir == "2-beta"


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda t: t["stages"]["1-alpha"]["units"][1].update(hours="lots"),
         "stages/1-alpha/stage.yaml: units[1] (alpha.two).hours"),
        (lambda t: t["stages"]["2-beta"]["units"][0].pop("title"),
         "stages/2-beta/stage.yaml: units[0] (beta.one).title"),
        (lambda t: t["stages"]["1-alpha"]["units"][0].update(hurs=3), "units[0] (alpha.one).hurs"),
        (lambda t: t["stages"]["1-alpha"]["units"][0]["resources"][0].update(url="example.org"),
         "units[0] (alpha.one).resources[0].url"),
        (lambda t: t["stages"]["1-alpha"]["units"][0]["resources"][0].update(kind="podcast"),
         "units[0] (alpha.one).resources[0].kind"),
        (lambda t: t["syllabus"].pop("goals"), "syllabus.yaml: goals"),
        (lambda t: t["syllabus"]["stages"][1].update(dir="beta"), "syllabus.yaml: stages[1].dir"),
    ],
)  # fmt: skip
def test_field_errors_name_the_file_and_the_field(tmp_path, edit, where):
    assert where in error_for(tmp_path, edit)


def test_unknown_prerequisites_are_errors_with_a_suggestion(tmp_path):
    message = error_for(
        tmp_path, lambda t: t["stages"]["2-beta"]["units"][0].update(prerequisites=["alpha.tow"])
    )
    assert "stages/2-beta/stage.yaml: units[0] (beta.one).prerequisites: unknown unit `alpha.tow`" in message


def test_prerequisites_must_come_earlier_so_cycles_are_impossible(tmp_path):
    def cycle(tree):
        tree["stages"]["1-alpha"]["units"][0]["prerequisites"] = ["beta.one"]

    assert "(alpha.one).prerequisites: names a later unit `beta.one`" in error_for(tmp_path, cycle)


def test_unknown_goals_in_optional_for_are_errors(tmp_path):
    message = error_for(tmp_path, lambda t: t["stages"]["1-alpha"]["units"][0].update(optional_for=["quik"]))
    assert "(alpha.one).optional_for: unknown goal `quik`" in message


def test_default_goal_must_exist(tmp_path):
    assert "syllabus.yaml: default_goal" in error_for(
        tmp_path, lambda t: t["syllabus"].update(default_goal="all")
    )


def test_unit_ids_carry_their_stage_key_and_are_unique(tmp_path):
    moved = error_for(tmp_path, lambda t: t["stages"]["2-beta"]["units"].append(unit("alpha.three")))
    assert "stages/2-beta/stage.yaml: units[1] (alpha.three).id: must start with `beta.`" in moved
    twice = error_for(tmp_path, lambda t: t["stages"]["1-alpha"]["units"].append(unit("alpha.one")))
    assert "units[2] (alpha.one).id: the id is used by an earlier unit too" in twice


def test_stage_key_and_number_must_match_the_syllabus(tmp_path):
    assert "stages/2-beta/stage.yaml: key" in error_for(
        tmp_path, lambda t: t["stages"]["2-beta"].update(key="gamma")
    )
    assert "stages/2-beta/stage.yaml: number" in error_for(
        tmp_path, lambda t: t["stages"]["2-beta"].update(number=3)
    )


def test_yaml_syntax_errors_name_the_file_and_line(tmp_path):
    make_content(tmp_path)
    (tmp_path / "stages" / "1-alpha" / "stage.yaml").write_text("key: alpha\nunits: [\n  - broken: {\n")
    with pytest.raises(ContentError, match=r"stages/1-alpha/stage.yaml \(line \d+\): not valid YAML"):
        load_syllabus(tmp_path)


def test_a_missing_stage_file_is_named(tmp_path):
    make_content(tmp_path)
    (tmp_path / "stages" / "2-beta" / "stage.yaml").unlink()
    with pytest.raises(ContentError, match="stages/2-beta/stage.yaml: cannot read the file"):
        load_syllabus(tmp_path)
