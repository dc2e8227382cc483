"""Many processes writing at once, some killed at random: no confirmed record may be lost.

The soak test starts WORKERS writer processes (soak_worker.py) that each confirm WRITES attempts,
and SIGKILLs a random busy worker every few milliseconds until KILLS kills have landed; a killed
worker is restarted and carries on with new ids. At the end every id a worker confirmed must be in
the database, at most one unconfirmed row may exist per kill, and `PRAGMA integrity_check` is ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ldl.workspace import MARKER

WORKER = Path(__file__).with_name("soak_worker.py")


PAUSE_S = 0.003  # between a worker's writes: keeps writers busy long enough for every kill to land


def _start(db: Path, side: Path, writes: int, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(side), str(writes), name, str(PAUSE_S)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _confirmed(side: Path) -> list[str]:
    if not side.exists():
        return []
    return [line for line in side.read_text().splitlines(keepends=True) if line.endswith("\n")]


def soak(folder: Path, workers: int, writes: int, kills: int, seed: int) -> dict:
    """Run the soak; returns what the assertions need."""
    rng = random.Random(seed)
    db = folder / "progress.sqlite"
    sides = {f"w{i}": folder / f"w{i}.ids" for i in range(workers)}
    procs = {name: _start(db, side, writes, name) for name, side in sides.items()}
    sizes_at_start = dict.fromkeys(sides, 0)
    kills_done, deadline = 0, time.monotonic() + 300
    while procs and time.monotonic() < deadline:
        for name, proc in list(procs.items()):
            if proc.poll() is not None:
                _, err = proc.communicate()
                assert proc.returncode == 0, f"{name} failed:\n{err.decode()}"
                del procs[name]
        busy = [n for n in procs if len(_confirmed(sides[n])) > sizes_at_start[n]]
        if kills_done < kills and busy:
            name = rng.choice(busy)
            os.kill(procs[name].pid, signal.SIGKILL)
            procs[name].wait()
            kills_done += 1
            sizes_at_start[name] = len(_confirmed(sides[name]))
            procs[name] = _start(db, sides[name], writes, name)
        time.sleep(rng.uniform(0.001, 0.015))
    assert not procs, "the soak did not finish within 300 s"
    confirmed = [line.strip() for side in sides.values() for line in _confirmed(side)]
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT event_id FROM attempts")}
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return {"kills": kills_done, "confirmed": confirmed, "stored": stored, "integrity": integrity}


def check_soak(result: dict, workers: int, writes: int, kills: int) -> None:
    confirmed, stored = result["confirmed"], result["stored"]
    assert result["kills"] >= kills
    assert len(confirmed) == workers * writes
    assert len(set(confirmed)) == len(confirmed), "an event id was confirmed twice"
    lost = set(confirmed) - stored
    assert not lost, f"{len(lost)} confirmed records lost"
    assert len(stored) - len(confirmed) <= result["kills"], "more unconfirmed rows than kills"
    assert result["integrity"] == ["ok"]


def test_eight_writers_250_each_survive_50_sigkills(tmp_path):
    result = soak(tmp_path, workers=8, writes=250, kills=50, seed=0)
    check_soak(result, workers=8, writes=250, kills=50)


@pytest.mark.slow
def test_sixteen_writers_500_each_survive_200_sigkills(tmp_path):
    result = soak(tmp_path, workers=16, writes=500, kills=200, seed=1)
    check_soak(result, workers=16, writes=500, kills=200)


def test_sixteen_parallel_commands_record_sixteen_attempts(tmp_path):
    """16 processes of the progress tool at once: exactly 16 rows, and nobody sees "locked"."""
    (tmp_path / MARKER).write_text("schema_version = 1\n")
    env = {**os.environ, "LDL_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "ldl.progress", "record-attempt"]
    procs = [
        subprocess.Popen(
            [*command, f"exercise_{i}", "pass"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for i in range(16)
    ]
    outputs = [proc.communicate(timeout=120)[0].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 16, outputs
    assert not [out for out in outputs if "locked" in out.lower() or "busy" in out.lower()]
    with sqlite3.connect(tmp_path / ".ldl" / "progress.sqlite") as conn:
        rows = conn.execute("SELECT exercise_id, event_id FROM attempts").fetchall()
    assert sorted(exercise for exercise, _ in rows) == sorted(f"exercise_{i}" for i in range(16))
    assert {event_id for _, event_id in rows} == {out.strip() for out in outputs}


@pytest.mark.slow
def test_sixteen_parallel_ldl_checks_record_sixteen_attempts(tmp_path):
    """The same through the real `ldl check` (grading included): 16 attempts, no "locked"."""
    from ldl.curriculum.items import load_exercises

    exercise = next(e for e in load_exercises() if "torch" not in e.requires)
    env = {**os.environ, "LDL_HOME": str(tmp_path / "ws")}
    subprocess.run(
        [sys.executable, "-m", "ldl", "init", str(tmp_path / "ws")], env=env, check=True, capture_output=True
    )
    command = [sys.executable, "-m", "ldl", "check", exercise.id, "--json"]
    procs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(16)
    ]
    outputs = [proc.communicate(timeout=600)[0].decode() for proc in procs]
    assert not [out for out in outputs if "locked" in out.lower()]
    with sqlite3.connect(tmp_path / "ws" / ".ldl" / "progress.sqlite") as conn:
        rows = conn.execute("SELECT COUNT(*) FROM attempts WHERE exercise_id = ?", (exercise.id,)).fetchone()
    assert rows[0] == 16, outputs[0]
