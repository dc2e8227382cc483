"""Reference run `deep-dive.mlp`: a multilayer perceptron on Fashion-MNIST, built with ldl.engine.

784 pixels -> 256 -> 256 -> 10 classes with ReLU, trained with Adam and a one-cycle schedule.
Expect about 89% test accuracy after 5 epochs (docs/engine.md has the measured figure).

    from ldl.engine.recipes import mlp
    result = mlp.train(mlp.Config(fast=True))
"""

from __future__ import annotations

from dataclasses import dataclass

from ldl.engine import manual_seed, nn, optim
from ldl.engine.losses import cross_entropy
from ldl.engine.recipes.common import Result, accuracy, finish, fit, image_loaders, stopped


@dataclass
class Config:
    """Hyperparameters of the Fashion-MNIST MLP."""

    seed: int = 0
    """Seeds the initial weights, dropout and the batch order."""
    hidden_size: int = 256
    """Width of each of the two hidden layers."""
    dropout: float = 0.1
    """Probability of zeroing a hidden unit while training."""
    batch_size: int = 128
    """Images per optimizer step."""
    lr: float = 3e-3
    """Peak learning rate of the one-cycle schedule (Adam)."""
    weight_decay: float = 1e-4
    """AdamW's decoupled weight decay."""
    num_epochs: int = 5
    """Passes over the 60,000 training images."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores; one is fastest on a busy machine)."""
    fast: bool = False
    """A few seconds' check: 1,024 training images, 1 epoch, same code path."""


def make_model(config: Config) -> nn.Module:
    h = config.hidden_size
    return nn.Sequential(
        nn.Linear(784, h), nn.ReLU(), nn.Dropout(config.dropout),
        nn.Linear(h, h), nn.ReLU(), nn.Dropout(config.dropout),
        nn.Linear(h, 10),
    )  # fmt: skip


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/mlp/<run-id>/, return test accuracy and loss."""
    manual_seed(config.seed)
    train_loader, test_loader = image_loaders(config, flat=True)
    model = make_model(config)
    optimizer = optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    num_epochs = 1 if config.fast else config.num_epochs
    loaders, metrics = (train_loader, test_loader), {"test_accuracy": accuracy}
    run, learner = fit(
        config,
        "mlp",
        model,
        cross_entropy,
        optimizer,
        *loaders,
        num_epochs,
        metrics,
        root=root,
        resume=resume,
        progress=progress,
    )
    if learner.interrupted:
        return stopped(run, learner)
    return finish(run, learner)
