"""A training run: one folder that holds everything needed to read, plot or resume it.

    run = start_run("deep-dive", "mlp", config)          # runs/deep-dive/mlp/<run-id>/
    for step in ...:
        run.log(step=step, loss=loss)                      # one line of metrics.jsonl
        if step % 100 == 0:
            run.checkpoints.save(state, step)
    run.plot_metrics()                                     # plots/metrics.png
    run.finish(test_accuracy=0.91)                         # summary.json

Resuming: `start_run(..., resume=True)` reopens the newest run of that stage and name (or
`resume="<run-id or path>"` a given one), refuses a different config, loads the newest valid
checkpoint into `run.resumed`, and rewinds metrics.jsonl to the moment that checkpoint was taken, so
that the resumed run's metrics continue exactly where the saved state left off.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ldl.errors import LdlError
from ldl.tracking import store
from ldl.tracking.checkpoint import Checkpoint, CheckpointManager
from ldl.tracking.configs import config_defaults, config_to_dict, describe_config_diff, resume_may_change
from ldl.tracking.tensorboard import open_writer


@dataclass(frozen=True)
class Progress:
    """What a training loop reports to its `progress` callback after each step (`ldl run` draws a
    progress bar from it). `batch_indices` says which examples the step trained on, shape
    (batch_size,), for debugging and for the tests that check a resumed run's data order."""

    step: int
    total_steps: int
    epoch: int
    metrics: dict[str, float] = field(default_factory=dict)
    batch_indices: Any = None


def _number(value: Any) -> Any:
    """A metric as a plain Python number (tensors and NumPy scalars via .item())."""
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    return value


