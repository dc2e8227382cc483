"""Fixtures of the capstone tests (the helpers are in capstone_kit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from capstone_kit import tiny_cells, write_project


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "tiny", tiny_cells())
