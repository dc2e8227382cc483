# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: init_and_normalisation
#     title: "Why initialisation and normalisation matter"
#     unit: deep-dive.init-and-normalisation
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 50
#     fast_timeout: 90
# ---

# %% [markdown]
# # Why initialisation and normalisation matter
#
# A deep network is a long product: each layer multiplies its input by a weight matrix. If each
# multiplication grows the signal a little, twenty of them make it explode; if each shrinks it a
# little, it vanishes. Gradients flow back through the same product, and suffer the same fate.
# This lab *measures* that, layer by layer, then shows the two cures: an initialisation that
# keeps the scale (Xavier, Kaiming) and a layer that restores it at every step (batch norm).
#
# **Accompanies:** [Dive into Deep Learning, 5.4 Numerical Stability and Initialization](https://d2l.ai/chapter_multilayer-perceptrons/numerical-stability-and-init.html)
# and [8.5 Batch Normalization](https://d2l.ai/chapter_convolutional-modern/batch-norm.html);
# Deep Learning Specialization, course 2
# ([Improving Deep Neural Networks](https://www.coursera.org/learn/deep-neural-network)), week 1
# (vanishing/exploding gradients, weight initialisation) and week 3 (batch normalisation);
# [MIT 6.S191](http://introtodeeplearning.com/) lecture 1 (training in practice). The papers:
# [Glorot and Bengio 2010](https://proceedings.mlr.press/v9/glorot10a.html),
# [He et al. 2015](https://arxiv.org/abs/1502.01852), [Ioffe and Szegedy 2015](https://arxiv.org/abs/1502.03167).

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl import data
from ldl.engine import Tensor, manual_seed, nn, optim
from ldl.engine.losses import cross_entropy
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)
fashion = data.load_image_classification(
    "fashion-mnist", fast=FAST
)  # fast mode: a stand-in if it is not here
num_images = 512 if FAST else 2048
images = ((fashion.train_images[:num_images].astype(np.float32) / 255.0 - 0.2860) / 0.3530).reshape(-1, 784)
labels = fashion.train_labels[:num_images].astype(np.int64)

# %% [markdown]
# ## 1. A deep stack, four ways
#
# Twenty layers of width 256 with ReLU, fed a batch of real images. We try four ways to draw the
# weights (biases zero):
#
# | name | weight std | idea |
# |---|---|---|
# | `std 1` | $1$ | "just use a standard normal" |
# | `std 0.01` | $0.01$ | "small random numbers" (a once-common default) |
# | `Xavier` | $\sqrt{2/(\text{fan\_in} + \text{fan\_out})}$ | keep the variance for linear/tanh layers |
# | `Kaiming` | $\sqrt{2/\text{fan\_in}}$ | keep the variance for ReLU layers (ReLU halves it) |
#
# For each we record the standard deviation of every layer's output and of the gradient that
# reaches every weight matrix.

# %%
DEPTH, WIDTH = 20, 256
SCHEMES = {
    "std 1": lambda fan_in, fan_out: 1.0,
    "std 0.01": lambda fan_in, fan_out: 0.01,
    "Xavier": lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out)),
    "Kaiming": lambda fan_in, fan_out: math.sqrt(2.0 / fan_in),
}


def deep_mlp(scheme, batch_norm=False):
    """DEPTH x (Linear [+ BatchNorm] + ReLU), then a 10-way classifier; weights drawn by `scheme`."""
    layers, sizes = [], [784] + [WIDTH] * DEPTH
    rng = np.random.default_rng(1)
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        linear = nn.Linear(fan_in, fan_out)
        linear.weight.data[...] = rng.normal(0.0, SCHEMES[scheme](fan_in, fan_out), size=(fan_out, fan_in))
        linear.bias.data[...] = 0.0
        layers += [linear, nn.BatchNorm1d(fan_out)] if batch_norm else [linear]
        layers.append(nn.ReLU())
    return nn.Sequential(*layers, nn.Linear(WIDTH, 10))


def layer_statistics(model, x, y):
    """Std of each ReLU's output (forward) and of each hidden Linear weight's gradient (backward)."""
    activations, h = [], Tensor(x)
    for layer in model:
        h = layer(h)
        if isinstance(layer, nn.ReLU):
            activations.append(h)
    loss = cross_entropy(h, y)
    model.zero_grad()
    loss.backward()
    weights = [layer.weight for layer in model if isinstance(layer, nn.Linear)][:-1]
    with np.errstate(over="ignore", invalid="ignore"):
        stds = [float(a.data.astype(np.float64).std()) for a in activations]  # float64: 1e20 squared overflows float32
        return stds, [float(w.grad.astype(np.float64).std()) for w in weights], loss.item()


