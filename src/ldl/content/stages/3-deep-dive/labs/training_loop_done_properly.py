# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: training_loop_done_properly
#     title: "The training loop, done properly: callbacks, early stopping, exact resume"
#     unit: deep-dive.training-loop
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 45
#     fast_timeout: 90
# ---

# %% [markdown]
# # The training loop, done properly: callbacks, early stopping, exact resume
#
# The five lines of a training step never change; everything *around* them does: metrics,
# schedules, logging, stopping, saving. High-level libraries (fastai's `Learner`, Keras' `fit`,
# Lightning's `Trainer`) put those around the loop as **callbacks**, small objects called at fixed
# moments (`before_epoch`, `after_batch`, ...). The engine's `Learner` works the same way, in 140
# lines you can read. This lab uses it for the habits that make results trustworthy: a sanity
# check before training, watching the gradients, stopping when validation stops improving, and
# resuming a run so exactly that nobody could tell it was interrupted.
#
# **Accompanies:** Deep Learning Specialization, course 3
# ([Structuring Machine Learning Projects](https://www.coursera.org/learn/machine-learning-projects))
# and course 2 week 1 (train/dev sets, regularisation); [Dive into Deep Learning, 3.6
# Generalization](https://d2l.ai/chapter_linear-regression/generalization.html) and
# [3.7 weight decay](https://d2l.ai/chapter_linear-regression/weight-decay.html);
# [MIT 6.S191](http://introtodeeplearning.com/) lecture 1 (overfitting, early stopping). And
# Andrej Karpathy's [*A Recipe for Training Neural Networks*](https://karpathy.github.io/2019/04/25/recipe/),
# which this lab follows in spirit.

# %%
import copy
import math

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl import data
from ldl.engine import Tensor, manual_seed, nn, optim
from ldl.engine.callbacks import EarlyStopping, MetricsCallback
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.learner import Callback, Learner, accuracy
from ldl.engine.losses import cross_entropy
from ldl.notebooks.lab import FAST, report

threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)

fashion = data.load("fashion-mnist")
num_train = 256 if FAST else 2048
images = ((fashion.train_images.astype(np.float32) / 255.0 - 0.2860) / 0.3530).reshape(-1, 784)
labels = fashion.train_labels.astype(np.int64)
x_train, y_train = images[:num_train], labels[:num_train]
x_valid, y_valid = images[-2000:], labels[-2000:]  # held out: never trained on


def make_model(seed=0):
    manual_seed(seed)  # the initial weights (and dropout masks) follow from the seed
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


# %% [markdown]
# ## 1. Before training: overfit one batch
#
# A model, loss and optimiser that work together must be able to memorise 32 examples. If the
# loss on a single repeated batch does not go to (nearly) zero in a hundred steps, there is a bug,
# and no amount of data or tuning will fix it. This check takes a second; run it first, always.

# %%
model = make_model()
optimizer = optim.Adam(model.parameters(), lr=1e-3)
x_one, y_one = x_train[:32], y_train[:32]
one_batch = []
for _ in range(100):
    loss = cross_entropy(model(Tensor(x_one)), y_one)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    one_batch.append(loss.item())
print(f"one batch: loss {one_batch[0]:.3f} -> {one_batch[-1]:.5f}")
assert one_batch[-1] < 0.01, "cannot even memorise one batch: look for the bug before training"

# %% [markdown]
# ## 2. A callback of your own
#
# A callback is a class with methods named after the moments it cares about. This one records
# the global norm of all gradients after every step (the Learner calls `after_batch` after
# `optimizer.step()`, and the gradients are still there). Exploding norms announce divergence
# several steps before the loss does.

# %%
class GradientNorm(Callback):
    def before_fit(self, learner):
        self.norms = []

    def after_batch(self, learner):
        squares = sum(float((p.grad**2).sum()) for p in learner.model.parameters() if p.grad is not None)
        self.norms.append(math.sqrt(squares))


class TrainLoss(Callback):
    """The mean training loss of each epoch (the Learner keeps only the last batch's)."""

    def before_fit(self, learner):
        self.per_epoch = []

    def before_epoch(self, learner):
        self.losses = []

    def after_batch(self, learner):
        self.losses.append(learner.loss)

    def after_epoch(self, learner):
        self.per_epoch.append(float(np.mean(self.losses)))


