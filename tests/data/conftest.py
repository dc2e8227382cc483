"""Fixtures for ldl.data tests: a private cache, a clean environment, a loopback server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from data_testkit import LoopbackServer

from ldl.data import download

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The shared mirror of small datasets: $LDL_DATA_MIRROR in CI, else ../shared/data."""
    configured = os.environ.get("LDL_DATA_MIRROR", "").split(os.pathsep)[0]
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"


SHARED_DATA = shared_data_dir()  # read once, before any test changes the environment


@pytest.fixture
def shared_mirror() -> Path:
    return SHARED_DATA


@pytest.fixture(autouse=True)
def data_env(tmp_path, monkeypatch) -> Path:
    """Every test gets an empty cache, no mirrors, online mode and short retry pauses."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("LDL_DATA_DIR", str(cache))
    monkeypatch.delenv("LDL_DATA_MIRROR", raising=False)
    monkeypatch.delenv("LDL_OFFLINE", raising=False)
    monkeypatch.setattr(download, "BACKOFF_S", 0.01)
    return cache


@pytest.fixture
def server():
    loopback = LoopbackServer().start()
    yield loopback
    loopback.close()
