"""What the stage-1 reference runs share: their result type and the start of every run.

Each reference run (`vision`, `text`, `collab`) follows the house skeleton of
`ldl.tracking.example_mlp`, with fastai's `Learner` doing the loop:

    config -> seed -> data -> model -> fit (RunLogger logs, checkpoints, reports progress)
           -> evaluate -> plots -> finish -> RunResult

`train(config, root=None, progress=None)`: `root` is where runs are written (default: the
workspace's runs/), `progress` receives an `ldl.tracking.Progress` after every training step.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

STAGE = "practical"


@dataclass
class RunResult:
    """What `train(config)` returns: the headline metrics and the folder holding everything else."""

    metrics: dict[str, float]
    run_dir: Path


def begin(name: str, config, root: str | Path | None = None):
    """Seed every generator with `config.seed` and open the Run runs/practical/<name>/<run-id>/."""
    from ldl.tracking import seed_everything, start_run

    seed_everything(config.seed)
    return start_run(STAGE, name, config, root=root)


def quiet(learn, bar: bool):
    """Keep stdout clean for `--json`: the epoch table goes to stderr, and fastai's own progress
    bar is shown only when `bar` is asked for and stdout is a terminal."""
    learn.logger = functools.partial(print, file=sys.stderr)
    return contextlib.nullcontext() if bar and sys.stdout.isatty() else learn.no_bar()
