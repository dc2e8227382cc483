"""Content items: the labs, exercises and review cards found in the content tree.

    stages/<stage-dir>/labs/<lab_id>.py                 a jupytext notebook; metadata in its header
    stages/<stage-dir>/exercises/<exercise_id>/         exercise.yaml, statement, starter, solution...
    stages/<stage-dir>/cards/<name>.yaml                a list of review cards

Items point at their unit; the unit does not list them, so adding an item touches only its own
files. Loading validates every item (fields, id = file name, the unit exists and belongs to the
item's stage, `goals` are numbers of that unit's `learning_goals`) and raises a `ContentError`
naming the file and the field. Results are cached and sorted in curriculum order: stage, the
unit's position in its stage, then the item's `order`.
The formats are in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import pydantic

from ldl.curriculum.loading import ContentError, Strict, display, parse_yaml, read_yaml, suggest, validate
from ldl.curriculum.raw import (
    DEFAULT_BUDGET_SECONDS,
    DEFAULT_MEMORY_MB,
    ExerciseFiles,
    allowed_imports,
    guard_settings,
)
from ldl.curriculum.syllabus import Syllabus, load_syllabus
from ldl.errors import LdlError
from ldl.paths import CONTENT_ROOT

if TYPE_CHECKING:
    from ldl.workspace import Workspace

ITEM_ID = r"^[a-z][a-z0-9_]*$"
CARD_ID = r"^[a-z][a-z0-9_.-]*$"


class Lab(Strict):
    """A lab notebook. `path` is the jupytext source; the learner gets an .ipynb in the workspace."""

    id: str = pydantic.Field(pattern=ITEM_ID)
    title: str
    unit: str
    order: int = pydantic.Field(ge=0)
    minutes: int = pydantic.Field(gt=0)
    tour: bool = False
    fast_timeout: int = pydantic.Field(default=300, gt=0)
    goals: list[int] = []  # which of its unit's learning goals it teaches (1-based)
    path: Path = Path()
    stage_dir: str = ""

    def learner_path(self, workspace: Workspace) -> Path:
        return workspace.labs_dir / self.stage_dir / f"{self.id}.ipynb"


class Forbidden(Strict):
    """A dotted name the learner's code may not use (e.g. `numpy.linalg.eigh`), and why."""

    name: str = pydantic.Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
    reason: str = pydantic.Field(min_length=1)


class GuardDefaults(Strict):
    """Exercise-wide defaults for the grader's guards (a Case's own setting wins); see
    `ldl.grading.spec.Case`. Switching a guard off needs a `reason`."""

    mutates: list[str] | None = None
    may_alias: bool | None = None
    exact_dtype: bool | None = None
    fp_warnings: bool | None = None
    global_random: bool | None = None
    time_factor: float | None = pydantic.Field(default=None, gt=0)
    memory_factor: float | None = pydantic.Field(default=None, gt=0)  # given as null: no budget
    reason: str = ""

    @pydantic.model_validator(mode="after")
    def _reason_when_off(self) -> GuardDefaults:
        off = [name for name, value in self.settings().items() if _weakens(name, value)]
        if off and not self.reason.strip():
            raise ValueError(f"switching off {', '.join(off)} needs a reason")
        return self

    def settings(self) -> dict:
        """The settings given (an explicit `memory_factor: null` switches the budget off)."""
        return guard_settings({name: getattr(self, name) for name in self.model_fields_set})


def _weakens(name: str, value) -> bool:
    safe = {"may_alias": False, "exact_dtype": True, "fp_warnings": True, "global_random": False}
    if name == "mutates":
        return bool(value)
    if name == "memory_factor":
        return value is None
    return name in safe and value is not safe[name]


class Exercise(Strict, ExerciseFiles):
    """An exercise folder: statement, starter, reference solution, checks, known mistakes."""

    id: str = pydantic.Field(pattern=ITEM_ID)
    title: str
    unit: str
    order: int = pydantic.Field(ge=0)
    budget_seconds: float = pydantic.Field(default=DEFAULT_BUDGET_SECONDS, gt=0)
    memory_mb: int = pydantic.Field(default=DEFAULT_MEMORY_MB, gt=0)
    requires: list[Literal["numpy", "torch", "fastai"]] = []  # imported before the learner's code
    uses: list[str] = []
    hints: list[str] = pydantic.Field(min_length=2)
    forbid: list[Forbidden] = []  # names the learner's code may not call or import
    imports: list[str] | None = None  # top-level modules it may import (None: the default list)
    guards: GuardDefaults = GuardDefaults()  # exercise-wide guard defaults
    goals: list[int] = []  # which of its unit's learning goals it practises (1-based)
    folder: Path = Path()
    stage_dir: str = ""

    @property
    def allowed_imports(self) -> list[str]:
        """What the learner's file may import: `imports`, else numpy and math plus `requires`
        and `uses` (a few language-level modules such as `__future__` are always allowed)."""
        return allowed_imports(self.imports, self.requires, self.uses)


