"""Reference run `deep-dive.cnn`: a small convolutional network on Fashion-MNIST with ldl.engine.

    (B, 1, 28, 28) -> conv 3x3, 32 -> ReLU -> max-pool 2   -> (B, 32, 14, 14)
                   -> conv 3x3, 64 -> ReLU -> max-pool 2   -> (B, 64, 7, 7)
                   -> flatten -> 128 -> ReLU -> dropout -> 10 class scores

Target: at least 89% test accuracy (docs/engine.md records the measured run and its time).

    from ldl.engine.recipes import cnn
    result = cnn.train(cnn.Config(fast=True))
"""

from __future__ import annotations

from dataclasses import dataclass

from ldl.engine import manual_seed, nn, optim
from ldl.engine.losses import cross_entropy
from ldl.engine.recipes.common import Result, accuracy, finish, fit, image_loaders, stopped


@dataclass
class Config:
    """Hyperparameters of the Fashion-MNIST CNN."""

    seed: int = 0
    """Seeds the initial weights, dropout and the batch order."""
    channels: tuple[int, int] = (32, 64)
    """Output channels of the two convolutions."""
    hidden_size: int = 128
    """Width of the fully connected layer before the classifier."""
    dropout: float = 0.25
    """Probability of zeroing a hidden unit while training."""
    batch_size: int = 128
    """Images per optimizer step."""
    lr: float = 3e-3
    """Peak learning rate of the one-cycle schedule (AdamW)."""
    weight_decay: float = 1e-4
    """AdamW's decoupled weight decay."""
    num_epochs: int = 4
    """Passes over the 60,000 training images."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores; one is fastest on a busy machine)."""
    fast: bool = False
    """A few seconds' check: 1,024 training images, 1 epoch, same code path."""


def make_model(config: Config) -> nn.Module:
    c1, c2 = config.channels
    return nn.Sequential(
        nn.Conv2d(1, c1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # (B, c1, 14, 14)
        nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # (B, c2, 7, 7)
        nn.Flatten(),  # (B, c2 * 49)
        nn.Linear(c2 * 7 * 7, config.hidden_size), nn.ReLU(), nn.Dropout(config.dropout),
        nn.Linear(config.hidden_size, 10),
    )  # fmt: skip


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/cnn/<run-id>/, return test accuracy and loss."""
    manual_seed(config.seed)
    train_loader, test_loader = image_loaders(config, flat=False)
    model = make_model(config)
    optimizer = optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    num_epochs = 1 if config.fast else config.num_epochs
    loaders, metrics = (train_loader, test_loader), {"test_accuracy": accuracy}
    run, learner = fit(
        config,
        "cnn",
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