# %% [markdown]
# ## 3. Overfitting, and stopping in time
#
# With only a few hundred training images and 270,000 parameters, the network will memorise the
# training set: the training loss keeps falling while the validation loss turns and rises. Early
# stopping watches the validation loss and ends the run once it has not improved for `patience`
# epochs; the best epoch is what you keep.

# %%
def make_learner(init_seed=0, callbacks=()):
    model = make_model(init_seed)
    train_loader = DataLoader(ArrayDataset(x_train, y_train), batch_size=64, shuffle=True, seed=0)  # data order
    valid_loader = DataLoader(ArrayDataset(x_valid, y_valid), batch_size=1000)
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    callbacks = [MetricsCallback(valid_accuracy=accuracy), *callbacks]
    return Learner(model, train_loader, valid_loader, cross_entropy, optimizer, callbacks)


gradient_norm, train_loss, stopper = GradientNorm(), TrainLoss(), EarlyStopping(monitor="valid_loss", patience=3)
learner = make_learner(callbacks=[gradient_norm, train_loss, stopper])
history = learner.fit(40)
valid_losses = [row["valid_loss"] for row in history]
print(f"stopped after {len(history)} epochs; best validation loss {min(valid_losses):.3f} at epoch {stopper.best_epoch + 1}")

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.5))
left.plot(range(1, len(history) + 1), train_loss.per_epoch, marker=".", label="training")
left.plot(range(1, len(history) + 1), valid_losses, marker=".", label="validation")
left.axvline(stopper.best_epoch + 1, color="gray", linestyle=":", label="best epoch")
left.set(xlabel="epoch", ylabel="loss", title="Memorising a small training set")
left.legend()
right.semilogy(gradient_norm.norms)
right.set(xlabel="step", ylabel="global gradient norm", title="Recorded by a 10-line callback")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Reproducible, and resumable exactly
#
# Two runs with the same seeds must give the same numbers, bit for bit: the engine draws initial
# weights and dropout masks from one seeded generator, and the `DataLoader` shuffles with its own
# seed and the epoch number. Then a run can also be **resumed**: `learner.state()` holds the
# weights, the optimiser's moments, the step and epoch, and the generator's state. Saved after
# epoch 2 and loaded into a *fresh* learner with *different* initial weights (but the same data
# seed: the order of the data is part of the run too), it continues as if nothing had happened. (`ldl.tracking`'s checkpoints write exactly this to disk, atomically.)

# %%
straight = make_learner(init_seed=1)
straight.fit(4)

interrupted = make_learner(init_seed=1)
interrupted.fit(2)
checkpoint = copy.deepcopy(interrupted.state())  # what a checkpoint file would hold

resumed = make_learner(init_seed=99)  # different weights, soon overwritten
resumed.load_state(checkpoint)
resumed.fit(4, start_epoch=checkpoint["position"]["epoch"] + 1)

difference = max(
    float(np.abs(a.data - b.data).max()) for a, b in zip(straight.model.parameters(), resumed.model.parameters())
)
print(f"straight run vs interrupted-and-resumed run: largest weight difference {difference}")
print(f"validation loss: straight {straight.history[-1]['valid_loss']:.6f}, resumed {resumed.history[-1]['valid_loss']:.6f}")

# %% [markdown]
# The difference is exactly 0.0. If it is not, something in the loop depends on hidden state the
# checkpoint does not hold (a generator, a counter, a schedule): the kind of bug that otherwise
# shows up as "the resumed run is a bit worse, nobody knows why".
#
# ## What to reproduce
#
# - Add `nn.Dropout(0.3)` after each ReLU, or `weight_decay` via `optim.AdamW`: how much later
#   does early stopping fire, and at what validation loss?
# - Break the overfit-one-batch check on purpose (shuffle `y_one`, or set the learning rate to
#   1e-7) and see how quickly it catches the problem.
# - Resume from epoch 1 instead of 2; resume with a different batch size (why does exactness
#   break?).
# - Exercise: `training_loop`, the same loop written with your own pieces.

# %%
report(
    best_valid_loss=min(valid_losses),
    stopped_after_epochs=len(history),
    resume_max_difference=difference,
    one_batch_final_loss=one_batch[-1],
    expect={
        "best_valid_loss": ("<", math.log(10) - 1.0),  # ln 10: guessing among the 10 classes
        "resume_max_difference": ("<=", 1e-12),  # resumed exactly
        "one_batch_final_loss": ("<", 0.05),  # one batch can be memorised
    },
)
