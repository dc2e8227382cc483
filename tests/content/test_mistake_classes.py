"""Known mistakes for stages 1 and 2 (issue 16, point 3): every exercise has at least two mistakes/
files, each with a targeted hint as its docstring, and every exercise whose functions take arrays
has one for changing an input in place (mutates_input.py, or aliases_input.py where writing into
the caller's array and returning it is the natural slip). The self-check test proves each fails."""

from __future__ import annotations

import ast

import pytest

from ldl.curriculum.items import load_exercises

STAGES = ("1-practical", "2-math")
# Their API takes no numpy array the learner could change: a torch module built from sizes, a path,
# learning rates (floats).
NO_ARRAY_INPUTS = {"dot_product_bias", "folder_datablock", "train_valid_test_split", "discriminative_lrs"}
EXERCISES = [exercise for exercise in load_exercises() if exercise.stage_dir in STAGES]


def _hint(path) -> str:
    return (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()


def test_stages_one_and_two_are_all_here():
    assert len(EXERCISES) == 38  # 32, then 3 tabular and 3 other stage-1 exercises (2026-11-30)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_every_exercise_has_at_least_two_mistakes_with_hints(exercise):
    mistakes = sorted(exercise.mistakes_dir.glob("*.py"))
    assert len(mistakes) >= 2, f"{exercise.id}: only {[m.name for m in mistakes]}"
    for mistake in mistakes:
        hint = _hint(mistake)
        assert len(hint) >= 60, f"{exercise.id}/{mistake.name}: the docstring is the hint; write one"


@pytest.mark.parametrize(
    "exercise", [e for e in EXERCISES if e.id not in NO_ARRAY_INPUTS], ids=lambda exercise: exercise.id
)
def test_array_exercises_have_an_in_place_mistake(exercise):
    names = {path.name for path in exercise.mistakes_dir.glob("*.py")}
    assert names & {"mutates_input.py", "aliases_input.py"}, f"{exercise.id}: {sorted(names)}"
