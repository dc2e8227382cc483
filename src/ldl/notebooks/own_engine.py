"""Your own engine: the learner's exercise files, imported so that a lab can train with them.

Stage 3's exercises each build one piece (a Linear layer, the cross-entropy's gradient, an
optimiser, the training loop). A lab asks for the pieces it needs by exercise id:

    from ldl.notebooks.own_engine import load_own_engine
    engine = load_own_engine(["module_linear", "cross_entropy_grad", "sgd_momentum", "training_loop"])
    # prints, piece by piece, whose code is in use:
    #   module_linear        yours     exercises/3-deep-dive/module_linear.py
    #   sgd_momentum         stand-in  not passed yet: `ldl show sgd_momentum`, then `ldl check sgd_momentum`
    nn = engine["module_linear"]                 # a module: nn.Linear, nn.ReLU, nn.Sequential
    engine.pieces["module_linear"].source        # "yours" or "stand-in"

For each piece the rule is simple: **yours** when the progress store records a passing check of
that exercise and your file (`Exercise.learner_path`) imports and defines every public name the
reference defines; otherwise the **stand-in**, ldl's reference solution, and the reason is said
(not passed yet and the command to do it, your file is missing, or the error it raised on import).

A piece may import the pieces listed in its exercise's `uses` by their bare names
(`from cross_entropy_grad import softmax_cross_entropy`), as it does in the grader. Those are
loaded first, and while a piece's file runs, each bare name points at the version chosen for it,
so a stand-in training loop calls *your* loss when you passed that exercise, and the other way
round. The bare names are put back as they were afterwards: nothing else sees them.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Literal

from ldl.curriculum.items import Exercise, get_exercise
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, find_workspace

YOURS = "yours"
STAND_IN = "stand-in"
MODULE_PREFIX = "ldl_own_engine"  # sys.modules names: ldl_own_engine.yours.module_linear, ...


@dataclass(frozen=True)
class Piece:
    """One exercise's code as the engine uses it."""

    exercise_id: str
    source: Literal["yours", "stand-in"]
    module: ModuleType
    path: Path  # the file that was imported
    note: str  # why this version, in a sentence (with the command to run for a stand-in)


@dataclass
class OwnEngine:
    """The pieces, in the order they were loaded (every piece after the pieces it uses)."""

    pieces: dict[str, Piece] = field(default_factory=dict)
    workspace: Workspace | None = None

    def __getitem__(self, exercise_id: str) -> ModuleType:
        return self.pieces[exercise_id].module

    def yours(self) -> list[str]:
        return [key for key, piece in self.pieces.items() if piece.source == YOURS]

    def stand_ins(self) -> list[str]:
        return [key for key, piece in self.pieces.items() if piece.source == STAND_IN]

    def describe(self) -> str:
        """A few lines for the lab's output: each piece, whose it is, and why."""
        width = max((len(key) for key in self.pieces), default=0)
        lines = [f"Your engine: {len(self.yours())} of {len(self.pieces)} pieces are yours."]
        for key, piece in self.pieces.items():
            lines.append(f"  {key:{width}}  {piece.source:8}  {piece.note}")
        if self.stand_ins():
            lines.append(
                "A stand-in is ldl's reference solution: the lab runs the same, and each exercise "
                "you pass replaces one with your own code the next time you run it."
            )
        return "\n".join(lines)


def load_own_engine(
    exercise_ids: list[str], workspace: Workspace | None = None, announce: bool = True
) -> OwnEngine:
    """Import each exercise's piece (and the pieces it uses): yours if passed, else the stand-in.

    `workspace` defaults to the one `find_workspace` finds (LDL_HOME, else the current folder
    upwards); with none, every piece is a stand-in. `announce` prints `OwnEngine.describe()`.
    """
    workspace = workspace or find_workspace()
    engine = OwnEngine(workspace=workspace)
    passed = _passed_exercises(workspace)
    for exercise in _with_dependencies(exercise_ids):
        engine.pieces[exercise.id] = _load_piece(exercise, workspace, passed, engine)
    if announce:
        print(engine.describe(), flush=True)
    return engine


def todo_command(exercise_id: str) -> str:
    """How to do an exercise from the command line."""
    return f"`ldl show {exercise_id}`, then `ldl check {exercise_id}`"


def _passed_exercises(workspace: Workspace | None) -> set[str]:
    """The exercises with at least one passing check in the workspace's progress store."""
    if workspace is None or not workspace.progress_db.is_file():
        return set()
    with ProgressStore(workspace.progress_db) as store:
        return {attempt.exercise_id for attempt in store.attempts() if attempt.verdict == "pass"}


