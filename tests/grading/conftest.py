"""Every grading test ends with no sandbox process left alive."""

from __future__ import annotations

import time

import pytest
from grading_kit import sandbox_processes


@pytest.fixture(autouse=True)
def no_survivors():
    yield
    deadline = time.monotonic() + 2
    while sandbox_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = sandbox_processes()
    for process in survivors:
        process.kill()
    assert not survivors, f"sandbox processes survived the test: {survivors}"
