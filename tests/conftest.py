"""Suite-wide set-up: tests never reach for the network for the small text datasets.

CI sets LDL_DATA_MIRROR to the shared mirror beside the clone; on a developer machine where it is
unset, point it at the same `../shared/data` (when present) before any test runs.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_configure(config):
    if not os.environ.get("LDL_DATA_MIRROR") and SHARED_DATA.is_dir():
        os.environ["LDL_DATA_MIRROR"] = str(SHARED_DATA)
    os.environ.setdefault("MPLBACKEND", "Agg")
