"""Labs, exercises and cards: discovered from the content tree, validated, in curriculum order."""

from __future__ import annotations

import pytest
import yaml
from content_kit import add_cards, add_exercise, add_lab, lab_text, make_content

from ldl.curriculum.items import get_exercise, get_lab, load_cards, load_exercises, load_labs
from ldl.curriculum.loading import ContentError
from ldl.curriculum.syllabus import load_syllabus
from ldl.errors import LdlError
from ldl.workspace import Workspace

# ---- the real content --------------------------------------------------------------------------


def test_real_items_load_and_point_at_units_of_their_own_stage():
    syllabus = load_syllabus()
    for item in (*load_labs(), *load_exercises(), *load_cards()):
        assert item.unit in syllabus.unit_ids
    for item in (*load_labs(), *load_exercises()):
        assert syllabus.stage_of(item.unit).dir == item.stage_dir


def test_real_exercises_have_every_file_the_grader_needs():
    for exercise in load_exercises():
        for path in (
            exercise.statement_path,
            exercise.starter_path,
            exercise.solution_path,
            exercise.checks_path,
        ):
            assert path.is_file(), path
        assert all(used in {e.id for e in load_exercises()} for used in exercise.uses)


# ---- discovery and order -----------------------------------------------------------------------


def test_labs_exercises_and_cards_are_found_and_sorted_by_unit_then_order(tmp_path):
    root = make_content(tmp_path)
    add_lab(root, "2-beta", "beta_lab", "beta.one", order=1, tour=True, fast_timeout=60)
    add_lab(root, "1-alpha", "second_lab", "alpha.two", order=1)
    add_lab(root, "1-alpha", "first_lab", "alpha.one", order=2)
    add_lab(root, "1-alpha", "zeroth_lab", "alpha.one", order=1)
    add_exercise(root, "1-alpha", "later", "alpha.two", order=2, requires=["numpy"], uses=["earlier"])
    add_exercise(root, "1-alpha", "earlier", "alpha.one", order=5)
    add_cards(
        root, "2-beta", "deck", [{"id": "b.card", "unit": "beta.one", "question": "Q?", "answer": "A."}]
    )
    add_cards(
        root, "1-alpha", "deck", [{"id": "a.card", "unit": "alpha.one", "question": "Q?", "answer": "A."}]
    )

    assert [lab.id for lab in load_labs(root)] == ["zeroth_lab", "first_lab", "second_lab", "beta_lab"]
    assert [e.id for e in load_exercises(root)] == ["earlier", "later"]
    assert [c.id for c in load_cards(root)] == ["a.card", "b.card"]
    lab = get_lab("beta_lab", root)
    assert (lab.tour, lab.fast_timeout, lab.minutes, lab.stage_dir) == (True, 60, 30, "2-beta")
    assert (
        lab.learner_path(Workspace(tmp_path / "ws")) == tmp_path / "ws" / "labs" / "2-beta" / "beta_lab.ipynb"
    )


def test_an_exercise_knows_its_files_and_the_learners_file(tmp_path):
    root = make_content(tmp_path / "content")
    folder = add_exercise(root, "1-alpha", "softmax", "alpha.one", budget_seconds=3, memory_mb=128)
    exercise = get_exercise("softmax", root)
    assert exercise.folder == folder.resolve()
    assert exercise.starter_path.read_text().startswith("def softmax")
    assert exercise.checks_path.name == "checks.py" and exercise.mistakes_dir.name == "mistakes"
    assert (exercise.budget_seconds, exercise.memory_mb, exercise.requires) == (3, 128, [])
    workspace = Workspace(tmp_path / "ws")
    assert exercise.learner_path(workspace) == tmp_path / "ws" / "exercises" / "1-alpha" / "softmax.py"


def test_unknown_ids_suggest_close_matches(tmp_path):
    root = make_content(tmp_path)
    add_exercise(root, "1-alpha", "stable_softmax", "alpha.one")
    with pytest.raises(LdlError) as caught:
        get_exercise("stable_sofmax", root)
    assert "`stable_softmax`" in caught.value.hint
    with pytest.raises(LdlError, match="no lab `nothing`"):
        get_lab("nothing", root)


# ---- bad items name the file and the field -----------------------------------------------------


