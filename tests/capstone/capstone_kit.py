"""Small capstone projects written into tmp folders: a tiny notebook that passes every machine-judged
row of Capstone I without torch (numpy only, so a kernel runs it in a second or two), and ways to
break it one rule at a time."""

from __future__ import annotations

from pathlib import Path

import jupytext
import yaml

PROSE = "This cell is here because the next step of the argument needs it, and here is why in words."
SECTION = (
    "We explain the choice made in this section in enough words to satisfy the rubric, naming what "
    "we considered, what we chose, and why the choice fits the data and the question asked."
)

SETUP = """import json, os
from pathlib import Path
import numpy as np
FAST = os.environ.get("LDL_FAST") == "1"
SEEDS = [0, 1, 2]"""

TRAIN = """def train(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(200, 2)) + np.array([[2.0, 0.0]]) * (np.arange(200)[:, None] % 2)
    y = np.arange(200) % 2
    centroids = np.stack([x[y == k].mean(axis=0) for k in (0, 1)])
    x_test = rng.normal(size=(100, 2)) + np.array([[2.0, 0.0]]) * (np.arange(100)[:, None] % 2)
    y_test = np.arange(100) % 2
    predicted = np.argmin(((x_test[:, None, :] - centroids[None]) ** 2).sum(-1), axis=1)
    return float((predicted == y_test).mean())

scores = [train(seed) for seed in SEEDS]"""

RESULTS = """baseline = [0.5] * len(SEEDS)
results = {"metric": "accuracy", "higher_is_better": True, "seeds": SEEDS, "model": scores,
           "baseline": baseline, "baseline_name": "majority class",
           "summary": {w: {"mean": float(np.mean(v)), "std": float(np.std(v))}
                       for w, v in (("model", scores), ("baseline", baseline))},
           "test_evaluations": 1}
Path("results.json").write_text(json.dumps(results))"""

ANALYSIS = """print("errors per class:", [round(1 - s, 3) for s in scores])"""


def cell(kind: str, text: str) -> str:
    if kind == "md":
        return (
            "# %% [markdown]\n" + "\n".join(f"# {line}" if line else "#" for line in text.splitlines()) + "\n"
        )
    return "# %%\n" + text + "\n"


def tiny_cells(setup: str = SETUP, train: str = TRAIN) -> list[tuple[str, str]]:
    """(kind, text) cells of a valid tiny Capstone I notebook."""
    return [
        ("md", "# A tiny project\n\n" + SECTION),
        ("md", "## The question\n\n" + SECTION),
        ("md", PROSE),
        ("code", setup),
        ("md", "## The data\n\n" + SECTION),
        ("md", "## Splits and a baseline\n\n" + SECTION),
        ("md", "## The model\n\n" + SECTION),
        ("md", "## Training\n\n" + SECTION + "\n\n" + PROSE),
        ("code", train),
        ("md", "## Evaluation and error analysis\n\n" + SECTION + "\n\n" + PROSE),
        ("code", RESULTS),
        ("md", PROSE),
        ("code", ANALYSIS),
        ("md", "## Limits and next steps\n\n" + SECTION),
        ("md", "## Reproduce\n\n" + SECTION),
        ("md", "## References\n\n" + SECTION + "\n\n- [A paper](https://arxiv.org/abs/1512.03385)"),
    ]


def write_project(folder: Path, cells: list[tuple[str, str]], name: str = "tiny", stage: int = 1) -> Path:
    """A project folder with capstone.yaml and the notebook as <name>.py (percent format)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "name": name,
        "stage": stage,
        "title": "A tiny project",
        "created": "2026-11-30",
        "summary": "",
    }
    (folder / "capstone.yaml").write_text(yaml.safe_dump(manifest))
    header = "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n\n"
    text = header + "\n".join(cell(kind, body) for kind, body in cells)
    jupytext.reads(text, fmt="py:percent")  # fails here, not later, if the test wrote nonsense
    (folder / f"{name}.py").write_text(text)
    return folder
