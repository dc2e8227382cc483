"""Build small content trees in a temporary folder, so tests control every field.

`make_content(root)` writes a valid two-stage syllabus; tests edit the returned dicts and call
`write_content` again (or use `add_lab` / `add_exercise` / `add_cards`) to make a file bad in
exactly one way.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

RESOURCE = {"title": "A book", "url": "https://example.org/book", "kind": "book", "author": "Someone"}


def unit(unit_id: str, hours: float = 2, prerequisites=(), optional_for=(), resources=(RESOURCE,)) -> dict:
    return {
        "id": unit_id,
        "title": unit_id.split(".")[1].title(),
        "summary": f"All about {unit_id}.",
        "learning_goals": [f"Understand {unit_id}."],
        "hours": hours,
        "prerequisites": list(prerequisites),
        "optional_for": list(optional_for),
        "resources": [copy.deepcopy(r) for r in resources],
    }


def default_tree() -> dict:
    """{'syllabus': ..., 'stages': {dir: stage dict}}: a valid content tree as plain data."""
    syllabus = {
        "title": "Test course",
        "summary": "A tiny course.",
        "default_goal": "everything",
        "goals": [
            {"id": "everything", "title": "All of it", "summary": "Every unit."},
            {"id": "quick", "title": "The short way", "summary": "Leaves out alpha.two."},
        ],
        "stages": [{"key": "alpha", "dir": "1-alpha"}, {"key": "beta", "dir": "2-beta"}],
    }
    alpha = {
        "key": "alpha",
        "number": 1,
        "title": "Alpha",
        "summary": "The first stage.",
        "units": [
            unit("alpha.one", hours=2),
            unit("alpha.two", hours=4, prerequisites=["alpha.one"], optional_for=["quick"]),
        ],
    }
    beta = {
        "key": "beta",
        "number": 2,
        "title": "Beta",
        "summary": "The second stage.",
        "units": [unit("beta.one", hours=6, prerequisites=["alpha.two"])],
    }
    return {"syllabus": syllabus, "stages": {"1-alpha": alpha, "2-beta": beta}}


def write_content(root: Path, tree: dict) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "syllabus.yaml").write_text(yaml.safe_dump(tree["syllabus"], sort_keys=False))
    for stage_dir, stage in tree["stages"].items():
        folder = root / "stages" / stage_dir
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "stage.yaml").write_text(yaml.safe_dump(stage, sort_keys=False))
    return root


def make_content(root: Path) -> Path:
    return write_content(root, default_tree())


def lab_text(meta: dict) -> str:
    header = yaml.safe_dump({"jupyter": {"jupytext": {"formats": "ipynb,py:percent"}, "ldl": meta}})
    commented = "\n".join(f"# {line}" for line in header.splitlines())
    return f"# ---\n{commented}\n# ---\n\n# %% [markdown]\n# A lab.\n\n# %%\nprint('hello')\n"


def add_lab(root: Path, stage_dir: str, lab_id: str, unit_id: str, order: int = 1, **extra) -> Path:
    meta = {"id": lab_id, "title": f"Lab {lab_id}", "unit": unit_id, "order": order, "minutes": 30, **extra}
    path = root / "stages" / stage_dir / "labs" / f"{lab_id}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lab_text(meta))
    return path


def add_exercise(root: Path, stage_dir: str, exercise_id: str, unit_id: str, order: int = 1, **extra) -> Path:
    folder = root / "stages" / stage_dir / "exercises" / exercise_id
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"id": exercise_id, "title": f"Exercise {exercise_id}", "unit": unit_id, "order": order}
    meta |= {"hints": ["A nudge.", "Nearly the answer."], **extra}
    (folder / "exercise.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    (folder / "starter.py").write_text(
        f'def {exercise_id}():\n    """Do it."""\n    raise NotImplementedError\n'
    )
    (folder / "solution.py").write_text(f"def {exercise_id}():\n    return 42\n")
    (folder / "statement.md").write_text(f"# {exercise_id}\n")
    (folder / "checks.py").write_text("def cases():\n    return []\n")
    return folder


def add_cards(root: Path, stage_dir: str, name: str, cards: list[dict]) -> Path:
    path = root / "stages" / stage_dir / "cards" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(cards, sort_keys=False))
    return path
