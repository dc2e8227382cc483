"""Fixtures for the stage-1 tests.

Datasets come through `ldl.data.load`. Tiny Shakespeare and the sentiment sentences are read from
the local mirror named by LDL_DATA_MIRROR (CI sets it); when it is unset we point it at the
developer machines' ../shared/data, so that no test ever reaches for the network.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def data_mirror(monkeypatch):
    if not os.environ.get("LDL_DATA_MIRROR") and SHARED_DATA.is_dir():
        monkeypatch.setenv("LDL_DATA_MIRROR", str(SHARED_DATA))


@pytest.fixture(autouse=True)
def one_thread():
    """Pin torch to one thread: on a shared 2-core machine, small models train faster that way."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
