"""The portfolio's figures: the learner's progress through the six stages, and learning curves.

The progress figure is a small hand-written SVG (one bar per stage); it needs no plotting library
and stays sharp at any size. It is shown through `<img>`, where an SVG is a static picture.
Learning curves are the PNGs that `ldl.tracking` draws (`run.plot_metrics()`, `ldl runs plot`);
a run that has none gets one drawn from its metrics.jsonl.
"""

from __future__ import annotations

import base64
import html
import tempfile
from dataclasses import dataclass
from pathlib import Path

BAR_WIDTH = 340  # px of the full bar (100 %)
ROW = 34  # px per stage


@dataclass(frozen=True)
class StageProgress:
    """One bar of the progress figure."""

    number: int
    title: str
    fraction: float
    """Hours done / hours on the learner's path through the stage, in [0, 1]."""
    hours_done: float
    hours_total: float


def progress_svg(stages: list[StageProgress]) -> str:
    """An SVG document: for each stage its title, a bar filled to `fraction`, and the hours."""
    height = ROW * len(stages) + 16
    rows = []
    for index, stage in enumerate(stages):
        y = 8 + index * ROW
        filled = round(BAR_WIDTH * min(max(stage.fraction, 0.0), 1.0), 1)
        label = html.escape(f"{stage.number}. {stage.title}")
        hours = f"{stage.hours_done:.0f} / {stage.hours_total:.0f} h ({stage.fraction:.0%})"
        rows.append(
            f'<text x="0" y="{y + 17}" font-size="13">{label}</text>'
            f'<rect x="300" y="{y + 4}" width="{BAR_WIDTH}" height="18" rx="4" fill="#e8eaf0"/>'
            f'<rect x="300" y="{y + 4}" width="{filled}" height="18" rx="4" fill="#3b6fd8"/>'
            f'<text x="{310 + BAR_WIDTH}" y="{y + 17}" font-size="12" fill="#444">{hours}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="820" height="{height}" '
        f'viewBox="0 0 820 {height}" font-family="sans-serif" fill="#222">{"".join(rows)}</svg>'
    )


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def learning_curve_png(run_dir: Path, records: list[dict]) -> bytes | None:
    """The run's learning-curve PNG: plots/metrics.png if the run drew one, else drawn now from
    its metric records (None when it logged nothing)."""
    drawn = run_dir / "plots" / "metrics.png"
    if drawn.is_file():
        return drawn.read_bytes()
    if not records:
        return None
    from ldl.tracking.plots import metric_names, plot_runs

    if not metric_names(records):
        return None
    with tempfile.TemporaryDirectory() as scratch:
        return plot_runs({run_dir.name: records}, Path(scratch) / "curve.png").read_bytes()
