"""What the learner chose to publish: `<workspace>/portfolio.yaml`.

    # What `ldl portfolio build` publishes (edit freely, or use `ldl portfolio add|remove`).
    schema_version: 1
    title: Ada's deep learning portfolio     # the site's heading
    author: Ada                              # shown under it
    labs: [fashion_mnist_classifier]         # lab ids: your notebooks in labs/<stage>/<id>.ipynb
    runs: [20261126-143012.042-7f3a]         # run ids under runs/ (`ldl runs list`)

Every capstone under `capstones/` is published: a capstone is the portfolio's reason to exist.
Labs and runs are a choice, because most of them are practice; pick the ones you are proud of.
The file is small and meant to be edited by hand; a mistake in it raises an `LdlError` that
names the field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from ldl.errors import LdlError

FILE_NAME = "portfolio.yaml"
SCHEMA_VERSION = 1
Kind = Literal["lab", "run"]


@dataclass
class Selection:
    """The learner's choices (see the module docstring)."""

    title: str = "My deep learning portfolio"
    """The heading of the site's front page."""
    author: str = ""
    """Who made it; shown under the heading when set."""
    labs: list[str] = field(default_factory=list)
    """Lab ids whose notebooks (with their saved outputs) get a page each."""
    runs: list[str] = field(default_factory=list)
    """Run ids (or unique prefixes) whose learning curves and videos get a page each."""

    def items(self, kind: Kind) -> list[str]:
        return self.labs if kind == "lab" else self.runs


def load_selection(workspace_root: Path) -> Selection:
    """The selection saved in the workspace, or an empty one when there is no file yet."""
    path = workspace_root / FILE_NAME
    if not path.is_file():
        return Selection()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LdlError(f"{path} is not valid YAML: {error}", hint="Fix the file or delete it.") from None
    if not isinstance(data, dict):
        raise LdlError(
            f"{path} must hold a mapping (title, author, labs, runs).", hint="See docs/portfolio.md."
        )
    if int(data.get("schema_version", SCHEMA_VERSION)) > SCHEMA_VERSION:
        raise LdlError(f"{path} was written by a newer ldl.", hint="Upgrade ldl (pip install -U ldl).")
    selection = Selection()
    for name in ("title", "author"):
        if data.get(name) is not None:
            if not isinstance(data[name], str):
                raise LdlError(f"{path}: `{name}` must be text.", hint=f'Write e.g. {name}: "..."')
            setattr(selection, name, data[name])
    for name in ("labs", "runs"):
        values = data.get(name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise LdlError(f"{path}: `{name}` must be a list of ids.", hint=f"Write e.g. {name}: [id1, id2]")
        setattr(selection, name, list(dict.fromkeys(values)))
    return selection


def save_selection(workspace_root: Path, selection: Selection) -> Path:
    """Write the selection atomically (a temporary file, then a rename)."""
    path = workspace_root / FILE_NAME
    data = {"schema_version": SCHEMA_VERSION, "title": selection.title, "author": selection.author}
    data |= {"labs": selection.labs, "runs": selection.runs}
    text = "# What `ldl portfolio build` publishes (edit freely, or use `ldl portfolio add|remove`).\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def change_selection(workspace_root: Path, kind: Kind, item_id: str, add: bool) -> tuple[Selection, bool]:
    """Add or remove one lab or run; returns the new selection and whether anything changed."""
    selection = load_selection(workspace_root)
    items = selection.items(kind)
    changed = (item_id not in items) if add else (item_id in items)
    if add and changed:
        items.append(item_id)
    elif not add and changed:
        items.remove(item_id)
    if changed:
        save_selection(workspace_root, selection)
    return selection, changed
