"""The learner's workspace: a folder holding their notebooks, exercise files, capstones, runs and
progress store.

    <workspace>/
      ldl-workspace.toml      marks the folder as a workspace (schema version inside)
      labs/<stage-dir>/<lab_id>.ipynb
      exercises/<stage-dir>/<exercise_id>.py
      capstones/<capstone-dir>/
      runs/<stage>/<name>/<run-id>/
      .ldl/progress.sqlite    the progress store
      .ldl/backups/           copies kept by `ldl reset`

Commands find the workspace from `LDL_HOME` if set, else from the current directory upwards.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ldl.errors import LdlError

MARKER = "ldl-workspace.toml"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    @property
    def labs_dir(self) -> Path:
        return self.root / "labs"

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    @property
    def capstones_dir(self) -> Path:
        return self.root / "capstones"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def state_dir(self) -> Path:
        return self.root / ".ldl"

    @property
    def progress_db(self) -> Path:
        return self.state_dir / "progress.sqlite"

    @property
    def backups_dir(self) -> Path:
        return self.state_dir / "backups"


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace named by LDL_HOME, else the nearest one at or above `start` (default: cwd)."""
    home = os.environ.get("LDL_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return Workspace(root) if (root / MARKER).is_file() else None
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return Workspace(folder)
    return None


def require_workspace(start: Path | None = None) -> Workspace:
    """Like find_workspace, but raises an LdlError that says how to create one."""
    workspace = find_workspace(start)
    if workspace is not None:
        return workspace
    home = os.environ.get("LDL_HOME")
    where = f"LDL_HOME={home} is not a workspace" if home else "You are not inside an ldl workspace"
    raise LdlError(
        f"{where}.",
        hint="Create one with `ldl init` (here) or `ldl init DIR`, then run commands from inside it "
        "or set LDL_HOME=DIR.",
    )
