"""Turn a lab's jupytext source into the learner's own notebook in the workspace.

In the repository a lab is a percent-format `.py` file (readable diffs); the learner works in an
`.ipynb` at `<workspace>/labs/<stage-dir>/<lab_id>.ipynb`. Once that notebook exists it belongs to
the learner: `materialise_lab` never touches it again unless asked to with `overwrite=True`
(`ldl reset LAB` does that, after keeping a backup).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from ldl.errors import LdlError


class LabSource(Protocol):
    """What materialising needs from a lab (`ldl.curriculum.items.Lab` has it)."""

    id: str
    path: Path
    stage_dir: str


class WorkspaceLike(Protocol):
    labs_dir: Path


def notebook_path(lab: LabSource, workspace: WorkspaceLike) -> Path:
    """Where the learner's notebook for `lab` lives."""
    return workspace.labs_dir / lab.stage_dir / f"{lab.id}.ipynb"


def read_lab(path: Path):
    """The lab source at `path` as an nbformat notebook (an LdlError if it cannot be parsed)."""
    import jupytext

    try:
        notebook = jupytext.read(path, fmt="py:percent")
    except Exception as error:  # jupytext raises many types for a malformed file
        raise LdlError(f"Could not read the lab {path}: {error}") from None
    notebook.metadata.pop("jupytext", None)  # the workspace copy is a plain notebook, not a pair
    return notebook


def materialise_lab(lab: LabSource, workspace: WorkspaceLike, overwrite: bool = False) -> Path:
    """Write the lab's notebook into the workspace (unless it is already there) and return its path.

    The write is atomic: a crash leaves either no notebook or a whole one."""
    import nbformat

    target = notebook_path(lab, workspace)
    if target.exists() and not overwrite:
        return target
    notebook = read_lab(lab.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        nbformat.write(notebook, str(temporary))
        if overwrite:
            os.replace(temporary, target)
        else:  # a hard link creates the name only if it is still free: never clobber the learner
            try:
                os.link(temporary, target)
            except FileExistsError:
                pass
    finally:
        temporary.unlink(missing_ok=True)
    return target
