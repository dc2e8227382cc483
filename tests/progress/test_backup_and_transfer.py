"""Automatic backups, restoring after damage, export/import as JSON, rescue, unchanged re-checks."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest

from ldl.errors import LdlError
from ldl.progress import backup, schema, transfer
from ldl.progress.database import StoreCorruptError
from ldl.progress.rescue import read_damaged
from ldl.progress.store import ProgressStore
from ldl.workspace import create_workspace


def _fill(path, start, stop):
    with ProgressStore(path) as store:
        for i in range(start, stop):
            store.record_attempt(f"exercise_{i}", "pass", 1.0, "x" * 200)


def _damage_page(path, page, page_size=4096):
    """Overwrite one whole page of the main file (after folding the WAL into it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "r+b") as fh:
        fh.seek(page * page_size)
        fh.write(b"\xff" * page_size)


def test_a_store_that_wrote_keeps_a_rotated_backup_at_most_once_per_interval(tmp_path, monkeypatch):
    path = tmp_path / ".ldl" / "progress.sqlite"
    ProgressStore(path).close()
    assert backup.backups(path) == []  # nothing written, nothing to back up
    _fill(path, 0, 3)
    [first] = backup.backups(path)
    assert first.parent == tmp_path / ".ldl" / "backups" / "progress"
    _fill(path, 3, 4)
    assert backup.backups(path) == [first]  # younger than INTERVAL_S: not copied again
    with sqlite3.connect(first) as conn:  # a self-contained, readable copy
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 3
    monkeypatch.setattr(backup, "INTERVAL_S", 0.0)
    for i in range(backup.KEEP + 2):
        _fill(path, 10 + i, 11 + i)
    assert len(backup.backups(path)) == backup.KEEP
    assert not backup.due(path, backup.taken_at(backup.backups(path)[0]) + timedelta(seconds=-1))


def test_damage_restores_the_newest_backup_reads_back_what_it_can_and_says_what_was_lost(tmp_path):
    path = tmp_path / ".ldl" / "progress.sqlite"
    _fill(path, 0, 50)  # backed up as it closes
    _fill(path, 50, 60)  # too soon for another backup: only in the live file
    [taken] = backup.backups(path)
    _damage_page(path, 2)
    with pytest.raises(StoreCorruptError) as caught:
        ProgressStore(path)
    message = caught.value.message
    when = backup.taken_at(taken).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert f"automatic backup of {when}" in message and f"after {when}" in message
    assert "read back from the damaged file" in message
    assert caught.value.moved_to.exists()  # the evidence is kept
    with ProgressStore(path) as store:
        ids = {attempt.exercise_id for attempt in store.attempts()}
    assert {f"exercise_{i}" for i in range(50)} <= ids  # everything in the backup is back
    rescued = int(message.split(" record(s) were read back")[0].split()[-1])
    assert len(ids) == 50 + rescued  # what was read back from the damaged file, counted once


def test_migrating_a_version_2_store_adds_content_hashes_and_keeps_attempts(tmp_path):
    path = tmp_path / "v2.sqlite"
    with sqlite3.connect(path) as conn:
        for migration in schema.MIGRATIONS[:2]:
            conn.executescript(migration.sql)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO attempts VALUES ('e1', 'softmax', 'fail', 1.0, 'd', '2026-01-01T00:00:00.000+00:00')"
        )
    with ProgressStore(path) as store:
        assert store.schema_version == schema.CURRENT_VERSION == 3
        [old] = store.attempts()
        assert (old.event_id, old.content_hash) == ("e1", "")
        assert store.record_check("softmax", "fail", 1.0, content_hash="h1")[1]  # '' never matches


