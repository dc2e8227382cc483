"""A sample workspace to build portfolios from: a capstone (per the `ldl capstone` contract), a
lab notebook with saved outputs, a finished run with a GIF, some progress; optionally a hostile
capstone whose every file carries injection payloads (site_payloads.py)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import nbformat
import numpy as np
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from site_payloads import EVIL, injection_notebook

from ldl.curriculum.items import load_labs
from ldl.progress.store import ProgressStore
from ldl.tracking import start_run
from ldl.tracking.plots import plot_runs
from ldl.workspace import Workspace, create_workspace

DONE_UNITS = [
    "practical.getting-started",
    "practical.image-classification",
    "math.linear-algebra",
    "math.calculus",
    "math.probability",
    "deep-dive.autograd",
    "deep-dive.mlp",
]


def _png(path: Path) -> bytes:
    """A small real figure (a learning curve), as PNG bytes."""
    steps = np.arange(1, 41)
    records = [{"step": int(s), "loss": float(2.3 * np.exp(-s / 12) + 0.1)} for s in steps]
    return plot_runs({"sample": records}, path).read_bytes()


def _gif() -> bytes:
    from PIL import Image

    frames = [Image.new("RGB", (48, 32), (40 + 20 * i, 90, 200 - 20 * i)) for i in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


def write_capstone(
    root: Path, name: str, info: dict, notebook, readme: str, check: dict | None, results: dict | None = None
) -> Path:
    folder = root / "capstones" / name
    for sub in ("data", "figures", ".ldl"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    import yaml

    (folder / "capstone.yaml").write_text(yaml.safe_dump({"name": name, **info}, sort_keys=False))
    nbformat.write(notebook, folder / f"{name}.ipynb")
    (folder / f"{name}.py").write_text("# paired with the notebook by jupytext\n")
    (folder / "README.md").write_text(readme)
    if check is not None:
        (folder / ".ldl" / "check.json").write_text(json.dumps(check))
    if results is not None:
        (folder / "results.json").write_text(json.dumps(results))
    return folder


def capstone_notebook(figure_png: bytes) -> nbformat.NotebookNode:
    import base64

    notebook = new_notebook()
    plot = new_output(
        "display_data", data={"image/png": base64.b64encode(figure_png).decode(), "text/plain": "fig"}
    )
    notebook.cells = [
        new_markdown_cell(
            "# Digits with a from-scratch MLP\n\nCross-entropy on $N$ examples:\n\n"
            "$$\\mathcal{L} = -\\frac{1}{N}\\sum_{i=1}^{N} \\log p_\\theta(y_i \\mid x_i)$$"
        ),
        new_code_cell(
            "accuracy = 0.973\nprint(f'test accuracy {accuracy:.1%}')",
            outputs=[new_output("stream", name="stdout", text="test accuracy 97.3%\n")],
            execution_count=1,
        ),
        new_code_cell("plot_losses()", outputs=[plot], execution_count=2),
        new_markdown_cell(
            "Read more in [the deep-dive notes](https://example.org/notes) or [below](#results)."
        ),
        new_markdown_cell("## Results\n\nThe model beats the linear baseline by 5 points."),
    ]
    return notebook


def make_workspace(root: Path, hostile: bool = False, capstones: Path | None = None) -> Workspace:
    """Write the sample workspace at `root` (see the module docstring) and return it; with
    `capstones` (a folder such as examples/capstones), copy its projects in as well."""
    create_workspace(root, [])
    workspace = Workspace(root.resolve())
    with ProgressStore(workspace.progress_db) as store:
        for unit in DONE_UNITS:
            store.set_unit_status(unit, "done")
        store.set_unit_status("deep-dive.optimizers", "in_progress")
    figure = _png(root / "capstones" / "digits-mlp" / "figures" / "loss.png")
    write_capstone(
        root,
        "digits-mlp",
        {
            "stage": 1,
            "title": "Digits with a from-scratch MLP",
            "created": "2026-11-20",
            "summary": "A two-layer MLP on scikit-learn's digits, written with my own autograd engine.",
        },
        capstone_notebook(figure),
        "# Digits with a from-scratch MLP\n\n![loss curve](figures/loss.png)\n\n"
        "What I learned: the learning rate $\\eta$ matters most.\n",
        {
            "when": "2026-11-29T10:00:00Z",
            "ldl_version": "0.1.0",
            "overall": "pass",
            "rows": [
                {
                    "id": "runs",
                    "title": "The notebook runs top to bottom",
                    "status": "pass",
                    "how_to_fix": "",
                },
                {"id": "baseline", "title": "A baseline to beat", "status": "pass", "how_to_fix": ""},
                {
                    "id": "story",
                    "title": "The README tells the story",
                    "status": "self",
                    "how_to_fix": "Read it aloud to a friend.",
                },
            ],
        },
        {
            "metric": "test_accuracy",
            "seeds": [0, 1, 2],
            "model": [0.9712, 0.9733, 0.9745],
            "baseline": [0.9521, 0.9533, 0.9510],
            "baseline_name": "logistic regression",
            "summary": {"model": {"mean": 0.973, "std": 0.0014}, "baseline": {"mean": 0.9521, "std": 0.0009}},
            "video": "figures/agent.mp4",
        },
    )
    (root / "capstones" / "digits-mlp" / "figures" / "agent.mp4").write_bytes(
        b"\x00\x00\x00\x18ftypmp42 fake"
    )
    lab = load_labs()[0]
    lab_notebook = capstone_notebook(figure)
    lab_notebook.cells[0].source = f"# {lab.title}\n\nMy run of the lab, with $\\sigma(x) = 1/(1+e^{{-x}})$."
    lab_path = lab.learner_path(workspace)
    lab_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(lab_notebook, lab_path)
    run = start_run(
        "deep-rl",
        "cartpole-dqn",
        {"lr": 0.0005, "batch_size": 128},
        root=workspace.runs_dir,
        tensorboard=False,
    )
    for step in range(1, 30):
        run.log(step=step * 1000, episode_return=min(500.0, 9.0 * step * (1 + 0.1 * np.sin(step))))
    (run.dir / "plots").mkdir(exist_ok=True)
    (run.dir / "plots" / "agent.gif").write_bytes(_gif())
    (run.dir / "videos").mkdir()
    (run.dir / "videos" / "episode 1.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not a real video")
    run.finish(episode_return=487.5)
    selection = "title: Ada's deep learning portfolio\nauthor: Ada Lovelace\n"
    selection += f"labs: [{lab.id}]\nruns: [{run.dir.name}]\n"
    (root / "portfolio.yaml").write_text(selection)
    for project in sorted(capstones.glob("*/capstone.yaml")) if capstones else []:
        shutil.copytree(project.parent, workspace.capstones_dir / project.parent.name)
    if hostile:
        write_capstone(
            root,
            "hostile",
            {
                "stage": 2,
                "title": "<script>alert('yaml-title')</script>Hostile",
                "created": "<img src=x onerror=alert('yaml-created')>",
                "summary": "<b onmouseover=alert(1)>s</b>",
            },
            injection_notebook(),
            "# Hostile\n\n<script>alert('readme')</script>\n\n"
            f"![x]({EVIL}/readme.png) [j](javascript:alert('readme-link'))\n",
            {
                "when": "<script>alert('check-when')</script>",
                "overall": "fail",
                "rows": [
                    {
                        "id": "x",
                        "title": "<img src=x onerror=alert('check-title')>",
                        "status": 'fail"><script>',
                        "how_to_fix": "<script>alert('check-fix')</script>",
                    }
                ],
            },
            {
                "metric": "<script>alert('results-metric')</script>",
                "baseline_name": "<img src=x onerror=alert('results-baseline')>",
                "model": ["<b onclick=alert(1)>"],
                "video": "../../../../../../etc/hostname",
            },
        )
    return workspace
