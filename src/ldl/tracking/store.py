"""Where runs live on disk, and how to find and read them back.

    <root>/<stage>/<name>/<run-id>/
        run.json          schema version, stage, name, run id, created, status
        config.json       the hyperparameters
        metrics.jsonl     one JSON object per `run.log(...)`: {"step": 12, "time": ..., "loss": 0.31}
        summary.json      written by `run.finish(...)`
        checkpoints/      step-000000100.pt (torch) or .npz (NumPy), see checkpoint.py
        plots/            PNG figures
        tensorboard/      event files (when TensorBoard is installed)

The root is LDL_RUNS_DIR if set, else the current workspace's runs/ folder, else ./runs.
Run ids sort by time: 20261126-143012.042-7f3a (date, time to the millisecond, 4 random hex digits).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ldl.errors import LdlError

RUN_FILE = "run.json"
SCHEMA_VERSION = 1


def default_root() -> Path:
    """LDL_RUNS_DIR, else the workspace's runs/, else ./runs."""
    env = os.environ.get("LDL_RUNS_DIR")
    if env:
        return Path(env).expanduser()
    from ldl.workspace import find_workspace

    workspace = find_workspace()
    return workspace.runs_dir if workspace else Path("runs")


def new_run_id() -> str:
    """A unique id that sorts in start order: UTC time to the millisecond, then 4 random hex digits
    (two runs started in the same second must still list oldest first)."""
    now = datetime.now(UTC)
    return f"{now:%Y%m%d-%H%M%S}.{now.microsecond // 1000:03d}-{secrets.token_hex(2)}"


def read_json(path: Path, default: Any = None) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return default


def write_json(path: Path, value: Any) -> None:
    """Write JSON atomically (temporary file, then rename)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_metrics(run_dir: Path) -> list[dict[str, Any]]:
    """Every complete record of metrics.jsonl (a half-written last line is ignored)."""
    records = []
    try:
        with open(run_dir / "metrics.jsonl", encoding="utf-8") as file:
            for line in file:
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    break
    except FileNotFoundError:
        pass
    return records


@dataclass
class RunInfo:
    """What `ldl runs list/show` report about one run."""

    run_id: str
    stage: str
    name: str
    dir: Path
    created: str
    status: str
    last_step: int | None = None
    last_metrics: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    reference: str | None = None  # the `ldl run NAME` that started it, when it was started that way


def _status(meta: dict[str, Any]) -> str:
    """The recorded status, except that a "running" run whose process is gone (killed hard, with
    no chance to say so) is "interrupted": it can be resumed from its newest checkpoint. A process
    id can be reused after a crash, so the process's start time must match the recorded one too."""
    status = meta.get("status", "unknown")
    if status == "running" and meta.get("pid") and not process_alive(meta["pid"], meta.get("pid_started")):
        return "interrupted"
    return status


def process_started(pid: int | None = None) -> float | None:
    """When the process `pid` (default: this one) started, in seconds since the epoch (None if
    there is no such process)."""
    import psutil

    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None


def process_alive(pid: int, started: float | None = None) -> bool:
    """Whether a process with this id exists (signal 0 checks without sending anything) and, when
    `started` is given, is the one that started then rather than a later one that reused the id."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if started is not None:
        now = process_started(pid)
        return now is not None and abs(now - started) < 1.0
    return True


def run_info(run_dir: Path, with_metrics: bool = True) -> RunInfo:
    meta = read_json(run_dir / RUN_FILE, {}) or {}
    records = read_metrics(run_dir) if with_metrics else []
    last: dict[str, Any] = {}
    for record in records:  # latest value of every metric, wherever it was last logged
        last.update({k: v for k, v in record.items() if k not in ("step", "time")})
    return RunInfo(
        run_id=meta.get("run_id", run_dir.name),
        stage=meta.get("stage", run_dir.parent.parent.name),
        name=meta.get("name", run_dir.parent.name),
        dir=run_dir,
        created=meta.get("created", ""),
        status=_status(meta),
        last_step=records[-1].get("step") if records else None,
        last_metrics=last,
        summary=read_json(run_dir / "summary.json", {}) or {},
        config=read_json(run_dir / "config.json", {}) or {},
        reference=meta.get("reference"),
    )


def run_dirs(root: Path, stage: str | None = None, name: str | None = None) -> list[Path]:
    """Run folders under `root`, oldest first (run ids sort by time)."""
    pattern = f"{stage or '*'}/{name or '*'}/*/{RUN_FILE}"
    return sorted((path.parent for path in root.glob(pattern)), key=lambda d: (d.name, str(d)))


def list_runs(root: Path, stage: str | None = None) -> list[RunInfo]:
    return [run_info(run_dir) for run_dir in run_dirs(root, stage)]


def find_run(ref: str | Path, root: Path) -> Path:
    """A run folder from a path, a run id, a unique run-id prefix, or "latest"."""
    as_path = Path(ref).expanduser()
    if (as_path / RUN_FILE).is_file():
        return as_path
    candidates = run_dirs(root)
    if str(ref) == "latest" and candidates:
        return max(candidates, key=lambda d: d.name)
    matches = [d for d in candidates if d.name == str(ref)] or [
        d for d in candidates if d.name.startswith(str(ref))
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LdlError(
            f"No run {str(ref)!r} under {root}.",
            hint="`ldl runs list` shows the runs there; pass a run id or the path of a run folder "
            "(or set LDL_RUNS_DIR to look elsewhere).",
        )
    raise LdlError(
        f"{str(ref)!r} matches {len(matches)} runs.",
        hint="Give more of the run id: " + ", ".join(d.name for d in matches[:5]),
    )
