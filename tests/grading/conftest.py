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


@pytest.fixture(autouse=True, scope="session")
def private_reference_cache(tmp_path_factory):
    """Stored reference runs go to a folder of this session, never the user's cache."""
    import os

    from ldl.grading.reference_cache import ENV_VARIABLE

    previous = os.environ.get(ENV_VARIABLE)
    os.environ[ENV_VARIABLE] = str(tmp_path_factory.mktemp("reference-cache"))
    yield
    if previous is None:
        os.environ.pop(ENV_VARIABLE, None)
    else:
        os.environ[ENV_VARIABLE] = previous
