"""The progress store's schema, as an ordered list of migrations.

The database's `PRAGMA user_version` says which migrations it has had: a new store starts at 0 and
runs all of them; an older store runs only the ones it lacks. Each migration runs inside the same
write transaction that bumps `user_version`, so a crash half-way leaves the old version intact.

Rules for whoever changes the schema:
- never edit a migration that has shipped; append a new one;
- every table that records events has an `event_id TEXT PRIMARY KEY`, so recording the same event
  twice (a retry, an import) is a no-op (`INSERT OR IGNORE`);
- timestamps are ISO 8601 strings in UTC with milliseconds (`2026-11-26T07:15:00.123+00:00`),
  which sort in time order as text; JSON columns hold objects (`'{}'` when empty).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ldl.errors import LdlError
from ldl.progress import database


@dataclass(frozen=True)
class Migration:
    version: int  # the user_version the database has after this migration
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "first schema: unit status, exercise attempts, lab runs, settings",
        """
        CREATE TABLE unit_status (
            unit_id    TEXT PRIMARY KEY,
            status     TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'in_progress')),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE attempts (
            event_id        TEXT PRIMARY KEY,
            exercise_id     TEXT NOT NULL,
            verdict         TEXT NOT NULL,
            duration_s      REAL NOT NULL,
            feedback_digest TEXT NOT NULL DEFAULT '',
            created_at      TEXT NOT NULL
        );
        CREATE TABLE lab_runs (
            event_id   TEXT PRIMARY KEY,
            lab_id     TEXT NOT NULL,
            status     TEXT NOT NULL,
            duration_s REAL NOT NULL,
            metrics    TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "hints, give-ups and review history; unit status remembers when it was first set; "
        "lab runs say how the lab was run",
        """
        ALTER TABLE unit_status ADD COLUMN created_at TEXT;
        ALTER TABLE lab_runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full';
        UPDATE unit_status SET created_at = updated_at WHERE created_at IS NULL;
        CREATE INDEX attempts_by_exercise ON attempts (exercise_id, created_at);
        CREATE INDEX lab_runs_by_lab ON lab_runs (lab_id, created_at);
        CREATE TABLE hints (
            event_id    TEXT PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            level       INTEGER NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE give_ups (
            event_id    TEXT PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE reviews (
            event_id   TEXT PRIMARY KEY,
            card_id    TEXT NOT NULL,
            grade      INTEGER NOT NULL,
            schedule   TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX reviews_by_card ON reviews (card_id, created_at);
        """,
    ),
    Migration(
        3,
        "attempts remember a hash of the files that were graded, so that checking an unchanged file "
        "again is not counted as a new attempt",
        """
        ALTER TABLE attempts ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
        """,
    ),
)

CURRENT_VERSION = MIGRATIONS[-1].version


def pending(version: int) -> list[Migration]:
    """The migrations a database at `version` still needs, in order."""
    return [m for m in MIGRATIONS if m.version > version]


def migrate(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Bring the database to CURRENT_VERSION in one write transaction (a no-op when it is there).

    A database from a newer ldl is refused untouched."""

    def upgrade(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > CURRENT_VERSION:
            raise LdlError(
                f"This progress store has schema version {version}, newer than this ldl understands "
                f"({CURRENT_VERSION}).",
                hint="Upgrade ldl (pip install -U ldl) to open it; nothing was changed.",
            )
        for migration in pending(version):
            for statement in migration.sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")

    if database.read(conn, "PRAGMA user_version")[0][0] != CURRENT_VERSION:
        database.write(conn, upgrade)
    return conn
