"""The reference training script: a small MLP on synthetic data that can be killed and resumed.

Every training script in ldl follows this skeleton (CleanRL's shape, with the loop importable):

    Config (one dataclass, every field documented)
      -> seed and device -> data -> model, optimizer, scheduler
      -> resume from the newest checkpoint, if asked
      -> loop: step, log, checkpoint every `checkpoint_every` steps, stop politely on Ctrl-C
      -> evaluate, plot, finish; return a TrainResult

What makes the resume *exact* (bit-identical losses and weights, as if never interrupted):
- the checkpoint holds every piece of changing state: model, optimizer (momentum buffers), learning
  rate scheduler, all random generator states (dropout draws from torch's), and the position in the
  data (epoch, index of the next batch) plus the step counter;
- the order of each epoch's batches is a pure function of (seed, epoch) (`BatchOrder`), so the
  position alone recreates the rest of the interrupted epoch;
- evaluation draws no random numbers (dropout is off in `model.eval()`).

Run it: `python -m ldl.tracking.example_mlp` (add `--resume` to continue the newest run).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ldl.tracking.data_order import BatchOrder
from ldl.tracking.interrupt import GracefulInterrupt
from ldl.tracking.run import Progress, start_run
from ldl.tracking.seeding import pick_device, restore_rng_state, rng_state, seed_everything


@dataclass
class Config:
    """Hyperparameters of the example MLP run."""

    seed: int = 0
    """Seeds the data, the initial weights, dropout and the batch order."""
    num_examples: int = 2048
    """Synthetic examples; 80% train, 20% validation."""
    num_features: int = 20
    """Inputs per example."""
    num_classes: int = 4
    """Classes, labelled by a random linear 'teacher' (plus noise)."""
    hidden_size: int = 64
    """Width of the hidden layer."""
    dropout: float = 0.2
    """Probability of zeroing a hidden unit during training."""
    batch_size: int = 32
    """Examples per optimizer step."""
    lr: float = 0.05
    """Initial learning rate of SGD; cosine-annealed to 0 over the run."""
    momentum: float = 0.9
    """SGD momentum (its buffers are part of the checkpoint)."""
    num_epochs: int = 8
    """Passes over the training set."""
    checkpoint_every: int = 20
    """Save a checkpoint every this many steps (and at the end, and on Ctrl-C)."""
    keep_last: int = 3
    """Checkpoints to keep on disk."""
    fast: bool = False
    """Shrink the work for a quick check (fewer examples and epochs, same code path)."""


@dataclass
class WideConfig(Config):
    """The same script with other defaults, as a second reference run would use it (the way
    `deep-rl.dqn-pong` runs `dqn_atari.train` with `PongConfig`)."""

    hidden_size: int = 256


@dataclass
class TrainResult:
    """What `train` returns: the final metrics, the run's folder, and whether it was cut short."""

    metrics: dict[str, float]
    run_dir: Path
    steps: int
    interrupted: bool = False


def _budget(config: Config) -> tuple[int, int]:
    """(num_examples, num_epochs), shrunk when config.fast."""
    if config.fast:
        return min(config.num_examples, 512), min(config.num_epochs, 2)
    return config.num_examples, config.num_epochs


def make_data(config: Config) -> dict[str, np.ndarray]:
    """Synthetic classification data from a local generator: x (N, num_features) float32, y (N,) int64."""
    num_examples, _ = _budget(config)
    rng = np.random.default_rng(config.seed)
    x = rng.normal(size=(num_examples, config.num_features)).astype(np.float32)
    teacher = rng.normal(size=(config.num_features, config.num_classes))
    logits = x @ teacher + 0.5 * rng.normal(size=(num_examples, config.num_classes))  # (N, C)
    y = logits.argmax(axis=1).astype(np.int64)
    split = int(0.8 * num_examples)
    return {"train_x": x[:split], "train_y": y[:split], "val_x": x[split:], "val_y": y[split:]}