def content_error(root) -> str:
    with pytest.raises(ContentError) as caught:
        load_labs(root), load_exercises(root), load_cards(root)
    return str(caught.value)


def test_a_lab_id_must_equal_its_file_name(tmp_path):
    root = make_content(tmp_path)
    path = add_lab(root, "1-alpha", "good", "alpha.one")
    path.rename(path.with_name("renamed.py"))
    assert "stages/1-alpha/labs/renamed.py: jupyter.ldl.id: `good` must equal the file name" in content_error(
        root
    )


def test_a_lab_field_error_names_the_lab_file(tmp_path):
    root = make_content(tmp_path)
    add_lab(root, "1-alpha", "slow", "alpha.one", minutes="an hour")
    assert "stages/1-alpha/labs/slow.py: minutes" in content_error(root)


def test_a_lab_without_ldl_metadata_is_an_error(tmp_path):
    root = make_content(tmp_path)
    path = root / "stages" / "1-alpha" / "labs" / "bare.py"
    path.parent.mkdir(parents=True)
    path.write_text("# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n")
    assert "labs/bare.py: jupyter.ldl: missing" in content_error(root)
    path.write_text("print('no header')\n")
    assert "labs/bare.py: (header)" in content_error(root)


def test_an_items_unit_must_exist_and_belong_to_its_stage(tmp_path):
    root = make_content(tmp_path)
    add_exercise(root, "1-alpha", "lost", "alpha.three")
    message = content_error(root)
    assert "exercises/lost/exercise.yaml: unit: unknown unit `alpha.three`" in message
    add_exercise(root, "1-alpha", "lost", "beta.one")
    assert "`beta.one` belongs to stage 2-beta, but the file is in 1-alpha" in content_error(root)


def test_an_exercise_needs_two_hints_and_a_matching_folder(tmp_path):
    root = make_content(tmp_path)
    folder = add_exercise(root, "1-alpha", "hintless", "alpha.one", hints=["only one"])
    assert "exercises/hintless/exercise.yaml: hints" in content_error(root)
    meta = yaml.safe_load((folder / "exercise.yaml").read_text()) | {"hints": ["a", "b"], "id": "other"}
    (folder / "exercise.yaml").write_text(yaml.safe_dump(meta))
    assert "id: `other` must equal the folder name `hintless`" in content_error(root)


def test_uses_must_name_existing_exercises(tmp_path):
    root = make_content(tmp_path)
    add_exercise(root, "1-alpha", "needs", "alpha.one", uses=["missing_one"])
    assert "exercises/needs/exercise.yaml: uses: unknown exercise `missing_one`" in content_error(root)


def test_ids_are_unique_across_stages(tmp_path):
    root = make_content(tmp_path)
    add_lab(root, "1-alpha", "twin", "alpha.one")
    add_lab(root, "2-beta", "twin", "beta.one")
    assert "id: `twin` is also used by" in content_error(root)


def test_cards_are_validated_per_entry(tmp_path):
    root = make_content(tmp_path)
    add_cards(root, "1-alpha", "deck", [{"id": "ok", "unit": "alpha.one", "question": "Q", "answer": "A"},
                                         {"id": "bad", "unit": "alpha.one", "question": "Q"}])  # fmt: skip
    assert "stages/1-alpha/cards/deck.yaml: [1] (bad).answer" in content_error(root)


def test_lab_text_helper_round_trips():
    """The test helper writes the header format documented in docs/ARCHITECTURE.md."""
    text = lab_text({"id": "x"})
    assert text.startswith("# ---\n# jupyter:\n") and "#   ldl:\n#     id: x" in text


def test_uses_must_name_an_earlier_exercise_of_the_same_stage(tmp_path):
    root = make_content(tmp_path)
    add_exercise(root, "1-alpha", "first", "alpha.one", order=1, uses=["second"])
    add_exercise(root, "1-alpha", "second", "alpha.one", order=2)
    assert "exercises/first/exercise.yaml: uses: `second` must be an earlier exercise of stage 1-alpha" in (
        content_error(root)
    )
    add_exercise(root, "1-alpha", "first", "alpha.one", order=1)
    add_exercise(root, "2-beta", "third", "beta.one", uses=["first"])
    assert "`first` must be an earlier exercise of stage 2-beta" in content_error(root)
