"""Reference run `practical.vision`: Fashion-MNIST with a small fastai CNN, >= 91% in 5 minutes.

The model is built from fastai's `ConvLayer` (convolution -> batch norm -> ReLU). Two stride-2
layers shrink 28x28 images to 7x7 while the channels grow, then one linear layer reads all
7 x 7 x 4w features. Trained with the one-cycle schedule (`fit_one_cycle`): the learning rate
warms up, then anneals, which lets a small model converge in a handful of epochs.

    ldl run practical.vision            # full: 60,000 images, about 2-4 minutes on 2 cores
    ldl run practical.vision --fast     # CI: 2,000 images, one epoch, seconds
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ldl.practical.runs import RunResult, begin, quiet, stopped


@dataclass
class Config:
    """Hyperparameters of the Fashion-MNIST reference run."""

    fast: bool = False
    """CI mode: a 2,000-image training subset, 1,000 test images, two epochs, a narrower model."""
    seed: int = 0
    """Seeds Python, numpy and torch, and the order of training batches."""
    num_epochs: int = 6
    """Passes over the 60,000 training images."""
    batch_size: int = 128
    """Images per training step."""
    lr: float = 5e-3
    """Peak learning rate of the one-cycle schedule (found with `learn.lr_find()`)."""
    width: int = 16
    """Channels of the first convolution; later layers use 2x and 4x this."""
    dropout: float = 0.2
    """Dropout probability before the final linear layer."""


def build_model(width: int, dropout: float, n_classes: int = 10):
    """(B, 1, 28, 28) images -> (B, n_classes) logits."""
    from fastai.layers import ConvLayer, Flatten
    from torch import nn

    return nn.Sequential(
        ConvLayer(1, width),  # (B, w, 28, 28)
        ConvLayer(width, 2 * width, stride=2),  # (B, 2w, 14, 14)
        ConvLayer(2 * width, 4 * width, stride=2),  # (B, 4w, 7, 7)
        ConvLayer(4 * width, 4 * width),  # (B, 4w, 7, 7)
        Flatten(),  # (B, 4w * 49)
        nn.Dropout(dropout),
        nn.Linear(4 * width * 49, n_classes),  # (B, n_classes)
    )


def load_arrays(fast: bool):
    """Fashion-MNIST from ldl.data; in fast mode the first 2,000 / 1,000 images (of a stand-in, announced,
    when Fashion-MNIST is not on this machine: see ldl.data.fallbacks)."""
    from ldl.data import load_image_classification

    data = load_image_classification("fashion-mnist", fast=fast)
    n_train, n_test = (2000, 1000) if fast else (None, None)
    return (
        data.train_images[:n_train],
        data.train_labels[:n_train],
        data.test_images[:n_test],
        data.test_labels[:n_test],
        list(data.classes),
    )


def confusion_figure(matrix, classes):
    """A matplotlib figure of a confusion matrix: rows are true classes, columns predictions."""
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 6))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(classes)), classes, rotation=60, ha="right")
    ax.set_yticks(range(len(classes)), classes)
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    for (i, j), count in np.ndenumerate(matrix):
        ax.text(j, i, int(count), ha="center", va="center", fontsize=7)
    fig.tight_layout()
    return fig


def train(config: Config, root=None, progress=None, resume=None) -> RunResult:
    """Train, evaluate on the 10,000 test images, plot the metrics and a confusion matrix.

    `root`: where runs are written (default: the workspace's runs/); `progress`: called with an
    `ldl.tracking.Progress` after every step; `resume`: a run to continue. A checkpoint is taken
    after each epoch; Ctrl-C stops with one (see `ldl.practical.resume`).
    """
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, lr_find, no_bar)
    import numpy as np
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.metrics import accuracy

    from ldl.practical.callbacks import RunLogger
    from ldl.practical.loaders import tensor_image_dataloaders
    from ldl.practical.resume import Phases

    started = time.perf_counter()
    run = begin("vision", config, root, resume)
    train_x, train_y, test_x, test_y, classes = load_arrays(config.fast)
    dls = tensor_image_dataloaders(train_x, train_y, test_x, test_y, config.batch_size, config.seed)
    width, num_epochs = (8, 2) if config.fast else (config.width, config.num_epochs)
    model = build_model(width, config.dropout, len(classes))
    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy)
    logger = RunLogger(run, checkpoint=False, progress=progress)
    with quiet(learn, bar=progress is None), Phases(run) as phases:  # `ldl run` draws its own bar
        if not phases.fit(learn, "fit", num_epochs, config.lr, logger):
            return stopped(run, phases)
        probs, targets = learn.get_preds(dl=dls.valid)  # (N, 10), (N,)
    predicted = probs.argmax(dim=1).numpy()
    matrix = np.zeros((len(classes), len(classes)), dtype=np.int64)
    np.add.at(matrix, (targets.numpy(), predicted), 1)
    run.save_figure(confusion_figure(matrix, classes), "confusion_matrix")
    run.plot_metrics()
    metrics = {
        "test_accuracy": float((predicted == targets.numpy()).mean()),
        "seconds": time.perf_counter() - started,
        "num_train_images": len(train_x),
    }
    run.finish(**metrics)
    return RunResult(metrics=metrics, run_dir=run.dir)