class Run:
    """One run's folder and its writers. Create it with `start_run`."""

    def __init__(
        self,
        run_dir: Path,
        config: dict[str, Any],
        keep_last: int = 3,
        resume: bool = False,
        tensorboard: bool | None = None,
        may_change: tuple[str, ...] = (),
        defaults: dict[str, Any] | None = None,
    ):
        self.dir = Path(run_dir)
        self.config = config
        meta = store.read_json(self.dir / store.RUN_FILE, {})
        self.run_id, self.stage, self.name = meta["run_id"], meta["stage"], meta["name"]
        self._records = 0
        self.checkpoints = CheckpointManager(
            self.dir / "checkpoints",
            keep_last,
            config,
            metadata=lambda: {"metrics_records": self._records},
            may_change=may_change,
            defaults=defaults,
        )
        self.resumed: Checkpoint | None = self.checkpoints.latest() if resume else None
        self._rewind_metrics(self.resumed)
        purge = (self.resumed.step + 1 if self.resumed else 0) if resume else None
        self._tensorboard = open_writer(self.dir / "tensorboard", purge, tensorboard)
        self._metrics_file = open(self.dir / "metrics.jsonl", "a", encoding="utf-8")
        self._set_status("running")

    # --- metrics -----------------------------------------------------------------------------

    def _rewind_metrics(self, checkpoint: Checkpoint | None) -> None:
        """Keep only the records written before `checkpoint` was taken; with no checkpoint, none
        (training starts again from step 0)."""
        path = self.dir / "metrics.jsonl"
        keep = checkpoint.metadata.get("metrics_records", 0) if checkpoint else 0
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
        kept = lines[:keep]
        if kept and not kept[-1].endswith("\n"):
            kept = kept[:-1]  # a half-written line from a crash is not a record
        if len(kept) != len(lines):
            temporary = path.with_name(f".metrics.jsonl.{os.getpid()}.tmp")
            temporary.write_text("".join(kept), encoding="utf-8")
            os.replace(temporary, path)
        self._records = len(kept)

    def log(self, step: int, **metrics: Any) -> None:
        """Append {"step": step, "time": now, **metrics} to metrics.jsonl (flushed at once)."""
        record = {"step": int(step), "time": round(datetime.now(UTC).timestamp(), 3)}
        record.update({name: _number(value) for name, value in metrics.items()})  # NaN stays NaN
        self._metrics_file.write(json.dumps(record) + "\n")
        self._metrics_file.flush()
        self._records += 1
        if self._tensorboard:
            self._tensorboard.scalars(step, {k: _number(v) for k, v in metrics.items()})

    def metrics(self) -> list[dict[str, Any]]:
        """Every record logged so far (read back from metrics.jsonl)."""
        return store.read_metrics(self.dir)

    # --- plots -------------------------------------------------------------------------------

    def save_figure(self, figure: Any, name: str) -> Path:
        """Save a matplotlib figure as plots/<name>.png and return the path."""
        path = self.dir / "plots" / (name if name.endswith(".png") else f"{name}.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, dpi=120, bbox_inches="tight")
        return path

    def plot_metrics(self) -> Path:
        """Plot every logged metric against the step into plots/metrics.png."""
        from ldl.tracking.plots import plot_runs

        return plot_runs({self.run_id: self.metrics()}, self.dir / "plots" / "metrics.png")

    # --- ending ------------------------------------------------------------------------------

    def finish(self, **summary: Any) -> Path:
        """Write summary.json, mark the run finished, close the files. Returns the summary path."""
        path = self.dir / "summary.json"
        store.write_json(path, {name: _number(value) for name, value in summary.items()})
        self.close("finished")
        return path

    def close(self, status: str = "stopped") -> None:
        """Close the metric writers and record `status` (finish() calls this for you)."""
        if not self._metrics_file.closed:
            self._metrics_file.close()
        if self._tensorboard:
            self._tensorboard.close()
            self._tensorboard = None
        self._set_status(status)

    def _set_status(self, status: str) -> None:
        meta = store.read_json(self.dir / store.RUN_FILE, {})
        meta["status"] = status
        meta["pid"] = os.getpid()  # with its start time, lets `ldl runs list` tell a live run
        meta["pid_started"] = store.process_started()  # from a killed one (ids are reused)
        store.write_json(self.dir / store.RUN_FILE, meta)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if not self._metrics_file.closed:
            self.close("failed" if kind and not issubclass(kind, KeyboardInterrupt) else "stopped")

    def __repr__(self) -> str:
        return f"Run({str(self.dir)!r})"


_REFERENCE: ContextVar[str | None] = ContextVar("ldl_reference_run", default=None)


@contextmanager
def as_reference_run(name: str) -> Iterator[None]:
    """Runs started inside this block record `name` (e.g. "deep-rl.dqn-minatar") in run.json as
    "reference", so that `ldl run NAME --resume latest` finds the newest run of that reference run
    even when two of them share a training script (and so a folder name)."""
    token = _REFERENCE.set(name)
    try:
        yield
    finally:
        _REFERENCE.reset(token)


def _resume_dir(stage: str, name: str, root: Path, resume: bool | str | Path) -> Path | None:
    if resume is True or resume == "latest":
        found = store.run_dirs(root, stage, name)
        return found[-1] if found else None
    return store.find_run(resume, root)


def start_run(
    stage: str,
    name: str,
    config: Any,
    root: str | Path | None = None,
    resume: bool | str | Path | None = None,
    keep_last: int = 3,
    tensorboard: bool | None = None,
) -> Run:
    """Create runs/<stage>/<name>/<run-id>/ (or reopen one to resume) and return its Run.

    `config` is a dataclass or dict, saved as config.json. `resume`: None/False starts a new run;
    True (or "latest") continues the newest run of this stage and name if there is one; a run id or
    path continues that run. A resumed run with a different config is refused, naming the fields,
    except the fields the config class lists in RESUME_MAY_CHANGE (when to stop): those are updated
    in config.json, and run.json's "changes" records when and from what.
    """
    root = Path(root) if root is not None else store.default_root()
    config_dict = config_to_dict(config)
    may_change, defaults = resume_may_change(config), config_defaults(config)
    run_dir = _resume_dir(stage, name, root, resume) if resume else None
    if run_dir is not None:
        meta = store.read_json(run_dir / store.RUN_FILE, {})
        if (meta.get("stage"), meta.get("name")) != (stage, name):
            raise LdlError(
                f"Cannot resume {run_dir} as {stage}/{name}: "
                f"it is a {meta.get('stage')}/{meta.get('name')} run.",
                hint="Pass a run of the same training script, or start a new run.",
            )
        saved = store.read_json(run_dir / "config.json", {})
        differences = describe_config_diff(saved, config_dict, may_change, defaults)
        if differences:
            allowed = f" (a resume may change only {', '.join(may_change)})" if may_change else ""
            raise LdlError(
                f"Cannot resume {run_dir}: its config differs: {differences}{allowed}.",
                hint="Resume with the settings the run started with, or start a new run.",
            )
        fixed = tuple(key for key in set(saved) | set(config_dict) if key not in may_change)
        changes = describe_config_diff(saved, config_dict, fixed, defaults)
        if changes:  # a longer (or shorter) run: remember the new stop and when it was set
            meta["changes"] = [*meta.get("changes", []), {"at": _now(), "changes": changes}]
            store.write_json(run_dir / store.RUN_FILE, meta)
        if changes or set(config_dict) - set(saved):  # also fields added since, at their defaults
            store.write_json(run_dir / "config.json", config_dict)
        options = {"tensorboard": tensorboard, "may_change": may_change, "defaults": defaults}
        return Run(run_dir, config_dict, keep_last, resume=True, **options)
    run_id = store.new_run_id()
    run_dir = root / stage / name / run_id
    run_dir.mkdir(parents=True, exist_ok=False)
    (run_dir / "plots").mkdir()
    meta = {
        "schema": store.SCHEMA_VERSION,
        "stage": stage,
        "name": name,
        "run_id": run_id,
        "created": _now(),
        "status": "running",
    }
    if _REFERENCE.get():
        meta["reference"] = _REFERENCE.get()
    store.write_json(run_dir / store.RUN_FILE, meta)
    store.write_json(run_dir / "config.json", config_dict)
    return Run(run_dir, config_dict, keep_last, resume=False, tensorboard=tensorboard, may_change=may_change)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
