# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: mlp_from_scratch
#     title: "Building an MLP on your own engine"
#     unit: deep-dive.mlp
#     order: 1
#     goals: [1, 2]
#     minutes: 60
#     tour: true
#     fast_timeout: 90
# ---

# %% [markdown]
# # Building an MLP on your own engine
#
# In stage 1 a high-level library trained an image classifier in three lines. Here we train one
# with nothing underneath but numpy: `ldl.engine`'s `Tensor` (autograd on arrays), its `nn`
# layers and its optimisers, every one of which you rebuild in this stage's exercises. The
# network is a **multilayer perceptron**: linear layers with ReLUs between them, on
# Fashion-MNIST's 28x28 images of clothes flattened to 784 numbers.
#
# **Accompanies:** [Dive into Deep Learning, chapter 5](https://d2l.ai/chapter_multilayer-perceptrons/index.html)
# (5.1 and 5.2, [the MLP from scratch](https://d2l.ai/chapter_multilayer-perceptrons/mlp-implementation.html));
# Deep Learning Specialization, course 1
# ([Neural Networks and Deep Learning](https://www.coursera.org/learn/neural-networks-deep-learning)),
# weeks 3 and 4; [MIT 6.S191](http://introtodeeplearning.com/) lecture 1 (perceptrons, layers, loss, training).

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl import data
from ldl.engine import Tensor, manual_seed, nn, no_grad, optim
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.losses import cross_entropy
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)
CLASSES = ["T-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]

# %% [markdown]
# ## 1. The data
#
# `ldl.data.load("fashion-mnist")` gives 60,000 training and 10,000 test images as `uint8`
# arrays. We scale the pixels to [0, 1], then standardise them with the training set's mean and
# standard deviation (inputs centred on 0 with unit spread keep the first layer's outputs in a
# sensible range), and flatten each image: `(N, 28, 28) -> (N, 784)`.

# %%
fashion = data.load_image_classification(
    "fashion-mnist", fast=FAST
)  # fast mode: a stand-in if it is not here
if fashion.source != "fashion-mnist":
    CLASSES = fashion.classes  # the stand-in's digits, "0" to "9"
rng = np.random.default_rng(0)
num_train = 2048 if FAST else len(fashion.train_images)
keep = rng.permutation(len(fashion.train_images))[:num_train]


def prepare(images):
    pixels = images.astype(np.float32) / 255.0
    return ((pixels - 0.2860) / 0.3530).reshape(len(images), 784)  # (N, 784); Fashion-MNIST's mean and std


x_train, y_train = prepare(fashion.train_images[keep]), fashion.train_labels[keep].astype(np.int64)
x_test, y_test = prepare(fashion.test_images), fashion.test_labels.astype(np.int64)
print(f"train {x_train.shape}, test {x_test.shape}, classes {np.bincount(y_train)}")

fig, axes = plt.subplots(1, 8, figsize=(10, 1.6))
for ax, image, label in zip(axes, fashion.train_images[keep[:8]], y_train[:8]):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(CLASSES[label], fontsize=8)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. The model
#
# Three linear layers, 784 → 256 → 256 → 10, with ReLUs between them. The last layer produces
# ten **logits**, one score per class; the loss applies the softmax itself. Each `nn.Linear`
# holds a `weight` `(out, in)` and a `bias` `(out,)`, initialised like PyTorch's.

# %%
model = nn.Sequential(
    nn.Linear(784, 256), nn.ReLU(),
    nn.Linear(256, 256), nn.ReLU(),
    nn.Linear(256, 10),
)  # fmt: skip
for name, parameter in model.named_parameters():
    print(f"{name:10} {parameter.shape}")
print(f"{model.num_parameters():,} parameters")

# %% [markdown]
# ## 3. The training loop
#
# Five lines per batch, the same in every framework: forward, loss, zero the gradients,
# backward, step. The engine's `DataLoader` shuffles with its own seed, so a rerun sees the same
# batches in the same order. Adam's learning rate of 1e-3 is a safe default for this model.

# %%
train_loader = DataLoader(ArrayDataset(x_train, y_train), batch_size=128, shuffle=True, seed=0)
optimizer = optim.Adam(model.parameters(), lr=1e-3)
num_epochs = 1 if FAST else 5


def evaluate(model, x, y, batch_size=1000):
    """(mean loss, accuracy) over (x, y), without building a graph."""
    model.eval()
    total_loss, correct = 0.0, 0
    with no_grad():
        for start in range(0, len(x), batch_size):
            logits = model(Tensor(x[start : start + batch_size]))
            total_loss += cross_entropy(logits, y[start : start + batch_size]).item() * len(logits.data)
            correct += int((logits.data.argmax(axis=1) == y[start : start + batch_size]).sum())
    model.train()
    return total_loss / len(x), correct / len(x)


step_losses, epoch_results = [], []
started = time.perf_counter()
for epoch in range(num_epochs):
    for x_batch, y_batch in train_loader:
        loss = cross_entropy(model(Tensor(x_batch)), y_batch)  # forward and loss
        optimizer.zero_grad()
        loss.backward()  # fills every parameter's .grad
        optimizer.step()
        step_losses.append(loss.item())
    epoch_results.append(evaluate(model, x_test, y_test))
    print(f"epoch {epoch + 1}: test loss {epoch_results[-1][0]:.3f}, test accuracy {epoch_results[-1][1]:.2%}")
seconds = time.perf_counter() - started
print(f"{len(step_losses)} steps in {seconds:.1f} s ({len(step_losses) / seconds:.0f} steps/s)")

# %%
smooth = np.convolve(step_losses, np.ones(20) / 20, mode="valid") if len(step_losses) > 40 else step_losses
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(step_losses, alpha=0.3, label="each batch")
ax.plot(np.arange(len(smooth)) + (len(step_losses) - len(smooth)), smooth, label="moving average")
ax.set_xlabel("step")
ax.set_ylabel("cross-entropy (nats)")
ax.set_title("Training loss")
ax.legend()
plt.show()

# %% [markdown]
# The loss starts near $\ln 10 \approx 2.30$: an untrained network spreads its probability
# evenly over ten classes, and $-\ln \frac{1}{10} = \ln 10$. A first loss far from that value is
# the quickest bug detector there is (wrong labels, unnormalised inputs, a bad initialisation).
#
# ## 4. What does it get wrong?

# %%
model.eval()
with no_grad():
    predictions = model(Tensor(x_test)).data.argmax(axis=1)
model.train()
per_class = [(predictions[y_test == k] == k).mean() for k in range(10)]
for name, score in sorted(zip(CLASSES, per_class), key=lambda pair: pair[1]):
    print(f"{name:9} {score:.1%}")

wrong = np.flatnonzero(predictions != y_test)[:8]
fig, axes = plt.subplots(1, len(wrong), figsize=(10, 1.8))
for ax, i in zip(np.atleast_1d(axes), wrong):
    ax.imshow(fashion.test_images[i], cmap="gray_r")
    ax.set_title(f"{CLASSES[predictions[i]]}?\n({CLASSES[y_test[i]]})", fontsize=7)
    ax.axis("off")
plt.show()

# %% [markdown]
# Shirts, T-shirts, pullovers and coats are the hard classes: at 28x28 pixels they differ in
# details an MLP, which sees pixels without any notion of neighbourhood, finds hard to isolate.
# The CNN lab fixes exactly that.
#
# ## What to reproduce
#
# - Run the full lab (not in fast mode): five epochs reach about 88% test accuracy in well under a
#   minute on one core (88.2% in 14 s when we ran it). Compare with the reference run,
#   `ldl run deep-dive.mlp`, which adds dropout and a one-cycle schedule.
# - Remove the standardisation of the pixels and watch the first loss and the learning curve.
# - Replace Adam with `optim.SGD(model.parameters(), lr=0.1, momentum=0.9)`; the lab
#   *optimizers compared* does this systematically.
# - Exercises: `linear_layer`, `cross_entropy_grad`, `softmax_backward`, `module_linear`.

# %%
test_loss, test_accuracy = epoch_results[-1]
chance = 1 / 10  # ten classes
report(
    test_accuracy=test_accuracy,
    test_loss=test_loss,
    steps_per_second=len(step_losses) / seconds,
    expect={"test_accuracy": (">", chance + 0.3), "test_loss": ("<", np.log(10) - 0.5)},
)