class Card(Strict):
    """A review card (question and answer may use Markdown and $math$)."""

    id: str = pydantic.Field(pattern=CARD_ID)
    unit: str
    question: str
    answer: str
    source: Path = Path()


Item = TypeVar("Item", Lab, Exercise)


def load_labs(root: Path | None = None) -> tuple[Lab, ...]:
    """Every lab under content root `root` (default: ldl's own), in curriculum order."""
    return _load_labs(_root(root))


def load_exercises(root: Path | None = None) -> tuple[Exercise, ...]:
    """Every exercise under content root `root` (default: ldl's own), in curriculum order."""
    return _load_exercises(_root(root))


def load_cards(root: Path | None = None) -> tuple[Card, ...]:
    """Every review card under content root `root` (default: ldl's own), in curriculum order."""
    return _load_cards(_root(root))


def get_lab(lab_id: str, root: Path | None = None) -> Lab:
    return _find(lab_id, load_labs(root), "lab", "ldl labs")


def get_exercise(exercise_id: str, root: Path | None = None) -> Exercise:
    """The exercise `exercise_id`. Only its own folder is read and validated (with the syllabus and
    the exercises it `uses`): `ldl check ID` should not parse the other hundred exercise.yaml files.
    `load_exercises` reads and checks them all (ids unique, `uses` in curriculum order)."""
    root = _root(root)
    if re.fullmatch(ITEM_ID, exercise_id):
        found = sorted(root.glob(f"stages/*/exercises/{exercise_id}/exercise.yaml"))
        if len(found) == 1:
            return _one_exercise(found[0], root)
    return _find(exercise_id, load_exercises(root), "exercise", "ldl exercises")


def clear_caches() -> None:
    """Forget everything loaded (tests that edit content files in place call this)."""
    from ldl.curriculum.syllabus import _load_syllabus

    for cached in (_load_labs, _load_exercises, _one_exercise, _load_cards, _load_syllabus):
        cached.cache_clear()


def _root(root: Path | None) -> Path:
    return (root or CONTENT_ROOT).resolve()


def _find(item_id: str, items: tuple[Item, ...], kind: str, lister: str) -> Item:
    for item in items:
        if item.id == item_id:
            return item
    ids = [item.id for item in items]
    hint = suggest(item_id, ids) if ids else f"No {kind}s exist yet."
    raise LdlError(f"There is no {kind} `{item_id}`.", hint=f"{hint} (`{lister}` shows what exists.)")


# ---- discovery ---------------------------------------------------------------------------------


@functools.cache
def _load_labs(root: Path) -> tuple[Lab, ...]:
    syllabus = load_syllabus(root)
    labs = [_read_lab(path, syllabus) for path in sorted(root.glob("stages/*/labs/*.py"))]
    _check_unique(labs, "lab")
    return tuple(sorted(labs, key=_order_key(syllabus)))


@functools.cache
def _load_exercises(root: Path) -> tuple[Exercise, ...]:
    syllabus = load_syllabus(root)
    paths = sorted(root.glob("stages/*/exercises/*/exercise.yaml"))
    exercises = [_read_exercise(path, syllabus) for path in paths]
    _check_unique(exercises, "exercise")
    ordered = tuple(sorted(exercises, key=_order_key(syllabus)))
    for position, exercise in enumerate(ordered):
        _check_uses(exercise, ordered[:position], ordered)
    return ordered


@functools.cache
def _one_exercise(path: Path, root: Path) -> Exercise:
    exercise = _read_exercise(path, load_syllabus(root))
    for used in exercise.uses:  # they exist in the same stage (their order: see `_check_uses`)
        if not (path.parents[1] / used / "exercise.yaml").is_file():
            raise ContentError(
                f"{display(path)}: uses: `{used}` must be an earlier exercise of stage {exercise.stage_dir}."
            )
    return exercise


def _check_uses(exercise: Exercise, earlier: tuple[Exercise, ...], every: tuple[Exercise, ...]) -> None:
    """`uses` names exercises that come earlier in the same stage: the learner's files for a stage
    share one folder, which is what makes `import earlier_exercise` work."""
    source = display(exercise.folder / "exercise.yaml")
    for used in exercise.uses:
        if used not in {e.id for e in every}:
            raise ContentError(
                f"{source}: uses: unknown exercise `{used}`.", hint=suggest(used, [e.id for e in every])
            )
        if used not in {e.id for e in earlier if e.stage_dir == exercise.stage_dir}:
            raise ContentError(
                f"{source}: uses: `{used}` must be an earlier exercise of stage {exercise.stage_dir}."
            )


@functools.cache
def _load_cards(root: Path) -> tuple[Card, ...]:
    syllabus = load_syllabus(root)
    cards: list[Card] = []
    for path in sorted(root.glob("stages/*/cards/*.yaml")):
        data = read_yaml(path)
        if not isinstance(data, list):
            raise ContentError(f"{display(path)}: (top level): should be a list of cards.")
        for index, entry in enumerate(data):
            card = validate(Card, entry, path, at=(index,), document=data).model_copy(update={"source": path})
            _check_unit(
                card.unit, path.parents[1].name, syllabus, f"{display(path)}: [{index}] ({card.id}).unit"
            )
            cards.append(card)
    _check_unique(cards, "card")
    return tuple(sorted(cards, key=_order_key(syllabus)))


