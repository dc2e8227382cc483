"""Training runs: metrics, plots, checkpoints that resume exactly, seeding and device choice.

    from ldl.tracking import start_run, seed_everything, pick_device

    run = start_run("deep-dive", "mlp", config)        # runs/deep-dive/mlp/<run-id>/
    run.log(step=step, loss=loss)
    run.checkpoints.save(state, step)
    run.finish(test_accuracy=accuracy)

Importing this package never imports torch: the NumPy-only engine uses runs and checkpoints too.
`example_mlp.py` is the reference training script every stage's scripts follow.
"""

from ldl.tracking.checkpoint import Checkpoint, CheckpointManager, CorruptCheckpoint
from ldl.tracking.configs import apply_overrides, config_to_dict
from ldl.tracking.data_order import BatchOrder
from ldl.tracking.interrupt import GracefulInterrupt
from ldl.tracking.run import Progress, Run, start_run
from ldl.tracking.seeding import (
    pick_device,
    restore_rng_state,
    restores_torch_threads,
    rng_state,
    seed_everything,
    seed_worker,
)
from ldl.tracking.store import default_root, find_run, list_runs, read_metrics

__all__ = [
    "BatchOrder",
    "Checkpoint",
    "CheckpointManager",
    "CorruptCheckpoint",
    "GracefulInterrupt",
    "Progress",
    "Run",
    "apply_overrides",
    "config_to_dict",
    "default_root",
    "find_run",
    "list_runs",
    "pick_device",
    "read_metrics",
    "restore_rng_state",
    "restores_torch_threads",
    "rng_state",
    "seed_everything",
    "seed_worker",
    "start_run",
]
