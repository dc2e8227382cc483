# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: optimizers_compared
#     title: "Optimisers compared: SGD, momentum, RMSProp, Adam and the learning rate"
#     unit: deep-dive.optimizers
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 50
#     fast_timeout: 120
# ---

# %% [markdown]
# # Optimisers compared: SGD, momentum, RMSProp, Adam and the learning rate
#
# All optimisers follow the gradient downhill; they differ in how they turn a noisy gradient into
# a step. This lab watches four of them on a two-dimensional valley you can see, races them on
# the same network with the same batches, then looks at the learning rate itself: schedules, and
# the learning-rate finder that picks a starting value in one short run.
#
# **Accompanies:** [Dive into Deep Learning, chapter 12](https://d2l.ai/chapter_optimization/index.html)
# (12.4 SGD, 12.6 [momentum](https://d2l.ai/chapter_optimization/momentum.html), 12.8 RMSProp,
# 12.10 [Adam](https://d2l.ai/chapter_optimization/adam.html), 12.11
# [learning-rate scheduling](https://d2l.ai/chapter_optimization/lr-scheduler.html)); Deep
# Learning Specialization, course 2 ([Improving Deep Neural Networks](https://www.coursera.org/learn/deep-neural-network)),
# week 2; [MIT 6.S191](http://introtodeeplearning.com/) lecture 1 (adaptive learning rates,
# mini-batches). Gabriel Goh's [*Why Momentum Really Works*](https://distill.pub/2017/momentum/)
# lets you play with momentum interactively.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl import data
from ldl.engine import Tensor, manual_seed, nn, optim
from ldl.engine.losses import cross_entropy
from ldl.engine.lr_finder import lr_range_test
from ldl.engine.nn import Parameter
from ldl.engine.schedules import CosineAnnealingLR, OneCycleLR, StepLR
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)

# %% [markdown]
# ## 1. A valley you can see
#
# $f(x, y) = \tfrac12 (10 x^2 + y^2)$ is a narrow valley: ten times steeper across ($x$) than
# along ($y$). Plain gradient descent must use a learning rate small enough not to overshoot the
# steep direction, and then crawls along the flat one. Momentum lets consistent directions build
# up speed; RMSProp and Adam divide each coordinate by its own running gradient size, so both
# directions move at a similar pace.

# %%
OPTIMIZERS = {
    "SGD": lambda params, lr: optim.SGD(params, lr=lr),
    "SGD + momentum 0.9": lambda params, lr: optim.SGD(params, lr=lr, momentum=0.9),
    "RMSProp": lambda params, lr: optim.RMSProp(params, lr=lr),
    "Adam": lambda params, lr: optim.Adam(params, lr=lr),
}
VALLEY = {  # the same learning rate for both SGDs, so that only momentum differs
    "SGD, lr 0.05": lambda params: optim.SGD(params, lr=0.05),
    "SGD + momentum 0.7, lr 0.05": lambda params: optim.SGD(params, lr=0.05, momentum=0.7),
    "RMSProp, lr 0.05": lambda params: optim.RMSProp(params, lr=0.05),
    "Adam, lr 0.15": lambda params: optim.Adam(params, lr=0.15),
}


def valley(point):
    return 0.5 * (10 * point[0] * point[0] + point[1] * point[1])


paths = {}
for name, make in VALLEY.items():
    point = Parameter(np.array([-1.0, 2.5]), dtype=np.float64)
    optimizer = make([point])
    path = [point.data.copy()]
    for _ in range(40):
        optimizer.zero_grad()
        valley(point).backward()
        optimizer.step()
        path.append(point.data.copy())
    paths[name] = np.array(path)

grid_x, grid_y = np.meshgrid(np.linspace(-1.5, 1.5, 200), np.linspace(-1, 3, 200))
fig, ax = plt.subplots(figsize=(6, 4.5))
ax.contour(grid_x, grid_y, 0.5 * (10 * grid_x**2 + grid_y**2), levels=20, colors="lightgray")
for name, path in paths.items():
    ax.plot(path[:, 0], path[:, 1], marker=".", markersize=3, label=f"{name}: f = {valley(path[-1]):.1e}")
