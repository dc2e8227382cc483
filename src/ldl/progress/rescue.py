"""Reading whatever can still be read out of a damaged progress store.

SQLite's own `.recover` lives in the `sqlite3` command-line program, which ldl does not install;
this does a simpler version of it with Python's standard library, so `ldl progress rescue FILE`
(and `python -m ldl.progress rescue FILE`) work wherever ldl does:

1. copy the damaged file (and its -wal) into a temporary folder, so the evidence is never changed;
2. for each of the store's tables, read all rows; if SQLite stops at a damaged page, read the
   table again in ranges of row ids, halving a range that fails until the bad rows are isolated
   and skipped;
3. hand the rows to `transfer.merge`, which adds them to a healthy store (events keyed by id, so
   rescuing twice adds nothing the second time).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldl.errors import LdlError
from ldl.progress.transfer import TABLES

if TYPE_CHECKING:
    from ldl.progress.store import ProgressStore

CHUNK = 256  # rows read per query once a table has shown damage


def rescue_into(damaged: Path, store: ProgressStore) -> dict[str, int]:
    """Merge what can be read from the store file `damaged` into `store`; {table: rows added}."""
    if not damaged.is_file():
        raise LdlError(
            f"There is no file {damaged}.", hint="Give the path ldl printed when it found the damage."
        )
    if damaged.resolve() == store.path.resolve():
        raise LdlError(
            f"{damaged} is the store itself.", hint="Give the damaged copy (`progress.sqlite.corrupt-...`)."
        )
    return store.merge(read_damaged(damaged))


def read_damaged(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of the store's tables that can be read from `path` (tables that cannot be read
    at all are left out)."""
    with tempfile.TemporaryDirectory(prefix="ldl-rescue-") as folder:
        copy = Path(folder) / "damaged.sqlite"
        shutil.copyfile(path, copy)
        wal = Path(str(path) + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        try:
            conn = sqlite3.connect(copy)
        except sqlite3.DatabaseError:
            return {}
        conn.row_factory = sqlite3.Row
        try:
            return {table: rows for table in TABLES if (rows := _read_table(conn, table)) is not None}
        finally:
            conn.close()


def _read_table(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]] | None:
    try:
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table}")]
    except sqlite3.DatabaseError:
        pass
    try:
        highest = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    rows: list[dict[str, Any]] = []
    for start in range(0, (highest or 0) + 1, CHUNK):
        rows += _read_range(conn, table, start, start + CHUNK - 1)
    return rows


def _read_range(conn: sqlite3.Connection, table: str, low: int, high: int) -> list[dict[str, Any]]:
    """Rows with row ids in [low, high]; a damaged range is split in two until it is one row."""
    try:
        query = f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ?"
        return [dict(row) for row in conn.execute(query, (low, high))]
    except sqlite3.DatabaseError:
        if low == high:
            return []
        middle = (low + high) // 2
        return _read_range(conn, table, low, middle) + _read_range(conn, table, middle + 1, high)
