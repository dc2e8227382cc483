"""`goals:` on labs and exercises: 1-based numbers of their unit's learning goals, checked on loading."""

from __future__ import annotations

import pytest
from content_kit import add_exercise, add_lab, default_tree, write_content

from ldl.curriculum.items import load_exercises, load_labs
from ldl.curriculum.loading import ContentError


def _content(tmp_path):
    """The kit's tree, with alpha.one promising three learning goals."""
    tree = default_tree()
    tree["stages"]["1-alpha"]["units"][0]["learning_goals"] = ["Add.", "Multiply.", "Divide."]
    return write_content(tmp_path / "content", tree)


def test_goals_within_the_units_learning_goals_load(tmp_path):
    root = _content(tmp_path)
    add_lab(root, "1-alpha", "some_lab", "alpha.one", goals=[1, 3])
    add_exercise(root, "1-alpha", "some_exercise", "alpha.one", goals=[2])
    add_exercise(root, "1-alpha", "no_goals_yet", "alpha.one")

    assert [lab.goals for lab in load_labs(root)] == [[1, 3]]
    assert {e.id: e.goals for e in load_exercises(root)} == {"some_exercise": [2], "no_goals_yet": []}


@pytest.mark.parametrize("bad", [4, 0, -1])
def test_a_lab_goal_outside_its_unit_names_the_file_and_the_field(tmp_path, bad):
    root = _content(tmp_path)
    add_lab(root, "1-alpha", "some_lab", "alpha.one", goals=[1, bad])

    with pytest.raises(ContentError) as caught:
        load_labs(root)
    assert "stages/1-alpha/labs/some_lab.py: jupyter.ldl.goals:" in caught.value.message
    assert f"{bad} is not a learning goal of `alpha.one`" in caught.value.message
    assert "1 to 3" in caught.value.message
    assert "2. Multiply." in caught.value.hint


def test_an_exercise_goal_is_checked_against_its_own_unit(tmp_path):
    """alpha.two promises one goal; a goal number valid for alpha.one is not valid there."""
    root = _content(tmp_path)
    add_exercise(root, "1-alpha", "some_exercise", "alpha.two", goals=[2])

    with pytest.raises(ContentError) as caught:
        load_exercises(root)
    assert "stages/1-alpha/exercises/some_exercise/exercise.yaml: goals:" in caught.value.message
    assert "`alpha.two`, which has 1 (numbered 1 to 1)" in caught.value.message


def test_goals_must_be_numbers_named_once(tmp_path):
    root = _content(tmp_path)
    add_exercise(root, "1-alpha", "twice", "alpha.one", goals=[2, 2])
    with pytest.raises(ContentError, match="goals: \\[2, 2\\] names a goal twice"):
        load_exercises(root)

    root = _content(tmp_path / "words")
    add_exercise(root, "1-alpha", "words", "alpha.one", goals=["the first"])
    with pytest.raises(ContentError, match="exercise.yaml: goals\\[0\\]: Input should be a valid integer"):
        load_exercises(root)