ax.set(xlabel="x (steep)", ylabel="y (flat)", title="40 steps from (-1, 2.5)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# With the same learning rate, momentum ends far closer to the minimum than plain SGD: along the
# flat direction its velocity builds up to about $1/(1 - 0.7) \approx 3$ times the plain step.
# Adam's first step is $\eta \cdot \operatorname{sign}(g)$ in each coordinate, a diagonal move
# that ignores the valley's shape entirely; its momentum then makes it circle the minimum. On a
# tiny, noise-free problem a well-tuned momentum wins; adaptive methods earn their keep with
# noisy gradients and millions of parameters on very different scales.

# %% [markdown]
# ## 2. A race on a real network
#
# Same MLP (784-128-10), same initial weights, same batches, a fixed budget of steps; only the
# optimiser differs. Each gets a learning rate that is reasonable for it (SGD wants rates 10 to
# 100 times larger than Adam: Adam's steps are normalised, SGD's are proportional to the
# gradient). The lab *does not* tune them carefully; the learning-rate finder below shows how.

# %%
fashion = data.load_image_classification(
    "fashion-mnist", fast=FAST
)  # fast mode: a stand-in if it is not here
num_images = 4096 if FAST else 20_000
images = ((fashion.train_images[:num_images].astype(np.float32) / 255.0 - 0.2860) / 0.3530).reshape(-1, 784)
labels = fashion.train_labels[:num_images].astype(np.int64)
NETWORK_LR = {"SGD": 0.1, "SGD + momentum 0.9": 0.02, "RMSProp": 1e-3, "Adam": 1e-3}


def make_mlp():
    manual_seed(0)  # identical initial weights for every optimiser
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


num_steps = 60 if FAST else 1000
curves = {}
for name, make in OPTIMIZERS.items():
    model = make_mlp()
    optimizer = make(model.parameters(), NETWORK_LR[name])
    batch_rng, losses = np.random.default_rng(0), []  # identical batches for every optimiser
    for _ in range(num_steps):
        batch = batch_rng.choice(num_images, size=64, replace=False)
        loss = cross_entropy(model(Tensor(images[batch])), labels[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    curves[name] = np.array(losses)

window = 10 if FAST else 50
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, losses in curves.items():
    ax.plot(np.convolve(losses, np.ones(window) / window, mode="valid"), label=name)
ax.set(xlabel="step", ylabel=f"training loss ({window}-step average)", title="Same network, same batches")
ax.legend()
plt.show()
final = {name: float(losses[-window:].mean()) for name, losses in curves.items()}
for name, value in sorted(final.items(), key=lambda pair: pair[1]):
    print(f"{name:20} {value:.3f}")

# %% [markdown]
# ## 3. Schedules
#
# The learning rate need not stay fixed. Three common shapes over 1,000 steps, as the engine's
# schedules compute them (each writes its rate into the optimiser at every `step()`):

# %%
def rates(make_schedule, num_steps=1000):
    optimizer = optim.SGD([Parameter(np.zeros(1))], lr=0.1)
    schedule = make_schedule(optimizer)
    values = []
    for _ in range(num_steps):
        values.append(optimizer.lr)
        schedule.step()
    return values


fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(rates(lambda o: StepLR(o, step_size=300, gamma=0.3)), label="step decay (x0.3 every 300)")
ax.plot(rates(lambda o: CosineAnnealingLR(o, total_steps=1000)), label="cosine annealing")
ax.plot(rates(lambda o: OneCycleLR(o, max_lr=0.1, total_steps=1000)), label="one-cycle (fastai's fit_one_cycle)")
ax.set(xlabel="step", ylabel="learning rate")
ax.legend()
plt.show()

# %% [markdown]
# One-cycle warms up first: at the start the weights are random and the gradients large and
# unreliable, so big steps are risky; once training has found a direction, high rates move fast
# (and their noise helps avoid sharp minima); a long, low tail then settles into the minimum.
#
# ## 4. The learning-rate finder
#
# Smith's range test trains for a short while with the rate growing exponentially from tiny to
# huge and records the (smoothed) loss. The loss falls fastest somewhere in the middle and
# explodes at the end; a good maximum rate is a bit below the point of steepest descent, well
# before the explosion. The engine restores the weights afterwards.

# %%
model = make_mlp()
optimizer = optim.Adam(model.parameters(), lr=1e-3)
finder_rng = np.random.default_rng(1)
batches = [(images[b], labels[b]) for b in (finder_rng.choice(num_images, 64, replace=False) for _ in range(100))]
found = lr_range_test(model, optimizer, cross_entropy, batches, start_lr=1e-5, end_lr=1.0, num_steps=60 if FAST else 100)
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.semilogx(found.lrs, found.losses)
ax.axvline(found.suggested_lr, color="C1", linestyle="--", label=f"steepest descent: {found.suggested_lr:.1e}")
ax.set(xlabel="learning rate (Adam)", ylabel="smoothed loss", title="Learning-rate range test")
ax.legend()
plt.show()

# %% [markdown]
# ## What to reproduce
#
# - In section 1, raise SGD's learning rate from 0.05 to 0.21: the steep coordinate diverges
#   (gradient descent on $\tfrac{a}{2}x^2$ is stable only for $\eta < 2/a$). Then set the
#   momentum to 0.9: too much momentum overshoots and spirals, as the valley is short.
# - In section 2, give SGD with momentum a rate of 0.1 as well, then 0.005. Note how sensitive
#   SGD is compared with Adam, and why Adam became the default.
# - Train the MLP with the rate the finder suggests and a one-cycle schedule; the reference run
#   `ldl run deep-dive.lr-find` does this for the full network.
# - Exercises: `minibatch_sgd`, `sgd_momentum`, `adam`, `lr_schedules`.

# %%
report(
    adam_final_loss=final["Adam"],
    sgd_final_loss=final["SGD"],
    momentum_final_loss=final["SGD + momentum 0.9"],
    suggested_lr=found.suggested_lr,
    expect={  # ln 10 = 2.30 is the loss of guessing among the 10 classes
        "adam_final_loss": ("<", math.log(10) - 1.0),
        "momentum_final_loss": ("<", math.log(10) - 1.0),
    },
)
