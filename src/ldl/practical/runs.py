"""What the stage-1 reference runs share: their result type and the start of every run.

Each reference run (`vision`, `text`, `collab`) follows the house skeleton of
`ldl.tracking.example_mlp`, with fastai's `Learner` doing the loop:

    config -> seed -> data -> model -> fit (RunLogger logs, checkpoints, reports progress)
           -> evaluate -> plots -> finish -> RunResult

`train(config, root=None, progress=None, resume=None)`: `root` is where runs are written
(default: the workspace's runs/), `progress` receives an `ldl.tracking.Progress` after every
training step, `resume` continues an interrupted run (see `ldl.practical.resume`).
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

STAGE = "practical"


@dataclass
class RunResult:
    """What `train(config)` returns: the headline metrics and the folder holding everything else.
    `interrupted`: stopped by Ctrl-C/SIGTERM; `ldl run NAME --resume RUN_ID` continues it."""

    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def begin(name: str, config, root: str | Path | None = None, resume=None):
    """Seed every generator with `config.seed` and open the Run runs/practical/<name>/<run-id>/
    (or reopen the run `resume` names: True/"latest", a run id or a run folder)."""
    from ldl.tracking import seed_everything, start_run

    seed_everything(config.seed)
    return start_run(STAGE, name, config, root=root, resume=resume)


def stopped(run, phases) -> RunResult:
    """The result of a run that Ctrl-C or SIGTERM stopped: its status becomes "interrupted" and
    its newest checkpoint is where `--resume` continues."""
    run.close("interrupted")
    return RunResult(metrics={"steps": phases.step}, run_dir=run.dir, interrupted=True)


def quiet(learn, bar: bool):
    """Keep stdout clean for `--json`: the epoch table goes to stderr (as a table, see
    `EpochTable`), and fastai's own progress bar is shown only when `bar` is asked for and stdout
    is a terminal."""
    from ldl.practical.callbacks import EpochTable

    learn.logger = EpochTable(learn)
    return contextlib.nullcontext() if bar and sys.stdout.isatty() else learn.no_bar()
