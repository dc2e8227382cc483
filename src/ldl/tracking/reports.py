"""What `ldl runs show | plot | compare` report: pure functions over run folders.

Each returns a dataclass that the CLI renders as tables (or prints as JSON with --json).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldl.tracking import store
from ldl.tracking.plots import NOT_METRICS


@dataclass
class RunDetail:
    """`ldl runs show`: a run's info plus its checkpoints and plots."""

    info: store.RunInfo
    checkpoints: list[str] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)


def show_run(ref: str, root: Path) -> RunDetail:
    run_dir = store.find_run(ref, root)
    checkpoints = sorted(p.name for p in (run_dir / "checkpoints").glob("step-*"))
    plots = sorted(str(p) for p in (run_dir / "plots").glob("*.png"))
    return RunDetail(store.run_info(run_dir), checkpoints, plots)


@dataclass
class PlotResult:
    run_ids: list[str]
    path: Path


def plot_run(ref: str, root: Path) -> PlotResult:
    from ldl.tracking.plots import plot_runs

    run_dir = store.find_run(ref, root)
    info = store.run_info(run_dir, with_metrics=False)
    path = plot_runs(
        {info.run_id: store.read_metrics(run_dir)},
        run_dir / "plots" / "metrics.png",
        title=f"{info.stage}/{info.name} {info.run_id}",
    )
    return PlotResult([info.run_id], path)


@dataclass
class Comparison:
    """`ldl runs compare`: the last value of each metric per run, config differences, a plot."""

    run_ids: list[str]
    metrics: dict[str, list[Any]]
    config_differences: dict[str, list[Any]]
    plot: Path


def compare_runs(first: str, second: str, root: Path, out: Path | None = None) -> Comparison:
    from ldl.tracking.plots import plot_runs  # matplotlib is imported only when a plot is drawn

    dirs = [store.find_run(first, root), store.find_run(second, root)]
    infos = [store.run_info(run_dir) for run_dir in dirs]
    ids = [info.run_id for info in infos]
    finals = [{**info.last_metrics, **info.summary} for info in infos]
    names = list(dict.fromkeys(k for final in finals for k in final if k not in NOT_METRICS))
    metrics = {name: [final.get(name) for final in finals] for name in names}
    keys = list(dict.fromkeys(k for info in infos for k in info.config))
    values = {k: [info.config.get(k) for info in infos] for k in keys}
    differences = {k: pair for k, pair in values.items() if pair[0] != pair[1]}
    out = out or dirs[0] / "plots" / f"compare-{ids[1]}.png"
    plot_runs({f"{info.run_id}": store.read_metrics(info.dir) for info in infos}, out)
    return Comparison(ids, metrics, differences, out)