def make_model(config: Config):
    """features -> hidden (ReLU, dropout) -> class logits."""
    from torch import nn

    return nn.Sequential(
        nn.Linear(config.num_features, config.hidden_size),
        nn.ReLU(),
        nn.Dropout(config.dropout),
        nn.Linear(config.hidden_size, config.num_classes),
    )


def evaluate(model, x, y) -> dict[str, float]:
    """Mean cross-entropy and accuracy on (x, y), without dropout and without drawing randomness."""
    import torch
    import torch.nn.functional as F

    model.eval()
    with torch.no_grad():
        logits = model(x)  # (N, num_classes)
        loss = F.cross_entropy(logits, y).item()
        accuracy = (logits.argmax(dim=1) == y).float().mean().item()
    model.train()
    return {"val_loss": loss, "val_accuracy": accuracy}


def snapshot(model, optimizer, scheduler, position: dict[str, int]) -> dict[str, Any]:
    """Every piece of state that changes during training, for a checkpoint.

    `position` is {"step", "epoch", "batch"}: the step counter and the *next* batch to train on."""
    return {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),  # includes the momentum buffers
        "scheduler": scheduler.state_dict(),
        "rng": rng_state(),  # dropout draws from torch's generator
        "position": position,
    }


def restore(state: dict[str, Any], model, optimizer, scheduler) -> tuple[int, int, int]:
    """Put a `snapshot` back into freshly built objects; returns (step, epoch, batch).

    The random states go back last: building the model drew random numbers for its weights."""
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    restore_rng_state(state["rng"])
    return state["position"]["step"], state["position"]["epoch"], state["position"]["batch"]


def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> TrainResult:
    """Train the MLP; with `resume` (True, a run id or a path), continue that run exactly."""
    import torch
    import torch.nn.functional as F

    run = start_run("examples", "mlp", config, root=root, resume=resume, keep_last=config.keep_last)
    seed_everything(config.seed)
    device = pick_device("cpu")  # this example stays on the CPU so that resumes are bit-exact
    data = {k: torch.from_numpy(v).to(device) for k, v in make_data(config).items()}
    model = make_model(config).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=config.lr, momentum=config.momentum)
    _, num_epochs = _budget(config)
    order = BatchOrder(len(data["train_y"]), config.batch_size, seed=config.seed)
    total_steps = num_epochs * len(order)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)

    step, start_epoch, start_batch = 0, 0, 0
    if run.resumed:
        step, start_epoch, start_batch = restore(run.resumed.state, model, optimizer, scheduler)

    def save(epoch: int, next_batch: int) -> None:
        position = {"step": step, "epoch": epoch, "batch": next_batch}
        run.checkpoints.save(snapshot(model, optimizer, scheduler, position), step)

    saved_at = step if run.resumed else None
    with GracefulInterrupt() as interrupt:
        for epoch in range(start_epoch, num_epochs):
            first = start_batch if epoch == start_epoch else 0
            for batch, indices in order.batches(epoch, start=first):
                index = torch.from_numpy(indices).to(device)
                x, y = data["train_x"][index], data["train_y"][index]  # (B, features), (B,)
                loss = F.cross_entropy(model(x), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                scheduler.step()
                step += 1
                metrics = {"loss": loss.item(), "lr": scheduler.get_last_lr()[0]}
                run.log(step=step, epoch=epoch, batch=batch, **metrics)
                if progress:
                    progress(Progress(step, total_steps, epoch, metrics, indices))
                if step % config.checkpoint_every == 0 or interrupt.requested:
                    save(epoch, batch + 1)
                    saved_at = step
                if interrupt.requested:
                    run.close("interrupted")
                    return TrainResult({"loss": metrics["loss"]}, run.dir, step, interrupted=True)
            run.log(step=step, epoch=epoch, **evaluate(model, data["val_x"], data["val_y"]))
    if saved_at != step:
        save(num_epochs, 0)
    summary = {**evaluate(model, data["val_x"], data["val_y"]), "steps": step}
    run.plot_metrics()
    run.finish(**summary)
    return TrainResult(summary, run.dir, step)


if __name__ == "__main__":
    import sys

    result = train(Config(fast="--fast" in sys.argv), resume="--resume" in sys.argv or None)
    print(result)
