"""ldl.notebooks.own_engine: the learner's passed exercise files become the pieces of a working
engine; everything else falls back to the reference solution, and says why.

Each test builds a throwaway workspace whose progress store records some checks, with learner
files written into exercises/3-deep-dive/ (copies of the reference solutions, marked so that we
can tell whose code was imported)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from ldl.cli.app import COMMAND_MODULES
from ldl.curriculum.items import get_exercise
from ldl.notebooks.own_engine import STAND_IN, YOURS, compare_losses, load_own_engine
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, create_workspace

PIECES = ["module_linear", "cross_entropy_grad", "sgd_momentum", "training_loop"]
MARK = "\nWHOSE = 'learner'\n"  # appended to a learner's copy of a solution


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    return Workspace(create_workspace(tmp_path / "ws", []).root)


def write_learner_file(workspace: Workspace, exercise_id: str, text: str | None = None) -> None:
    exercise = get_exercise(exercise_id)
    path = exercise.learner_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(exercise.solution_path.read_text(encoding="utf-8") + MARK if text is None else text)


def record(workspace: Workspace, **verdicts: str) -> None:
    with ProgressStore(workspace.progress_db) as store:
        for exercise_id, verdict in verdicts.items():
            store.record_attempt(exercise_id, verdict, 0.5)


def test_passed_exercises_are_yours_and_the_others_stand_ins(workspace, capsys):
    for exercise_id in PIECES:
        write_learner_file(workspace, exercise_id)  # every file is there...
    record(workspace, module_linear="pass", sgd_momentum="fail", training_loop="fail")
    record(workspace, training_loop="pass")  # a later pass counts
    engine = load_own_engine(PIECES, workspace)  # ...but only passed ones are used

    assert list(engine.pieces) == PIECES  # the pieces training_loop uses come before it
    assert engine.yours() == ["module_linear", "training_loop"]
    assert engine.stand_ins() == ["cross_entropy_grad", "sgd_momentum"]
    assert getattr(engine["module_linear"], "WHOSE", None) == "learner"
    assert getattr(engine["sgd_momentum"], "WHOSE", None) is None
    assert engine.pieces["module_linear"].path == get_exercise("module_linear").learner_path(workspace)
    assert engine.pieces["sgd_momentum"].path == get_exercise("sgd_momentum").solution_path

    shown = capsys.readouterr().out
    assert "2 of 4 pieces are yours" in shown
    assert "`ldl show sgd_momentum`, then `ldl check sgd_momentum`" in shown
    assert {"show", "check"} <= set(COMMAND_MODULES)  # the commands announced exist


def test_a_piece_imports_the_versions_chosen_for_the_pieces_it_uses(workspace):
    """Your training loop calls the stand-in loss when you have not passed cross_entropy_grad,
    and the stand-in loop calls your loss when you have; the bare names do not leak."""
    write_learner_file(workspace, "training_loop")
    write_learner_file(workspace, "cross_entropy_grad")
    record(workspace, training_loop="pass")
    engine = load_own_engine(["training_loop"], workspace, announce=False)
    assert engine["training_loop"].softmax_cross_entropy is engine["cross_entropy_grad"].softmax_cross_entropy
    assert engine.pieces["cross_entropy_grad"].source == STAND_IN

    record(workspace, training_loop="fail", cross_entropy_grad="pass")  # earlier pass still counts
    again = load_own_engine(["cross_entropy_grad", "module_linear"], workspace, announce=False)
    assert again.pieces["cross_entropy_grad"].source == YOURS
    loop = load_own_engine(["training_loop"], workspace, announce=False)
    assert loop["training_loop"].softmax_cross_entropy.__module__.endswith(".yours.cross_entropy_grad")
    assert not {"training_loop", "cross_entropy_grad", "module_linear", "sgd_momentum"} & set(sys.modules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("import numpy\n\ndef broken(:\n", "failed to import (SyntaxError: invalid syntax, line 3)"),
        ("import numpy as np\nraise RuntimeError('half-written')\n", "(RuntimeError: half-written, line 2)"),
        ("class Parameter:\n    pass\n", "does not define Linear, Module, ReLU, Sequential"),
        ("import sys\nsys.exit(3)\n", "failed to import (SystemExit: 3, line 2)"),
    ],
    ids=["syntax-error", "raises", "missing-names", "exits"],
)
def test_a_passed_file_that_does_not_load_falls_back_with_a_message(workspace, capsys, text, expected):
    write_learner_file(workspace, "module_linear", text)
    record(workspace, module_linear="pass")
    engine = load_own_engine(["module_linear"], workspace)
    piece = engine.pieces["module_linear"]
    assert piece.source == STAND_IN and expected in piece.note
    assert "module_linear.py" in piece.note
    assert expected in capsys.readouterr().out
    assert engine["module_linear"].Linear(3, 2, np.random.default_rng(0))(np.ones((1, 3))).shape == (1, 2)


def test_a_passed_exercise_whose_file_is_gone_and_no_workspace_at_all(workspace, tmp_path, monkeypatch):
    record(workspace, adam="pass")
    piece = load_own_engine(["adam"], workspace, announce=False).pieces["adam"]
    assert piece.source == STAND_IN and "is missing" in piece.note

    monkeypatch.setenv("LDL_HOME", str(tmp_path))  # not a workspace: no marker file there
    engine = load_own_engine(["adam"], announce=False)
    assert engine.workspace is None
    assert engine.stand_ins() == ["adam"] and "no workspace" in engine.pieces["adam"].note


def test_the_assembled_engine_trains(workspace):
    """Your layers, loss, optimiser and loop (some yours, some stand-ins) fit a small problem."""
    for exercise_id in ("module_linear", "training_loop", "sgd_momentum"):
        write_learner_file(workspace, exercise_id)
    record(workspace, module_linear="pass", training_loop="pass")
    engine = load_own_engine(PIECES, workspace, announce=False)
    assert engine.yours() == ["module_linear", "training_loop"]
    nn = engine["module_linear"]

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 20)) * 3
    labels = rng.integers(0, 3, size=600)
    x = (centres[labels] + rng.normal(size=(600, 20))).astype(np.float32)  # (600, 20), three blobs
    model = nn.Sequential(nn.Linear(20, 32, rng), nn.ReLU(), nn.Linear(32, 3, rng))
    optimizer = engine["sgd_momentum"].SGD(model.parameters(), lr=0.05, momentum=0.9)
    loop = engine["training_loop"]
    before, _ = loop.evaluate(model, x[500:], labels[500:], 50)
    history = loop.fit(model, optimizer, x[:500], labels[:500], x[500:], labels[500:], 32, 3, seed=0)
    assert history["train_loss"][-1] < history["train_loss"][0] < before + 0.5
    assert history["val_loss"][-1] < 0.5 * before
    assert history["val_accuracy"][-1] > 0.9  # chance is 1/3


def test_compare_losses_finds_the_first_step_where_the_runs_part():
    same = compare_losses([2.3, 1.9, 1.5], [2.3, 1.9, 1.5 + 1e-12], tolerance=1e-6)
    assert same.first_step_over is None and same.steps == 3 and same.max_gap == pytest.approx(1e-12, rel=0.1)
    parted = compare_losses([2.3, 1.9, 1.5, 1.2], [2.3, 1.9, 1.6, 1.0], tolerance=1e-6)
    assert parted.first_step_over == 2 and parted.max_gap == pytest.approx(0.2)
    nan = compare_losses([2.3, float("nan")], [2.3, 1.9], tolerance=1e-6)
    assert nan.first_step_over == 1 and np.isnan(nan.max_gap)
    assert compare_losses([2.3, 1.9], [2.3], tolerance=1e-6).first_step_over == 1  # one run stopped early


@pytest.mark.slow
@pytest.mark.torch
def test_the_lab_trains_with_your_pieces_and_catches_a_bug_that_torch_does_not_have(workspace):
    """End to end, twice (~40 s each): all four pieces yours, then your cross-entropy gradient
    without its 1/N. The first run matches torch; the second fails on the loss gap."""
    pytest.importorskip("torch")
    from ldl.curriculum.items import get_lab
    from ldl.notebooks.labs import run_reference_lab

    for exercise_id in PIECES:
        write_learner_file(workspace, exercise_id)
    record(workspace, **dict.fromkeys(PIECES, "pass"))
    lab = get_lab("your_own_engine")
    with ProgressStore(workspace.progress_db) as store:
        result = run_reference_lab(lab, workspace, store).notebook
    assert result.status == "ok", result.error
    assert result.metrics["yours"] == 4 and result.metrics["max_loss_gap"] < 1e-12

    bug = get_exercise("cross_entropy_grad").mistakes_dir / "not_divided_by_batch.py"
    write_learner_file(workspace, "cross_entropy_grad", bug.read_text(encoding="utf-8"))
    with ProgressStore(workspace.progress_db) as store:
        result = run_reference_lab(lab, workspace, store).notebook
    assert result.status == "error"
    assert "max_loss_gap" in " ".join(cell.error_message or "" for cell in result.cells)
