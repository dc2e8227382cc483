"""Automatic backups of the progress store, and what happens when the store is found damaged.

    .ldl/backups/progress/progress-<UTC stamp>.sqlite     the newest KEEP copies, oldest deleted

When: a store that recorded something makes a backup as it closes, if the newest backup is older
than `INTERVAL_S` (or there is none). A learner loses at most the last few minutes of work, and a
busy session does not copy the file after every command.

How: SQLite's online backup API takes a consistent copy even while other `ldl` commands write;
the copy is written to a hidden temporary file and renamed into place, so a backup is whole or
absent. Backups are switched to SQLite's plain rollback journal, so each is one self-contained file.

After damage (see `ProgressStore`): the damaged file is moved aside (never deleted), the newest
backup that passes SQLite's check is copied into its place, and every record that can still be
read from the damaged file is merged back in (`rescue.salvage`; events are keyed by id, so nothing
is counted twice). What is lost is what was recorded after the backup and could not be read back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEEP = 5  # backups kept
INTERVAL_S = 600.0  # at most one backup per this many seconds
STAMP = "%Y%m%dT%H%M%S%fZ"


def backup_dir(db_path: Path) -> Path:
    """Where the backups of the store at `db_path` live (`.ldl/backups/progress/` in a workspace)."""
    return db_path.parent / "backups" / "progress"


def backups(db_path: Path) -> list[Path]:
    """The store's backups, newest first."""
    folder = backup_dir(db_path)
    return sorted(folder.glob("progress-*.sqlite"), reverse=True) if folder.is_dir() else []


def taken_at(backup: Path) -> datetime:
    """When a backup was taken (from its name)."""
    return datetime.strptime(backup.stem.removeprefix("progress-"), STAMP).replace(tzinfo=UTC)


def due(db_path: Path, now: datetime | None = None) -> bool:
    """Whether the store at `db_path` should be backed up now."""
    existing = backups(db_path)
    if not existing:
        return True
    return ((now or datetime.now(UTC)) - taken_at(existing[0])).total_seconds() >= INTERVAL_S


def make_backup(conn: sqlite3.Connection, db_path: Path) -> Path | None:
    """Copy the open store into a new backup and delete the oldest beyond KEEP.

    Returns the backup's path, or None when another process is taking a backup right now."""
    from filelock import FileLock, Timeout

    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(folder / ".lock"), timeout=0):
            stamp = datetime.now(UTC).strftime(STAMP)
            temporary, final = folder / f".progress-{stamp}.tmp", folder / f"progress-{stamp}.sqlite"
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
            os.replace(temporary, final)
            for old in backups(db_path)[KEEP:]:
                old.unlink(missing_ok=True)
            return final
    except Timeout:
        return None


def is_good(backup: Path) -> bool:
    """Whether a backup opens (read-only) and passes SQLite's quick check."""
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


@dataclass(frozen=True)
class Restored:
    """Which backup was put in place of a damaged store (None: there was no good one)."""

    backup: Path | None
    taken_at: datetime | None


def restore_newest(db_path: Path) -> Restored:
    """Copy the newest good backup to `db_path` (which must not exist: it was moved aside)."""
    for backup in backups(db_path):
        if is_good(backup):
            temporary = db_path.with_name(f".{db_path.name}.restoring")
            shutil.copyfile(backup, temporary)
            os.replace(temporary, db_path)
            return Restored(backup, taken_at(backup))
    return Restored(None, None)


def describe(restored: Restored, rescued: int, moved_to: Path) -> tuple[str, str]:
    """The message and hint shown once after a damaged store was replaced."""
    if restored.taken_at is None:
        start = "ldl found no backup to restore, so it started a fresh, empty store"
        lost = "Everything that could not be read back is lost"
    else:
        when = restored.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        start = f"ldl restored your progress from its automatic backup of {when}"
        lost = f"Only what you recorded after {when} and could not be read back is lost"
    read_back = f"{rescued} record(s) were read back from the damaged file and kept. {lost}"
    message = f"{start} (nothing was deleted: the damaged file is now {moved_to}). {read_back}."
    hint = (
        "Run your command again to carry on; `ldl status` shows what ldl knows. If something you did "
        f"is missing, re-mark finished units with `ldl done UNIT` and re-run `ldl check`. To try the "
        f"damaged file again: ldl progress rescue {moved_to}"
    )
    return message, hint