stats = {}
for scheme in SCHEMES:
    with np.errstate(over="ignore", invalid="ignore"):
        stats[scheme] = layer_statistics(deep_mlp(scheme), images[:256], labels[:256])
    print(f"{scheme:9} last activation std {stats[scheme][0][-1]:10.3g}   first-layer gradient std {stats[scheme][1][0]:10.3g}")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
for scheme, (activation_stds, gradient_stds, _) in stats.items():
    left.semilogy(range(1, DEPTH + 1), activation_stds, marker=".", label=scheme)
    right.semilogy(range(1, DEPTH + 1), gradient_stds, marker=".", label=scheme)
left.set(xlabel="layer", ylabel="std of the layer's output", title="Forward: activations")
right.set(xlabel="layer", ylabel="std of dL/dW", title="Backward: weight gradients")
left.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# Read the plot on a log scale. With `std 1` each layer multiplies the scale by about
# $\sqrt{256/2} \approx 11$: after twenty layers the outputs are around $10^{20}$ and the loss
# is astronomical. With `std 0.01` each layer multiplies it by about $0.01 \cdot 11 = 0.11$:
# the last layers see numbers around $10^{-20}$, nothing the loss does can reach the first layer,
# and the gradients there are zero for practical purposes. Xavier, designed for layers without
# ReLU, still shrinks the signal, by a factor $\sqrt{2}$ per layer or so (ReLU discards half of
# it). Kaiming's extra factor 2 compensates exactly: a flat line.
#
# ## 2. Batch normalisation: repair the scale at every layer
#
# Batch norm standardises every feature over the batch after each linear layer, whatever the
# weights did to it, then lets the network rescale with two learned vectors. The same terrible
# `std 0.01` initialisation, with batch norm:

# %%
with np.errstate(over="ignore", invalid="ignore"):
    stats["std 0.01 + batch norm"] = layer_statistics(deep_mlp("std 0.01", batch_norm=True), images[:256], labels[:256])
fig, ax = plt.subplots(figsize=(6, 3.5))
for scheme in ("std 0.01", "Kaiming", "std 0.01 + batch norm"):
    ax.semilogy(range(1, DEPTH + 1), stats[scheme][0], marker=".", label=scheme)
ax.set(xlabel="layer", ylabel="std of the layer's output", title="Batch norm restores the scale")
ax.legend()
plt.show()

# %% [markdown]
# ## 3. Does it train?
#
# Statistics at step 0 are a prediction; training is the test. A few hundred Adam steps on
# Fashion-MNIST images for three of the deep networks:

# %%
num_steps = 30 if FAST else 300
curves = {}
for scheme, batch_norm in (("std 0.01", False), ("Kaiming", False), ("std 0.01 + batch norm", True)):
    manual_seed(0)
    model = deep_mlp(scheme.split(" +")[0], batch_norm=batch_norm)
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    batch_rng, losses = np.random.default_rng(0), []
    for _ in range(num_steps):
        batch = batch_rng.choice(len(images), size=64, replace=False)
        loss = cross_entropy(model(Tensor(images[batch])), labels[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    curves[scheme] = losses
    print(f"{scheme:22} loss after {num_steps} steps: {np.mean(losses[-10:]):.3f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
for scheme, losses in curves.items():
    ax.plot(losses, label=scheme)
ax.axhline(math.log(10), color="gray", linestyle=":", label="ln 10: guessing")
ax.set(xlabel="step", ylabel="training loss", title="20-layer networks on Fashion-MNIST")
ax.legend()
plt.show()

# %% [markdown]
# The `std 0.01` network sits at $\ln 10$ for a long time: its gradients are too small for even
# Adam's per-parameter rescaling to find a direction at first. Kaiming starts learning at
# once; batch norm learns even from the bad initialisation.
#
# ## What to reproduce
#
# - Replace ReLU by `nn.Tanh()` in `deep_mlp`: which scheme is flat now, and why is Xavier's
#   formula the right one for tanh?
# - Use plain SGD instead of Adam in section 3: the difference between the schemes grows.
# - Exercises: `init_schemes` (the formulas, and the fans of a convolution), `batch_norm`
#   (train/eval and the backward pass), `dropout`.

# %%
kaiming = stats["Kaiming"][0]
report(
    kaiming_last_over_first=kaiming[-1] / kaiming[0],
    small_init_last_activation=stats["std 0.01"][0][-1],
    batch_norm_final_loss=float(np.mean(curves["std 0.01 + batch norm"][-10:])),
    expect={
        "kaiming_last_over_first": (">", 0.5),  # the signal keeps its size through the layers...
        "small_init_last_activation": ("<", 1e-6),  # ...and vanishes with a too-small init
        "batch_norm_final_loss": ("<", math.log(10) - 0.5),  # ln 10: guessing among 10 classes
    },
)