def _read_lab(path: Path, syllabus: Syllabus) -> Lab:
    header = parse_yaml(jupytext_header(path), path) or {}
    meta = header.get("jupyter", {}).get("ldl") if isinstance(header, dict) else None
    if not isinstance(meta, dict):
        raise ContentError(
            f"{display(path)}: jupyter.ldl: missing; the lab header must carry ldl's metadata."
        )
    for key in ("path", "stage_dir"):
        if key in meta:
            raise ContentError(f"{display(path)}: jupyter.ldl.{key}: set by ldl, not by the header.")
    lab = validate(Lab, meta, path)
    if lab.id != path.stem:
        raise ContentError(
            f"{display(path)}: jupyter.ldl.id: `{lab.id}` must equal the file name `{path.stem}`."
        )
    stage_dir = path.parents[1].name
    _check_unit(lab.unit, stage_dir, syllabus, f"{display(path)}: jupyter.ldl.unit")
    _check_goals(lab.goals, lab.unit, syllabus, f"{display(path)}: jupyter.ldl.goals")
    return lab.model_copy(update={"path": path, "stage_dir": stage_dir})


def _read_exercise(path: Path, syllabus: Syllabus) -> Exercise:
    data = read_yaml(path)
    if isinstance(data, dict):
        for key in ("folder", "stage_dir"):
            if key in data:
                raise ContentError(f"{display(path)}: {key}: set by ldl, not by exercise.yaml.")
    exercise = validate(Exercise, data, path)
    folder = path.parent
    if exercise.id != folder.name:
        raise ContentError(
            f"{display(path)}: id: `{exercise.id}` must equal the folder name `{folder.name}`."
        )
    stage_dir = folder.parents[1].name
    _check_unit(exercise.unit, stage_dir, syllabus, f"{display(path)}: unit")
    _check_goals(exercise.goals, exercise.unit, syllabus, f"{display(path)}: goals")
    return exercise.model_copy(update={"folder": folder, "stage_dir": stage_dir})


def jupytext_header(path: Path) -> str:
    """The YAML between the leading `# ---` lines of a percent-format file, with `# ` removed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "# ---":
        raise ContentError(f"{display(path)}: (header): a lab must start with a `# ---` jupytext header.")
    body: list[str] = []
    for line in lines[1:]:
        if line.strip() == "# ---":
            return "\n".join(body)
        body.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    raise ContentError(f"{display(path)}: (header): the `# ---` header is never closed.")


def _check_unit(unit_id: str, stage_dir: str, syllabus: Syllabus, where: str) -> None:
    if unit_id not in syllabus.unit_ids:
        raise ContentError(f"{where}: unknown unit `{unit_id}`.", hint=suggest(unit_id, syllabus.unit_ids))
    stage = syllabus.stage_of(unit_id)
    if stage.dir != stage_dir:
        raise ContentError(
            f"{where}: `{unit_id}` belongs to stage {stage.dir}, but the file is in {stage_dir}."
        )


def _check_goals(goals: list[int], unit_id: str, syllabus: Syllabus, where: str) -> None:
    """`goals` are 1-based numbers of the unit's `learning_goals`, each named once."""
    promised = syllabus.unit(unit_id).learning_goals
    numbered = "; ".join(f"{number}. {goal}" for number, goal in enumerate(promised, 1))
    for goal in goals:
        if not 1 <= goal <= len(promised):
            raise ContentError(
                f"{where}: {goal} is not a learning goal of `{unit_id}`, which has "
                f"{len(promised)} (numbered 1 to {len(promised)}).",
                hint=f"Its learning goals in stage.yaml: {numbered}",
            )
    if len(set(goals)) != len(goals):
        raise ContentError(f"{where}: {goals} names a goal twice.", hint=f"Its learning goals: {numbered}")


def _check_unique(items: list[Lab] | list[Exercise] | list[Card], kind: str) -> None:
    seen: dict[str, Path] = {}
    for item in items:
        where = _source(item)
        if item.id in seen:
            raise ContentError(
                f"{display(where)}: id: `{item.id}` is also used by {display(seen[item.id])}.",
                hint=f"{kind.capitalize()} ids must be unique across all stages.",
            )
        seen[item.id] = where


def _source(item: Lab | Exercise | Card) -> Path:
    if isinstance(item, Lab):
        return item.path
    return item.folder / "exercise.yaml" if isinstance(item, Exercise) else item.source


def _order_key(syllabus: Syllabus):
    position = {unit_id: index for index, unit_id in enumerate(syllabus.unit_ids)}
    return lambda item: (position[item.unit], getattr(item, "order", 0), item.id)
