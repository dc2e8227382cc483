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

Two promises about the learner's files, kept by the functions below: creating a workspace never
overwrites a file that is already there (`write_new` only creates), and restoring a starter
always copies the learner's version to `.ldl/backups/` first (`restore_file`). Writes are atomic:
a crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ldl.errors import LdlError

MARKER = "ldl-workspace.toml"
SCHEMA_VERSION = 1
FOLDERS = ("labs", "exercises", "capstones", "runs", ".ldl", ".ldl/backups")


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

    @property
    def schema_version(self) -> int:
        """The version written in the marker file (an LdlError if the marker is unreadable)."""
        try:
            data = tomllib.loads(self.marker.read_text(encoding="utf-8"))
            return int(data["schema_version"])
        except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as error:
            raise LdlError(
                f"{self.marker} is damaged ({type(error).__name__}: {error}).",
                hint=f"Restore it, or replace its contents with `schema_version = {SCHEMA_VERSION}`.",
            ) from None


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
    """Like find_workspace, but raises an LdlError that says how to create one, and refuses a
    workspace written by a newer ldl."""
    workspace = find_workspace(start)
    if workspace is None:
        home = os.environ.get("LDL_HOME")
        where = f"LDL_HOME={home} is not a workspace" if home else "You are not inside an ldl workspace"
        raise LdlError(
            f"{where}.",
            hint="Create one with `ldl init` (here) or `ldl init DIR`, then run commands from inside it "
            "or set LDL_HOME=DIR.",
        )
    if workspace.schema_version > SCHEMA_VERSION:
        raise LdlError(
            f"The workspace {workspace.root} was made by a newer ldl (schema {workspace.schema_version}; "
            f"this ldl knows up to {SCHEMA_VERSION}).",
            hint="Upgrade ldl (pip install -U ldl); nothing was changed.",
        )
    return workspace


# ---- capstone projects (`ldl capstone`, `ldl portfolio`) ---------------------------------------
# A project lives in capstones/<name>/ with capstone.yaml (name, stage, title, created, summary),
# <name>.ipynb paired with <name>.py, README.md, data/, figures/; `ldl capstone check` writes its
# last report to <project>/.ldl/check.json.

CAPSTONE_MANIFEST = "capstone.yaml"
CAPSTONE_CHECK_REPORT = ".ldl/check.json"


def capstones_dir(workspace: Workspace) -> Path:
    return workspace.capstones_dir


def capstone_dir(workspace: Workspace, name: str) -> Path:
    """The folder of the capstone project `name` (which may not exist yet)."""
    return workspace.capstones_dir / name


def capstone_projects(workspace: Workspace) -> list[Path]:
    """The folders under capstones/ that hold a project (a capstone.yaml), sorted by name."""
    if not workspace.capstones_dir.is_dir():
        return []
    return sorted(p for p in workspace.capstones_dir.iterdir() if (p / CAPSTONE_MANIFEST).is_file())


def capstone_check_report(project: Path) -> Path:
    """Where `ldl capstone check` writes its last report for the project folder `project`."""
    return project / CAPSTONE_CHECK_REPORT


# ---- creating and restoring files --------------------------------------------------------------


@dataclass(frozen=True)
class StarterFile:
    """A file the workspace starts with: its path relative to the root (with /) and its text."""

    relative: str
    text: str


@dataclass
class InitResult:
    root: Path
    created: bool  # True when the folder was not a workspace before
    added: list[str] = field(default_factory=list)  # files written now, relative to root
    kept: list[str] = field(default_factory=list)  # files already there, left untouched


def create_workspace(root: Path, files: Iterable[StarterFile]) -> InitResult:
    """Make `root` a workspace and write each starter file that is missing; never overwrite.

    Running it again on the same folder adds only what is missing (e.g. exercises that a newer
    version of ldl ships) and reports everything else as kept.
    """
    root = root.expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise LdlError(f"{root} is a file, not a folder.", hint="Choose another path for `ldl init DIR`.")
    workspace = Workspace(root)
    result = InitResult(root=root, created=not workspace.marker.is_file())
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    marker = f"# ldl commands find this workspace by this file.\nschema_version = {SCHEMA_VERSION}\n"
    for starter in (StarterFile(MARKER, marker), *files):
        written = write_new(root / starter.relative, starter.text)
        (result.added if written else result.kept).append(starter.relative)
    return result


def write_new(path: Path, text: str) -> bool:
    """Create `path` holding `text`, atomically; return False (and change nothing) if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return False
    temporary = _temporary_copy(path, text)
    try:
        os.link(temporary, path)  # atomic and refuses to replace: exactly "create if missing"
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: fall back to exclusive creation
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            return False
    finally:
        temporary.unlink(missing_ok=True)
    return True


def restore_file(workspace: Workspace, relative: str, text: str) -> Path | None:
    """Put `text` at `relative`, first copying any existing file to the backups folder.

    Returns the backup's path (None when there was no file to back up).
    """
    target = workspace.root / relative
    saved = backup_file(workspace, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_copy(target, text)
    os.replace(temporary, target)
    return saved


def backup_file(workspace: Workspace, relative: str) -> Path | None:
    """Copy the file at `relative` to `.ldl/backups/<timestamp>/<relative>`; None if it is absent."""
    source = workspace.root / relative
    if not source.is_file():
        return None
    stamp = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    folder, suffix = workspace.backups_dir / stamp, 1
    while (folder / relative).exists():  # two resets within the same second
        suffix += 1
        folder = workspace.backups_dir / f"{stamp}-{suffix}"
    destination = folder / relative
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, destination)
    return destination


def _temporary_copy(path: Path, text: str) -> Path:
    """Write `text` to a hidden file beside `path`, flushed to disk, and return its path."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary
