"""Reference run `practical.vision`: Fashion-MNIST with a small fastai CNN, >= 91% in 5 minutes.

The model is built from fastai's `ConvLayer` (convolution -> batch norm -> ReLU). Two stride-2
layers shrink 28x28 images to 7x7 while the channels grow, then one linear layer reads all
7 x 7 x 4w features. Trained with the one-cycle schedule (`fit_one_cycle`): the learning rate
warms up, then anneals, which lets a small model converge in a handful of epochs.

The run follows the protocol every experiment should: three disjoint sets.

    training images (60,000) --seeded split--> fit (90%)  |  validation (10%)
    test images (10,000)      used once, at the very end, by `evaluate_on_test`

Every decision is taken on the validation set: the learning rate (`learn.lr_find()`'s valley,
recorded as `lr`), with or without data augmentation (two models, same epochs and seed), and
plain predictions or test-time augmentation (TTA). Only the winner meets the test set, once, so
`test_accuracy` is an unbiased estimate of how the chosen model does on new images.

    ldl run practical.vision            # full: 60,000 images, two models (times: docs/practical.md)
    ldl run practical.vision --fast     # CI: 2,000 images, two epochs per model, seconds
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
    valid_fraction: float = 0.1
    """Share of the training images held out (drawn with `seed`) to take every decision on."""
    seed: int = 0
    """Seeds Python, numpy and torch, and the order of training batches."""
    num_epochs: int = 6
    """Passes over the 60,000 training images."""
    batch_size: int = 128
    """Images per training step."""
    lr: float | None = None
    """Peak learning rate of the one-cycle schedule; None: the valley `learn.lr_find()` suggests."""
    compare_augmentation: bool = False
    """Also train the same model with augmentation (same seed, epochs and lr) and try TTA on it, then
    keep whichever of plain, augmented and augmented + TTA wins on validation. Off by default, so
    the full run meets its 5-minute target with one model; the first lab always compares (the
    full comparison: `--set compare_augmentation=true`, ~2x the time)."""
    tta_n: int = 4
    """Randomly augmented passes that test-time augmentation averages."""
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


def batch_augment():
    """A fastai callback for data augmentation on the tensor path: small random rotations (up to 10
    degrees), zooms (up to 1.1x) and the shifts a zoom brings, drawn afresh for every training batch
    (fastai's `aug_transforms`, applied to the whole (B, 1, 28, 28) batch). No flips: a mirrored
    digit (fast mode's stand-in) can be another digit. Setting its `at_inference` turns it on for
    predictions too (test-time augmentation)."""
    import torch
    from fastai.callback.core import Callback
    from fastai.torch_core import TensorImage
    from fastai.vision.all import aug_transforms

    class BatchAugment(Callback):
        at_inference = False
        tfms = aug_transforms(do_flip=False, max_rotate=10, max_zoom=1.1, max_lighting=0, max_warp=0)

        def before_batch(self) -> None:
            if self.training or self.at_inference:
                images = TensorImage(self.xb[0])  # (B, 1, 28, 28)
                for tfm in self.tfms:
                    images = tfm(images, split_idx=0)  # split_idx=0: the training-time (random) version
                self.learn.xb = (images.as_subclass(torch.Tensor),)

    return BatchAugment()


def tta_predictions(learn, dl, augment, n: int = 4, beta: float = 0.25):
    """fastai's `Learner.tta` recipe for loaders without its item pipeline: average the class
    probabilities of `n` randomly augmented copies of each image, then blend in the plain ones,
    p = (1 - beta) * mean_k p(aug_k(x)) + beta * p(x), with `augment` from `batch_augment()`.
    Returns (tta, plain, targets): (N, C), (N, C), (N,)."""
    import torch

    plain, targets = learn.get_preds(dl=dl)
    augment.at_inference = True
    try:
        augmented = torch.stack([learn.get_preds(dl=dl)[0] for _ in range(n)]).mean(0)  # (N, C)
    finally:
        augment.at_inference = False
    return torch.lerp(augmented, plain, beta), plain, targets


def find_lr(dls, width: int, dropout: float, n_classes: int, fast: bool) -> float:
    """`learn.lr_find()` on a fresh model: the loss over exponentially growing learning rates; its
    `valley` suggestion (the middle of the longest steep descent) is the peak of our one-cycle."""
    import tempfile

    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat

    with tempfile.TemporaryDirectory() as scratch:  # lr_find saves the weights there and restores them
        model = build_model(width, dropout, n_classes)
        learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), path=scratch)
        with learn.no_bar(), learn.no_logging():
            suggestion = learn.lr_find(num_it=30 if fast else 100, show_plot=False)
    return float(suggestion.valley)


def evaluate_on_test(learn, fit_x, test_x, test_y, batch_size: int, augment=None, tta_n: int = 4):
    """The one look at the test set, for the model chosen on validation (with TTA when `augment`
    is given). The test loader is built here and nowhere else; images are standardised with the
    fitting images' statistics, as in training. Returns (predicted classes, targets) as numpy."""
    import torch

    from ldl.practical.loaders import normalise_images, tensor_dataloaders

    mean, std = float(fit_x.mean()) / 255, float(fit_x.std()) / 255
    test = (normalise_images(test_x, mean, std), torch.as_tensor(test_y, dtype=torch.long))
    dl = tensor_dataloaders(test, test, batch_size).valid  # (2B, 1, 28, 28) batches, in order
    if augment is None:
        probs, targets = learn.get_preds(dl=dl)  # (N, C), (N,)
    else:
        probs, _, targets = tta_predictions(learn, dl, augment, tta_n)
    return probs.argmax(dim=1).numpy(), targets.numpy()


def train(config: Config, root=None, progress=None, resume=None) -> RunResult:
    """Find a learning rate, train a plain model (and, with `compare_augmentation`, an augmented one,
    picking the best of plain, augmented and augmented + TTA on validation), then evaluate the
    chosen one once on the test images; plot the metrics and the test confusion matrix.

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
    from ldl.practical.loaders import random_split, tensor_image_dataloaders
    from ldl.practical.resume import Phases
    from ldl.practical.serve import export_classifier
    from ldl.tracking import seed_everything

    started = time.perf_counter()
    run = begin("vision", config, root, resume)
    train_x, train_y, test_x, test_y, classes = load_arrays(config.fast)
    fit_index, valid_index = random_split(len(train_x), config.valid_fraction, config.seed)
    fit_x, fit_y = train_x[fit_index], train_y[fit_index]  # (0.9 n, 28, 28), (0.9 n,)
    valid_x, valid_y = train_x[valid_index], train_y[valid_index]  # (0.1 n, 28, 28), (0.1 n,)
    width, num_epochs = (8, 2) if config.fast else (config.width, config.num_epochs)

    def data():  # the same batches, in the same order, for every model
        return tensor_image_dataloaders(fit_x, fit_y, valid_x, valid_y, config.batch_size, config.seed)

    learners, valid = {}, {}
    with Phases(run) as phases:
        lr = config.lr or (phases.result("lr_find") or {}).get("lr")
        if lr is None:
            lr = find_lr(data(), width, config.dropout, len(classes), config.fast)
            phases.done("lr_find", {"lr": lr})
        recipes = [("plain", None)] + (
            [("augmented", batch_augment())] if config.compare_augmentation else []
        )
        for name, augment in recipes:
            seed_everything(config.seed)  # same initial weights and dropout draws for both
            model = build_model(width, config.dropout, len(classes))
            cbs = [augment] if augment else None
            learn = Learner(data(), model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, cbs=cbs)
            learners[name] = (learn, augment)
            saved = phases.result(name, learn.model)
            if saved is None:
                logger = RunLogger(run, prefix=f"{name}_", checkpoint=False, progress=progress)
                with quiet(learn, bar=progress is None):  # `ldl run` draws its own bar
                    if not phases.fit(learn, name, num_epochs, lr, logger):
                        return stopped(run, phases)
                    saved = {"valid_accuracy": float(learn.validate()[1])}
                    if augment is not None:
                        tta, _, targets = tta_predictions(learn, learn.dls.valid, augment, config.tta_n)
                        saved["valid_accuracy_tta"] = float((tta.argmax(dim=1) == targets).float().mean())
                phases.done(name, saved, learn.model)
            valid[name] = saved["valid_accuracy"]
            if "valid_accuracy_tta" in saved:
                valid["augmented_tta"] = saved["valid_accuracy_tta"]
    chosen = max(valid, key=valid.get)  # ties go to the simpler recipe (first in the dict)
    learn, augment = learners["plain" if chosen == "plain" else "augmented"]
    tta = augment if chosen == "augmented_tta" else None
    with learn.no_bar():
        predicted, targets = evaluate_on_test(
            learn, fit_x, test_x, test_y, config.batch_size, tta, config.tta_n
        )
    matrix = np.zeros((len(classes), len(classes)), dtype=np.int64)
    np.add.at(matrix, (targets, predicted), 1)
    run.save_figure(confusion_figure(matrix, classes), "confusion_matrix")
    run.plot_metrics()
    export_classifier(learn.model, classes, fit_x, run.dir / "export.pkl")  # what `ldl serve` loads
    metrics = {
        "test_accuracy": float((predicted == targets).mean()),
        "chosen": chosen,
        "lr": lr,
        "lr_source": "config" if config.lr else "lr_find valley",
        **{f"valid_accuracy_{name}": accuracy for name, accuracy in valid.items()},
        **(
            {
                "augmentation_gain": valid["augmented"] - valid["plain"],
                "tta_gain": valid["augmented_tta"] - valid["augmented"],
            }
            if config.compare_augmentation
            else {}
        ),
        "seconds": time.perf_counter() - started,
        "num_train_images": len(fit_x),
        "num_valid_images": len(valid_x),
        "num_test_images": len(test_x),
    }
    run.finish(**metrics)
    return RunResult(metrics=metrics, run_dir=run.dir)
