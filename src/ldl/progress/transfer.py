"""Moving progress between stores as JSON: `ldl progress export` and `ldl progress import`.

    {"format": "ldl-progress", "format_version": 1, "schema_version": 3,
     "exported_at": "2026-11-30T10:00:00.000+00:00",
     "tables": {"attempts": [{"event_id": ..., "exercise_id": ..., ...}, ...], "hints": [...],
                "give_ups": [...], "lab_runs": [...], "reviews": [...],
                "unit_status": [...], "settings": [{"key": "goal", "value": "\\"overview\\""}]}}

Rows are the store's own columns, unchanged (JSON columns stay JSON text), so an export is
lossless. Importing merges, and importing the same file twice changes nothing:
- events (attempts, hints, give-ups, lab runs, reviews) are keyed by their event id: an id already
  in the store is skipped;
- a unit's status is taken from the file when the file's is newer (`updated_at`) or the store has none;
- a setting (e.g. your goal) is taken from the file only when the store has none.
The same merge puts back what `rescue` reads out of a damaged file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from ldl.errors import LdlError
from ldl.progress import database

FORMAT = "ldl-progress"
FORMAT_VERSION = 1
EVENT_TABLES = ("attempts", "hints", "give_ups", "lab_runs", "reviews")
TABLES = (*EVENT_TABLES, "unit_status", "settings")
KEYS = {**{table: "event_id" for table in EVENT_TABLES}, "unit_status": "unit_id", "settings": "key"}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The column names of `table` in this database (empty when the table does not exist)."""
    return [row[1] for row in database.read(conn, f"PRAGMA table_info({table})")]


def dump(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as lists of {column: value}."""
    return {
        table: [dict(row) for row in database.read(conn, f"SELECT * FROM {table} ORDER BY rowid")]
        for table in TABLES
    }


def document(tables: Mapping[str, list[dict[str, Any]]], schema_version: int, exported_at: str) -> dict:
    """The export file's content."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version,
        "exported_at": exported_at,
        "tables": dict(tables),
    }


def tables_of(data: Any, source: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of an export file, after checking that it is one this ldl can read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LdlError(
            f"{source} is not an ldl progress export.", hint="Make one with `ldl progress export FILE`."
        )
    if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
        raise LdlError(
            f"{source} was written by a newer ldl (format {data.get('format_version')!r}; this ldl "
            f"reads up to {FORMAT_VERSION}).",
            hint="Upgrade ldl (pip install -U ldl) and import it again; nothing was changed.",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(row, dict) and KEYS.get(name) in row for row in rows)
        for name, rows in tables.items()
        if name in KEYS
    ):
        raise LdlError(
            f"{source} is damaged: its `tables` do not hold rows with their ids.",
            hint="Export again from the store you copied it from.",
        )
    return {name: rows for name, rows in tables.items() if name in KEYS}


def merge(conn: sqlite3.Connection, tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, int]:
    """Merge rows into the store (rules in the module docstring), in one transaction.

    Returns how many rows each table gained or changed."""

    def work(conn: sqlite3.Connection) -> dict[str, int]:
        changed = {}
        for table in TABLES:
            known = set(columns(conn, table))
            before = conn.total_changes
            for row in tables.get(table, ()):
                values = {name: value for name, value in row.items() if name in known}
                names, marks = ", ".join(values), ", ".join("?" for _ in values)
                conn.execute(f"{_verb(table)} INTO {table} ({names}) VALUES ({marks}){_upsert(table)}",
                             tuple(values.values()))  # fmt: skip
            changed[table] = conn.total_changes - before
        return changed

    try:
        return database.write(conn, work)
    except sqlite3.IntegrityError as error:
        raise LdlError(
            f"Some rows could not be merged ({error}); nothing was changed.",
            hint="The file may come from a damaged store: check it, or export again.",
        ) from None


def _verb(table: str) -> str:
    return "INSERT" if table == "unit_status" else "INSERT OR IGNORE"


def _upsert(table: str) -> str:
    if table != "unit_status":
        return ""
    return (
        " ON CONFLICT (unit_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at"
        " WHERE excluded.updated_at > unit_status.updated_at"
    )
