"""Learning curves as PNG files: one panel per metric, one line per run.

Uses matplotlib's object API with the Agg canvas (no pyplot, no window, no global state), so it
works on a headless machine and inside tests.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

NOT_METRICS = {"step", "time", "epoch", "batch"}  # bookkeeping fields, not curves


def metric_names(records: list[dict[str, Any]]) -> list[str]:
    """Numeric metrics in the order they first appear."""
    names: dict[str, None] = {}
    for record in records:
        for key, value in record.items():
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if key not in NOT_METRICS and numeric:
                names.setdefault(key)
    return list(names)


def plot_runs(runs: dict[str, list[dict[str, Any]]], path: Path, title: str | None = None) -> Path:
    """Draw every metric of every run against the step; save to `path` (PNG) and return it.

    `runs` maps a label (a run id) to its metric records. Metrics that several runs share are
    overlaid in one panel, which is how `ldl runs compare` shows two runs side by side.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names: list[str] = []
    for records in runs.values():
        names += [name for name in metric_names(records) if name not in names]
    columns = min(3, max(1, len(names)))
    rows = max(1, math.ceil(len(names) / columns))
    figure = Figure(figsize=(4.5 * columns, 3.2 * rows))
    FigureCanvasAgg(figure)
    for index, name in enumerate(names):
        axes = figure.add_subplot(rows, columns, index + 1)
        for label, records in runs.items():
            points = [(r["step"], r[name]) for r in records if isinstance(r.get(name), (int, float))]
            if points:
                steps, values = zip(*points, strict=True)
                axes.plot(steps, values, label=label, marker="." if len(points) < 30 else None)
        axes.set_title(name)
        axes.set_xlabel("step")
        axes.grid(alpha=0.3)
        if len(runs) > 1:
            axes.legend(fontsize="small")
    if not names:
        figure.add_subplot(1, 1, 1).text(0.5, 0.5, "no metrics logged yet", ha="center")
    if title:
        figure.suptitle(title)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    return path
