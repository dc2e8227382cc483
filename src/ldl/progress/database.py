"""Opening the progress database safely: WAL, write transactions that retry, corruption handling.

Why each setting (see also docs/ARCHITECTURE.md, "Progress store"):
- `journal_mode=WAL`: readers never block the writer and the writer never blocks readers; a
  process killed mid-transaction leaves only an uncommitted tail in the -wal file, which SQLite
  ignores on the next open.
- `synchronous=FULL`: a commit is on disk when `COMMIT` returns, even across a power cut.
- every write is `BEGIN IMMEDIATE ... COMMIT`: the write lock is taken at the start, so two writers
  never both read and then fail to upgrade to a write (plain `BEGIN` fails at once with "database
  is locked" in that race).
- a busy timeout makes SQLite wait for the lock, and a bounded retry with exponential backoff
  covers the cases where SQLite reports busy without waiting (WAL recovery after a crash).
  "database is locked" never reaches the learner: after `RETRY_DEADLINE_S` they get an `LdlError`.
- corruption (a file that is not a database, or fails `PRAGMA quick_check`) is never papered over:
  the damaged file and its -wal/-shm are moved aside to `<name>.corrupt-<UTC timestamp>` under a
  file lock, so that two processes that notice at once move it only once.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from ldl.errors import LdlError

T = TypeVar("T")

BUSY_TIMEOUT_S = 10.0  # how long SQLite itself waits for a lock before reporting busy
RETRY_DEADLINE_S = 60.0  # how long we keep retrying busy errors before giving up
SIDE_FILES = ("-wal", "-shm")  # SQLite's companions of a WAL database


class StoreBusyError(LdlError):
    """Another process held the write lock for longer than we are willing to wait."""


class StoreCorruptError(LdlError):
    """The database was damaged; it has been moved aside (see `moved_to`)."""

    def __init__(self, message: str, hint: str, moved_to: Path):
        super().__init__(message, hint=hint)
        self.moved_to = moved_to


class DamagedDatabase(sqlite3.DatabaseError):
    """`PRAGMA quick_check` found damage in a file SQLite could open."""


def error_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of `error` (the low byte of the extended code)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    return error_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def is_corrupt(error: sqlite3.Error) -> bool:
    """True for "file is not a database", "database disk image is malformed" and failed checks."""
    damaged = isinstance(error, DamagedDatabase)
    return damaged or error_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def with_retry(action: Callable[[], T], deadline_s: float | None = None) -> T:
    """Run `action`, retrying while SQLite reports busy/locked, with jittered exponential backoff."""
    deadline_s = RETRY_DEADLINE_S if deadline_s is None else deadline_s
    start = time.monotonic()
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
            if time.monotonic() - start + delay > deadline_s:
                raise StoreBusyError(
                    f"The progress store stayed busy for {deadline_s:.0f} s: another ldl command "
                    "is holding it.",
                    hint="Let the other command finish (or stop it), then run this one again.",
                ) from None
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


def write(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work(conn)` in one `BEGIN IMMEDIATE` transaction; retry the whole of it while busy.

    `work` must be safe to run again after a rollback (ours are: inserts are keyed by event id).
    """

    def attempt() -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return result

    return with_retry(attempt)


def read(conn: sqlite3.Connection, query: str, params: tuple = ()) -> list[sqlite3.Row]:
    """All rows of one query (one statement, so one consistent snapshot), retried while busy."""
    return with_retry(lambda: conn.execute(query, params).fetchall())


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` with our settings and check it is a healthy database.

    Raises a sqlite3.DatabaseError for which `is_corrupt` is true when the file is damaged."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        mode = with_retry(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone()[0])
        if mode.lower() != "wal":  # e.g. a file system without shared memory
            raise LdlError(f"Could not switch the progress store {path} to WAL mode (got {mode}).")
        conn.execute("PRAGMA synchronous=FULL")
        problems = [row[0] for row in read(conn, "PRAGMA quick_check")]
        if problems != ["ok"]:
            raise DamagedDatabase("; ".join(problems[:3]))
    except BaseException:
        conn.close()
        raise
    return conn


def healthy(path: Path) -> bool:
    """True when `path` is absent (a fresh store will be made) or opens and passes quick_check."""
    if not path.exists():
        return True
    try:
        connect(path).close()
    except sqlite3.DatabaseError as error:
        if is_corrupt(error):
            return False
        raise
    return True


def move_aside(path: Path, then: Callable[[], object] | None = None) -> Path | None:
    """Move a damaged database (and its -wal/-shm) to `<name>.corrupt-<UTC timestamp>`, then call
    `then()` (e.g. put a backup in its place) while still holding the lock.

    Returns the new path of the main file, or None when another process already moved it (the
    file at `path` is then healthy or gone). Nothing is ever deleted."""
    from filelock import FileLock

    with FileLock(str(path) + ".lock", timeout=RETRY_DEADLINE_S):
        if healthy(path):
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        for suffix in ("", *SIDE_FILES):
            source = Path(str(path) + suffix)
            if source.exists():
                os.replace(source, Path(str(aside) + suffix))
        if then is not None:
            then()
        return aside
