"""ProgressStore: records, idempotent event ids, migrations, busy handling, damaged files."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time

import pytest

from ldl.errors import LdlError
from ldl.progress import backup, database, schema
from ldl.progress.database import StoreBusyError, StoreCorruptError
from ldl.progress.store import ProgressStore


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / ".ldl" / "progress.sqlite") as store:
        yield store


def test_new_store_is_wal_at_current_version_and_healthy(store):
    assert store.schema_version == schema.CURRENT_VERSION
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.integrity_check() == ["ok"]


def test_same_event_id_is_recorded_once(store):
    first = store.record_attempt("softmax", "fail", 1.5, "digest-a")
    again = store.record_attempt("softmax", "pass", 9.0, "digest-b", event_id=first)
    assert again == first
    [attempt] = store.attempts("softmax")
    assert (attempt.verdict, attempt.duration_s, attempt.feedback_digest) == ("fail", 1.5, "digest-a")
    hint_id = store.record_hint("softmax", 1)
    store.record_hint("softmax", 2, event_id=hint_id)
    assert store.hints_used("softmax") == 1
    give_up_id = store.record_give_up("softmax")
    assert store.record_give_up("softmax", event_id=give_up_id) == give_up_id
    assert len(store._read("SELECT * FROM give_ups")) == 1
    run_id = store.record_lab_run("lab", "ok", 2.0, {"accuracy": 0.9})
    store.record_lab_run("lab", "error", 3.0, {}, event_id=run_id)
    assert [run.status for run in store.lab_runs()] == ["ok"]


def test_records_read_back_in_order_and_filtered(store):
    store.record_attempt("a", "fail", 1.0)
    store.record_attempt("b", "pass", 2.0)
    store.record_attempt("a", "pass", 3.0)
    assert [(x.exercise_id, x.verdict) for x in store.attempts()] == [
        ("a", "fail"),
        ("b", "pass"),
        ("a", "pass"),
    ]
    assert [x.duration_s for x in store.attempts("a")] == [1.0, 3.0]
    store.record_lab_run("lab", "error", 1.0)
    store.record_lab_run("lab", "ok", 2.0, {"accuracy": 0.91, "loss": 0.3})
    latest = store.latest_lab_runs()["lab"]
    assert latest.status == "ok" and list(latest.metrics) == ["accuracy", "loss"]


def test_unit_status_keeps_first_and_last_timestamps(store):
    store.set_unit_status("math.calculus", "in_progress")
    [first] = store.unit_status_records()
    time.sleep(0.01)
    store.set_unit_status("math.calculus", "done")
    [record] = store.unit_status_records()
    assert store.unit_statuses() == {"math.calculus": "done"}
    assert record.created_at == first.created_at < record.updated_at
    store.clear_unit_status("math.calculus")
    assert store.unit_statuses() == {}
    with pytest.raises(ValueError, match="unit status"):
        store.set_unit_status("math.calculus", "finished")


def test_hints_give_ups_reviews_settings(store):
    assert store.hints_used("x") == 0 and not store.gave_up("x")
    store.record_hint("x", 1)
    store.record_hint("x", 2)
    store.record_hint("x", 2)
    store.record_give_up("x")
    assert store.hints_used("x") == 2 and store.gave_up("x") and not store.gave_up("y")
    store.record_review("card.one", 3, {"due": "2026-12-01"}, interval_days=4)
    [review] = store.reviews("card.one")
    assert (review.grade, review.schedule) == (3, {"due": "2026-12-01", "interval_days": 4})
    assert store.get_setting("goal") is None and store.get_setting("goal", "overview") == "overview"
    store.set_setting("goal", "career-switch")
    store.set_setting("goal", "work-problem")
    assert store.get_setting("goal") == "work-problem"


def test_migrates_a_version_1_database_and_keeps_its_records(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # exactly what ldl's first schema created
        conn.executescript(schema.MIGRATIONS[0].sql + "PRAGMA user_version = 1;")
        conn.execute(
            "INSERT INTO unit_status VALUES ('math.calculus', 'done', '2026-01-01T00:00:00.000+00:00')"
        )
        conn.execute(
            "INSERT INTO attempts VALUES ('e1', 'softmax', 'pass', 1.0, 'd', '2026-01-01T00:00:01.000+00:00')"
        )
        conn.execute(
            "INSERT INTO lab_runs VALUES (?, ?, ?, ?, ?, ?)",
            ("r1", "lab", "ok", 2.0, '{"acc": 1}', "2026-01-01T00:00:02.000+00:00"),
        )
    with ProgressStore(path) as store:
        assert store.schema_version == schema.CURRENT_VERSION
        [run] = store.lab_runs()
        assert (run.event_id, run.metrics, run.mode) == ("r1", {"acc": 1}, "full")
        [unit] = store.unit_status_records()
        assert unit.created_at == unit.updated_at == "2026-01-01T00:00:00.000+00:00"
        assert [a.event_id for a in store.attempts("softmax")] == ["e1"]
        store.record_hint("softmax", 1)  # a table the migration added
        store.record_review("card", 2)
        assert store.hints_used("softmax") == 1 and len(store.reviews()) == 1
        assert store.integrity_check() == ["ok"]


def test_a_store_from_a_newer_ldl_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    ProgressStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    with pytest.raises(LdlError, match="newer"):
        ProgressStore(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION + 1


def _hold_write_lock(path, seconds):
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")

    def release():
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_write_waits_out_a_lock_held_longer_than_the_busy_timeout(store, monkeypatch):
    monkeypatch.setattr(database, "RETRY_DEADLINE_S", 5.0)
    store._conn.execute("PRAGMA busy_timeout = 50")  # SQLite gives up fast; our retry carries on
    holder = _hold_write_lock(store.path, 0.5)
    store.record_attempt("x", "pass", 0.0)
    holder.join()
    assert len(store.attempts()) == 1


def test_a_lock_held_too_long_is_a_clear_error_not_database_is_locked(store, monkeypatch):
    monkeypatch.setattr(database, "RETRY_DEADLINE_S", 0.3)
    store._conn.execute("PRAGMA busy_timeout = 50")
    holder = _hold_write_lock(store.path, 1.0)
    with pytest.raises(StoreBusyError) as caught:
        store.record_attempt("x", "pass", 0.0)
    holder.join()
    assert "locked" not in str(caught.value).lower()
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def _damage_pages(path):
    """Overwrite everything after SQLite's 100-byte header with noise."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(100)
        fh.write(bytes((i * 7919) % 251 for i in range(size - 100)))


@pytest.mark.parametrize("damage", ["not a database", "damaged pages"])
def test_a_damaged_store_without_backup_is_moved_aside_never_replaced_silently(tmp_path, damage):
    path = tmp_path / "progress.sqlite"
    with ProgressStore(path) as store:
        for i in range(50):
            store.record_attempt(f"exercise_{i}", "pass", 1.0, "x" * 200)
    shutil.rmtree(backup.backup_dir(path))  # no backup to fall back on
    if damage == "not a database":
        path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    else:
        _damage_pages(path)
    old_bytes = path.read_bytes()
    with pytest.raises(StoreCorruptError) as caught:
        ProgressStore(path)
    moved_to = caught.value.moved_to
    assert moved_to.name.startswith("progress.sqlite.corrupt-")
    assert moved_to.read_bytes() == old_bytes
    assert str(moved_to) in caught.value.message and "fresh" in caught.value.message
    assert f"ldl progress rescue {moved_to}" in caught.value.hint
    with ProgressStore(path) as fresh:  # the next command works, on an empty store
        assert fresh.attempts() == [] and fresh.integrity_check() == ["ok"]
    assert len(list(tmp_path.glob("progress.sqlite.corrupt-*"))) == 1