def test_a_repeated_check_of_the_same_files_with_the_same_verdict_is_not_counted(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite") as store:
        first, counted = store.record_check("softmax", "fail", 1.0, "d", content_hash="h1")
        assert counted
        assert store.record_check("softmax", "fail", 1.0, "d", content_hash="h1") == (first, False)
        assert store.record_check("softmax", "fail", 1.0, "d", content_hash="h2")[1]  # edited
        assert store.record_check("softmax", "pass", 1.0, "d", content_hash="h2")[1]  # new verdict
        assert store.record_check("other", "pass", 1.0, "d", content_hash="h2")[1]  # other exercise
        assert store.record_check("softmax", "pass", 1.0, "d")[1]  # no hash: always counted
        assert [a.content_hash for a in store.attempts("softmax")] == ["h1", "h2", "h2", ""]


def _populated(path):
    with ProgressStore(path) as store:
        store.record_attempt("softmax", "pass", 0.5, "d", content_hash="abc")
        store.record_hint("softmax", 1)
        store.record_give_up("adam")
        store.record_lab_run("lab", "ok", 2.0, {"acc": 0.9}, mode="fast")
        store.record_review("card", 3, {"due": "2026-12-01"})
        store.set_unit_status("math.calculus", "done")
        store.set_setting("goal", "overview")
        return store.export_tables()


def test_export_then_import_elsewhere_is_lossless_and_importing_twice_changes_nothing(tmp_path):
    exported = _populated(tmp_path / "a.sqlite")
    data = json.loads(json.dumps(transfer.document(exported, 3, "now")))
    with ProgressStore(tmp_path / "b.sqlite") as store:
        added = store.merge(transfer.tables_of(data, "export.json"))
        assert added == {table: 1 for table in transfer.TABLES}
        assert store.export_tables() == exported
        assert sum(store.merge(transfer.tables_of(data, "export.json")).values()) == 0
        assert store.get_setting("goal") == "overview" and store.attempts()[0].content_hash == "abc"


def test_import_keeps_the_newer_unit_status_and_local_settings(tmp_path):
    exported = _populated(tmp_path / "a.sqlite")
    with ProgressStore(tmp_path / "b.sqlite") as store:
        store.set_setting("goal", "work-problem")
        store.set_unit_status("math.calculus", "skipped")  # later than the export's "done"
        store.merge(exported)
        assert store.unit_statuses() == {"math.calculus": "skipped"}
        assert store.get_setting("goal") == "work-problem"


@pytest.mark.parametrize(
    "data, match",
    [([], "not an ldl progress export"), ({"format": "ldl-progress", "format_version": 99}, "newer"),
     ({"format": "ldl-progress", "format_version": 1, "tables": {"attempts": [{"x": 1}]}}, "damaged")],
)  # fmt: skip
def test_import_refuses_what_is_not_an_export(data, match):
    with pytest.raises(LdlError, match=match):
        transfer.tables_of(data, "file.json")


def test_the_suggested_rescue_command_works_with_what_ldl_installs(tmp_path):
    """`python -m ldl.progress rescue FILE` (no sqlite3 program needed) merges a damaged file."""
    workspace = create_workspace(tmp_path / "ws", []).root
    store_path = workspace / ".ldl" / "progress.sqlite"
    healthy, damaged = tmp_path / "healthy.sqlite", tmp_path / "damaged.sqlite"
    _fill(healthy, 0, 200)
    for page in range(2, 40):  # damage a leaf page of `attempts`: a full read of it then fails
        shutil.copyfile(healthy, damaged)
        _damage_page(damaged, page)
        try:
            sqlite3.connect(damaged).execute("SELECT * FROM attempts").fetchall()
        except sqlite3.DatabaseError:
            readable = len(read_damaged(damaged).get("attempts", []))
            if 0 < readable < 200:  # (a damaged interior page loses the whole table: backups cover that)
                break
    else:
        pytest.fail("no leaf page of the attempts table could be damaged")
    env = {"LDL_HOME": str(workspace), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "ldl.progress", "rescue", str(damaged)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["attempts"] == readable
    again = subprocess.run(
        [sys.executable, "-m", "ldl.progress", "rescue", str(damaged)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert json.loads(again.stdout)["attempts"] == 0
    with ProgressStore(store_path) as store:
        assert len(store.attempts()) == readable
