"""CI executes every lab of the repository in fast mode (LDL_FAST=1) within its `fast_timeout`.

Each lab runs exactly as `ldl tour` runs it: ldl's own copy, in a throwaway workspace, through the
same runner (a timeout on every cell, the kernel killed on expiry). A failure shows the cell, the
exception and the end of its traceback.
"""

from __future__ import annotations

import pytest

from ldl.curriculum.items import load_labs
from ldl.notebooks.labs import run_reference_lab
from ldl.paths import CONTENT_ROOT
from ldl.progress.store import ProgressStore
from ldl.tour import tour_workspace

LABS = load_labs()


def test_every_lab_file_in_the_repository_is_executed_below():
    files = sorted(path.stem for path in CONTENT_ROOT.glob("stages/*/labs/*.py"))
    assert sorted(lab.id for lab in LABS) == files


@pytest.mark.parametrize("lab", LABS, ids=[lab.id for lab in LABS])
def test_lab_runs_in_fast_mode(lab):
    with tour_workspace(None) as (workspace, _), ProgressStore(workspace.progress_db) as store:
        result = run_reference_lab(lab, workspace, store).notebook
    failed = [cell for cell in result.cells if cell.status not in ("ok", "not_run")]
    details = "\n".join(f"{c.error_name}: {c.error_message}\n{c.traceback or ''}" for c in failed)
    assert result.status == "ok", f"{lab.id}: {result.error}\n{details}"
    assert result.duration_s <= lab.fast_timeout
