"""The learner's progress store: what they finished, tried, asked for and reviewed.

    store = ProgressStore(workspace.progress_db)
    store.set_unit_status("math.calculus", "done")
    event_id = store.record_attempt("stable_softmax", "pass", duration_s=0.8, feedback_digest="...")
    store.record_attempt("stable_softmax", "pass", 0.8, "...", event_id=event_id)  # a no-op

It is one SQLite file (`.ldl/progress.sqlite` in the workspace), safe to share between several
`ldl` commands running at once and robust to any of them being killed (see `database.py` for how).
Every recorded event has an id (a UUID unless the caller passes one); recording the same id again
changes nothing, so a caller may retry freely.

A damaged database is never silently replaced, and never costs more than the last few minutes:
the store keeps automatic backups (`backup.py`). When opening finds damage, the store moves the
file (and its -wal/-shm) aside to `progress.sqlite.corrupt-<timestamp>`, puts the newest good
backup in its place, merges back every record it can still read from the damaged file
(`rescue.py`), and raises `StoreCorruptError` saying what was restored and what was lost. The
learner sees the message once; running the command again works on the restored store.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ldl.progress import backup, database, rescue, schema, transfer
from ldl.progress.database import StoreCorruptError

UNIT_STATUSES = ("done", "skipped", "in_progress")


@dataclass(frozen=True)
class UnitStatus:
    unit_id: str
    status: str  # one of UNIT_STATUSES
    created_at: str  # when a status was first set for this unit
    updated_at: str  # when it was last changed


@dataclass(frozen=True)
class Attempt:
    event_id: str
    exercise_id: str
    verdict: str  # pass, fail, error, timeout, ... (the grader's verdicts)
    duration_s: float
    feedback_digest: str  # a short digest of the feedback shown, to spot repeated mistakes
    created_at: str
    content_hash: str = ""  # a hash of the files graded ('' when not known, e.g. before schema 3)


@dataclass(frozen=True)
class LabRun:
    event_id: str
    lab_id: str
    status: str  # ok, error or timeout (ldl.notebooks.runner), or done (declared with `ldl done LAB`)
    duration_s: float
    metrics: dict[str, Any]  # what the lab passed to ldl.notebooks.lab.report, in order
    created_at: str
    mode: str = "full"  # full: the learner's notebook; fast: it with LDL_FAST=1; tour: ldl's copy


@dataclass(frozen=True)
class Review:
    event_id: str
    card_id: str
    grade: int
    schedule: dict[str, Any]  # the scheduler's state after this review (due, interval, ...)
    created_at: str


def now() -> str:
    """The current UTC time as ISO 8601 with milliseconds (sorts in time order as text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_event_id() -> str:
    return str(uuid.uuid4())


class ProgressStore:
    """One learner's progress, in the SQLite file at `path` (created, or migrated, on open)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = _open(self.path)
        self._wrote = False

    # -- life cycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store, first taking a backup if this store wrote and the last one is old."""
        try:
            if self._wrote and backup.due(self.path):
                backup.make_backup(self._conn, self.path)
        except (OSError, sqlite3.Error):
            pass  # a backup is a safety net: failing to take one must not fail the learner's command
        finally:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return database.read(self._conn, "PRAGMA user_version")[0][0]

    def integrity_check(self) -> list[str]:
        """SQLite's full `PRAGMA integrity_check`: `["ok"]` for a healthy store."""
        return [row[0] for row in database.read(self._conn, "PRAGMA integrity_check")]

    # -- units ------------------------------------------------------------------------------------

    def set_unit_status(self, unit_id: str, status: str) -> None:
        """Mark a unit done, skipped or in_progress (replacing its previous status)."""
        if status not in UNIT_STATUSES:
            raise ValueError(f"unit status must be one of {UNIT_STATUSES}, not {status!r}")
        stamp = now()
        self._write(
            "INSERT INTO unit_status (unit_id, status, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (unit_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            (unit_id, status, stamp, stamp),
        )

    def clear_unit_status(self, unit_id: str) -> None:
        """Forget a unit's status (e.g. `ldl unskip`): it is back to whatever the path computes."""
        self._write("DELETE FROM unit_status WHERE unit_id = ?", (unit_id,))

    def unit_statuses(self) -> dict[str, str]:
        """{unit_id: status} for every unit with a recorded status."""
        return {record.unit_id: record.status for record in self.unit_status_records()}

    def unit_status_records(self) -> list[UnitStatus]:
        rows = self._read("SELECT unit_id, status, created_at, updated_at FROM unit_status ORDER BY unit_id")
        return [UnitStatus(**dict(row)) for row in rows]

    # -- exercises --------------------------------------------------------------------------------

    def record_attempt(
        self,
        exercise_id: str,
        verdict: str,
        duration_s: float,
        feedback_digest: str = "",
        event_id: str | None = None,
        content_hash: str = "",
    ) -> str:
        """Record one graded attempt; returns its event id (see `record_check` for `content_hash`)."""
        return self.record_check(exercise_id, verdict, duration_s, feedback_digest, event_id, content_hash)[0]

    def record_check(
        self,
        exercise_id: str,
        verdict: str,
        duration_s: float,
        feedback_digest: str = "",
        event_id: str | None = None,
        content_hash: str = "",
    ) -> tuple[str, bool]:
        """Record a graded attempt unless it repeats the last one: same `content_hash` (the files
        graded did not change) and same verdict. Returns (event id, whether it was recorded)."""
        event_id = event_id or new_event_id()
        values = (event_id, exercise_id, verdict, float(duration_s), feedback_digest, content_hash, now())

        def work(conn: sqlite3.Connection) -> tuple[str, bool]:
            last = conn.execute(
                "SELECT event_id, verdict, content_hash FROM attempts WHERE exercise_id = ? "
                "ORDER BY created_at DESC, rowid DESC LIMIT 1",
                (exercise_id,),
            ).fetchone()
            if content_hash and last and (last["content_hash"], last["verdict"]) == (content_hash, verdict):
                return last["event_id"], False
            conn.execute(
                "INSERT OR IGNORE INTO attempts (event_id, exercise_id, verdict, duration_s, "
                "feedback_digest, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            return event_id, True

        self._wrote = True
        return database.write(self._conn, work)

    def attempts(self, exercise_id: str | None = None) -> list[Attempt]:
        """Attempts, oldest first; all exercises unless `exercise_id` is given."""
        return [Attempt(**dict(row)) for row in self._select("attempts", "exercise_id", exercise_id)]

    def record_hint(self, exercise_id: str, level: int, event_id: str | None = None) -> str:
        """Record that the hint at `level` was shown for an exercise."""
        return self._record("hints", event_id, exercise_id=exercise_id, level=int(level))

    def hints_used(self, exercise_id: str) -> int:
        """How many different hint levels of this exercise the learner has seen."""
        rows = self._read("SELECT COUNT(DISTINCT level) FROM hints WHERE exercise_id = ?", (exercise_id,))
        return rows[0][0]

    def record_give_up(self, exercise_id: str, event_id: str | None = None) -> str:
        """Record that the learner gave up on an exercise (and asked for the solution)."""
        return self._record("give_ups", event_id, exercise_id=exercise_id)

    def gave_up(self, exercise_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM give_ups WHERE exercise_id = ? LIMIT 1", (exercise_id,)))

    # -- labs -------------------------------------------------------------------------------------

    def record_lab_run(
        self,
        lab_id: str,
        status: str,
        duration_s: float,
        metrics: Mapping[str, Any] | None = None,
        event_id: str | None = None,
        mode: str = "full",
    ) -> str:
        """Record one execution of a lab notebook and the metrics it reported.

        `mode` is "full" or "fast" (LDL_FAST=1) for the learner's own notebook, "tour" when
        `ldl tour` ran ldl's reference copy (which says nothing about the learner's work)."""
        encoded = json.dumps(dict(metrics or {}))
        duration_s = float(duration_s)
        return self._record(
            "lab_runs",
            event_id,
            lab_id=lab_id,
            status=status,
            duration_s=duration_s,
            metrics=encoded,
            mode=mode,
        )

    def lab_runs(self, lab_id: str | None = None) -> list[LabRun]:
        """Lab runs, oldest first; all labs unless `lab_id` is given."""
        rows = self._select("lab_runs", "lab_id", lab_id)
        return [LabRun(**{**dict(row), "metrics": json.loads(row["metrics"])}) for row in rows]

    def latest_lab_runs(self) -> dict[str, LabRun]:
        """{lab_id: its most recent run}."""
        return {run.lab_id: run for run in self.lab_runs()}

    # -- review cards -----------------------------------------------------------------------------

    def record_review(
        self,
        card_id: str,
        grade: int,
        schedule: Mapping[str, Any] | None = None,
        event_id: str | None = None,
        **fields: Any,
    ) -> str:
        """Record one review of a card; `schedule` and any extra `fields` (due, interval, ...) are
        stored together as the card's scheduling state after this review."""
        encoded = json.dumps({**dict(schedule or {}), **fields})
        return self._record("reviews", event_id, card_id=card_id, grade=int(grade), schedule=encoded)

    def reviews(self, card_id: str | None = None) -> list[Review]:
        """Reviews, oldest first; all cards unless `card_id` is given."""
        rows = self._select("reviews", "card_id", card_id)
        return [Review(**{**dict(row), "schedule": json.loads(row["schedule"])}) for row in rows]

    # -- settings ---------------------------------------------------------------------------------

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable value (e.g. the learner's goal) under `key`."""
        self._write(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def get_setting(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    # -- moving progress between stores (see transfer.py) -------------------------------------------

    def export_tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, as plain data (what `ldl progress export` writes)."""
        return transfer.dump(self._conn)

    def merge(self, tables: Mapping[str, list[dict[str, Any]]]) -> dict[str, int]:
        """Merge exported (or rescued) rows in; returns how many rows each table gained or changed."""
        self._wrote = True
        return transfer.merge(self._conn, tables)

    # -- plumbing ---------------------------------------------------------------------------------

    def _record(self, table: str, event_id: str | None, **columns: Any) -> str:
        """Insert one event row unless its id is already there; returns the id."""
        event_id = event_id or new_event_id()
        values = {"event_id": event_id, **columns, "created_at": now()}
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self._write(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", tuple(values.values()))
        return event_id

    def _select(self, table: str, key: str, value: str | None) -> list[sqlite3.Row]:
        where = f"WHERE {key} = ?" if value is not None else ""
        params = (value,) if value is not None else ()
        return self._read(f"SELECT * FROM {table} {where} ORDER BY created_at, rowid", params)

    def _write(self, statement: str, params: tuple) -> None:
        self._wrote = True
        database.write(self._conn, lambda conn: conn.execute(statement, params))

    def _read(self, query: str, params: tuple = ()) -> list[sqlite3.Row]:
        return database.read(self._conn, query, params)


def _open(path: Path, retrying: bool = False) -> sqlite3.Connection:
    """Connect and migrate; a damaged file is replaced and reported (see the module docstring)."""
    try:
        conn = database.connect(path)
    except sqlite3.DatabaseError as error:
        if not database.is_corrupt(error) or retrying:
            raise
        restored: list[backup.Restored] = []
        moved_to = database.move_aside(path, then=lambda: restored.append(backup.restore_newest(path)))
        if moved_to is None:  # another process replaced it a moment ago
            return _open(path, retrying=True)
        with ProgressStore(path) as store:
            rescued = sum(store.merge(rescue.read_damaged(moved_to)).values())
        message, hint = backup.describe(restored[0], rescued, moved_to)
        raise StoreCorruptError(
            f"Your progress store {path} was damaged ({' '.join(str(error).split())}), so {message}",
            hint=hint,
            moved_to=moved_to,
        ) from None
    try:
        return schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