def _with_dependencies(exercise_ids: list[str]) -> list[Exercise]:
    """The exercises and, before each, those it `uses` (depth first, each once)."""
    ordered: dict[str, Exercise] = {}

    def visit(exercise_id: str) -> None:
        if exercise_id in ordered:
            return
        exercise = get_exercise(exercise_id)  # an LdlError naming close matches for a typo
        for used in exercise.uses:
            visit(used)
        ordered[exercise_id] = exercise

    for exercise_id in exercise_ids:
        visit(exercise_id)
    return list(ordered.values())


def _load_piece(
    exercise: Exercise, workspace: Workspace | None, passed: set[str], engine: OwnEngine
) -> Piece:
    """Your file if you passed the exercise and it loads whole; else the reference solution."""
    if workspace is None:
        reason = "no workspace found (run `ldl init`, then open the lab from it)"
    elif exercise.id not in passed:
        reason = f"not passed yet: {todo_command(exercise.id)}"
    else:
        path = exercise.learner_path(workspace)
        shown = path.relative_to(workspace.root)
        if not path.is_file():
            reason = f"you passed it, but {shown} is missing ({todo_command(exercise.id)} to redo it)"
        else:
            try:
                module = _import_file(path, YOURS, exercise, engine)
                missing = sorted(_public_names(exercise.solution_path) - set(vars(module)))
                if not missing:
                    return Piece(exercise.id, YOURS, module, path, str(shown))
                reason = f"your {shown} does not define {', '.join(missing)}"
            except (Exception, SystemExit) as error:  # the learner's code may raise anything as it loads
                problem = _describe_error(error, path)
                reason = f"your {shown} failed to import ({problem}); fix it, then `ldl check {exercise.id}`"
    module = _import_file(exercise.solution_path, STAND_IN, exercise, engine)
    return Piece(exercise.id, STAND_IN, module, exercise.solution_path, reason)


def _import_file(path: Path, source: str, exercise: Exercise, engine: OwnEngine) -> ModuleType:
    """Run `path` as a fresh module, with the bare names of its `uses` pointing at their pieces."""
    name = f"{MODULE_PREFIX}.{source.replace('-', '_')}.{exercise.id}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    bare = {used: engine[used] for used in exercise.uses}
    saved = {key: sys.modules.get(key) for key in (*bare, name)}
    sys.modules.update(bare)
    sys.modules[name] = module  # classes defined in the file need their module registered
    try:
        spec.loader.exec_module(module)
    except BaseException:
        _restore(saved)
        raise
    _restore({key: value for key, value in saved.items() if key != name})
    return module


def _restore(saved: dict[str, ModuleType | None]) -> None:
    for key, value in saved.items():
        if value is None:
            sys.modules.pop(key, None)
        else:
            sys.modules[key] = value


def _describe_error(error: BaseException, path: Path) -> str:
    """'SyntaxError: invalid syntax, line 3': the error and where in the learner's file it arose."""
    line = error.lineno if isinstance(error, SyntaxError) else None
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename) == path:
            line = frame.lineno  # the deepest line of their file that the error passed through
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    where = f", line {line}" if line else ""
    return f"{type(error).__name__}: {message}{where}" if message else f"{type(error).__name__}{where}"


def _public_names(solution: Path) -> set[str]:
    """The top-level functions and classes the reference defines (the exercise's API)."""
    tree = ast.parse(solution.read_text(encoding="utf-8"))
    kinds = (ast.FunctionDef, ast.ClassDef)
    return {node.name for node in tree.body if isinstance(node, kinds) and not node.name.startswith("_")}


@dataclass(frozen=True)
class LossComparison:
    """Two runs' per-step losses side by side."""

    steps: int  # steps compared (the shorter run's length)
    max_gap: float  # the largest |ours - theirs| over those steps
    first_step_over: int | None  # the first step whose gap exceeds the tolerance (None: none does)


def compare_losses(ours: list[float], theirs: list[float], tolerance: float) -> LossComparison:
    """Compare two loss curves step by step: where they part is where to look for a bug."""
    steps = min(len(ours), len(theirs))
    gaps = [abs(float(a) - float(b)) for a, b in zip(ours[:steps], theirs[:steps])]
    over = next((step for step, gap in enumerate(gaps) if not gap <= tolerance), None)  # NaN counts
    if len(ours) != len(theirs) and over is None:
        over = steps  # one run took more steps than the other: they part there
    max_gap = float("nan") if any(gap != gap for gap in gaps) else max(gaps, default=0.0)
    return LossComparison(steps, max_gap, over)
