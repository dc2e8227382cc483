"""Soak versions of the download tests (`pytest -m slow tests/data`): many rounds, random kill times.

The default suite runs one round of each in test_data_downloads.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from data_testkit import Route, one_file_dataset, sha256

from ldl.data import store

BODY = os.urandom(400_000)
WORKER = Path(__file__).with_name("fetch_worker.py")
pytestmark = pytest.mark.slow


def worker(server, cache: Path) -> subprocess.Popen:
    env = dict(os.environ, LDL_DATA_DIR=str(cache))
    command = [sys.executable, str(WORKER), server.url("/blob"), sha256(BODY), str(len(BODY))]
    pipe = subprocess.PIPE
    return subprocess.Popen(command, env=env, cwd=WORKER.parent, stdout=pipe, stderr=pipe)


def leftovers(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".lock"] if cache.exists() else []


def test_sigkill_at_random_moments_never_leaves_a_final_file(server, tmp_path, monkeypatch):
    server.routes["/blob"] = Route(BODY, mode="slow", chunk_delay_s=0.05)  # ~1.3 s per download
    dataset = one_file_dataset(server.url("/blob"), BODY)
    rng = random.Random(0)
    for round_number in range(10):
        cache = tmp_path / f"cache{round_number}"
        process = worker(server, cache)
        try:
            process.wait(timeout=rng.uniform(0.3, 2.5))  # before, during or after the download
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        final = cache / dataset.name / "blob.bin"
        assert not final.exists() or final.read_bytes() == BODY
        monkeypatch.setenv("LDL_DATA_DIR", str(cache))
        store.gc([dataset])
        assert leftovers(cache) in ([], [final])
        assert store.fetch(dataset)["blob.bin"].read_bytes() == BODY


def test_eight_processes_five_rounds_one_download_each(server, tmp_path):
    server.routes["/blob"] = Route(BODY, mode="slow", chunk_delay_s=0.05)
    for round_number in range(5):
        cache = tmp_path / f"cache{round_number}"
        processes = [worker(server, cache) for _ in range(8)]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert all(process.returncode == 0 for process in processes), outputs
        assert {out.split()[1] for out, _ in outputs} == {sha256(BODY).encode()}
        assert server.requests["/blob"] == round_number + 1
