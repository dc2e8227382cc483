"""The check's report: its rows, the file `ldl portfolio` reads, the record in the progress store.

    <project>/.ldl/check.json
    {"name": ..., "stage": 1, "title": ..., "notebook": "<name>.ipynb", "when": ISO 8601,
     "ldl_version": ..., "overall": "pass" | "fail", "counts": {"pass": 12, "fail": 2, "self": 3},
     "duration_s": ..., "rows": [{"id", "title", "status": "pass" | "fail" | "self", "how_to_fix",
     "detail"}, ...]}

The store keeps each check as a run of the pseudo-lab `capstone/<name>` (status pass or fail,
mode "fast"), so it counts as activity and shows in the learner's history.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ldl.workspace import capstone_check_report

Status = Literal["pass", "fail", "self"]


@dataclass
class Row:
    id: str
    title: str
    status: Status
    how_to_fix: str = ""  # what to do when it failed; the question to ask yourself when "self"
    detail: str = ""  # what the checker saw


@dataclass
class CheckReport:
    name: str
    stage: int
    title: str
    project: Path
    notebook: Path
    when: str
    ldl_version: str
    overall: Literal["pass", "fail"]
    duration_s: float
    rows: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {status: sum(row.status == status for row in self.rows) for status in ("pass", "fail", "self")}


def save_report(report: CheckReport) -> Path:
    """Write the report to <project>/.ldl/check.json, atomically."""
    path = capstone_check_report(report.project)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report_json(report)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def report_json(report: CheckReport) -> dict[str, Any]:
    return {
        "name": report.name,
        "stage": report.stage,
        "title": report.title,
        "notebook": report.notebook.name,
        "when": report.when,
        "ldl_version": report.ldl_version,
        "overall": report.overall,
        "counts": report.counts,
        "duration_s": report.duration_s,
        "rows": [row.__dict__ for row in report.rows],
    }


def record(report: CheckReport, progress_db: Path) -> str:
    """Record the check in the progress store (a run of the pseudo-lab `capstone/<name>`)."""
    from ldl.progress.store import ProgressStore

    with ProgressStore(progress_db) as store:
        return store.record_lab_run(
            f"capstone/{report.name}",
            report.overall,
            report.duration_s,
            {"overall": report.overall, "stage": report.stage, **report.counts},
            mode="fast",
        )


def make_row(row_id: str, title: str, passed: bool, how_to_fix: str, detail: str = "") -> Row:
    return Row(row_id, title, "pass" if passed else "fail", "" if passed else how_to_fix, detail)
