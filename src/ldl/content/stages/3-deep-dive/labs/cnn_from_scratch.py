# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: cnn_from_scratch
#     title: "Convolutional networks, from a filter to 90%"
#     unit: deep-dive.cnn
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 75
#     tour: true
#     fast_timeout: 120
# ---

# %% [markdown]
# # Convolutional networks, from a filter to 90%
#
# The MLP of the previous lab saw each image as 784 unrelated numbers: move a shirt one pixel to
# the right and, for the MLP, every input changes. A **convolution** instead slides one small
# filter over the whole image, so the same pattern is detected wherever it appears, with a
# handful of weights instead of a full matrix. This lab looks at what a single filter computes,
# then trains a small CNN on Fashion-MNIST with the engine, and looks inside it.
#
# **Accompanies:** [Dive into Deep Learning, chapter 7](https://d2l.ai/chapter_convolutional-neural-networks/index.html)
# (7.2 [convolutions for images](https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html),
# 7.3 padding and stride, 7.5 pooling, 7.6 [LeNet](https://d2l.ai/chapter_convolutional-neural-networks/lenet.html));
# Deep Learning Specialization, course 4
# ([Convolutional Neural Networks](https://www.coursera.org/learn/convolutional-neural-networks)),
# week 1; [MIT 6.S191](http://introtodeeplearning.com/) lecture 3, deep computer vision.
# [CS231n's notes](https://cs231n.github.io/convolutional-networks/) have the best pictures of
# the sliding window.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl import data
from ldl.engine import Tensor, manual_seed, nn, no_grad, optim
from ldl.engine.callbacks import MetricsCallback, ScheduleCallback
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.learner import Learner, accuracy
from ldl.engine.losses import cross_entropy
from ldl.engine.nn import functional as F
from ldl.engine.schedules import OneCycleLR
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)
CLASSES = ["T-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]

# %% [markdown]
# ## 1. One filter
#
# A 3x3 filter is nine weights. At every position the convolution takes the 3x3 patch under the
# filter, multiplies it entry by entry with the weights and sums: one output number. Two classic
# hand-made filters, which respond to vertical and horizontal edges (Sobel filters):

# %%
fashion = data.load_image_classification("fashion-mnist", fast=FAST)  # fast mode: a stand-in if it is not here
if fashion.source != "fashion-mnist":
    CLASSES = fashion.classes  # the stand-in's digits, "0" to "9"
image = fashion.train_images[0].astype(np.float32) / 255.0  # (28, 28)
sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
filters = np.stack([sobel_x, sobel_x.T])[:, None]  # (out=2, in=1, 3, 3)
edges = F.conv2d(Tensor(image[None, None]), Tensor(filters), padding=1).data[0]  # (2, 28, 28)

fig, axes = plt.subplots(1, 3, figsize=(8, 2.8))
for ax, picture, title in zip(axes, [image, edges[0], edges[1]], ["input", "vertical edges", "horizontal edges"]):
    ax.imshow(picture, cmap="gray" if title == "input" else "RdBu")
    ax.set_title(title)
    ax.axis("off")
plt.show()

# %% [markdown]
# **Shapes.** A convolution with kernel $k$, stride $s$ and padding $p$ turns $H$ rows into
# $\lfloor (H + 2p - k)/s \rfloor + 1$. With $k = 3, p = 1, s = 1$ the size is kept (28 → 28);
# a 2x2 max pool with stride 2 halves it (28 → 14). Let's check the engine agrees:

# %%
def output_size(size, kernel_size, stride=1, padding=0):
    return (size + 2 * padding - kernel_size) // stride + 1


for kernel_size, stride, padding in [(3, 1, 1), (3, 1, 0), (5, 2, 2), (3, 2, 0)]:
    out = F.conv2d(Tensor(np.zeros((1, 1, 28, 28), np.float32)), Tensor(np.zeros((1, 1, kernel_size, kernel_size), np.float32)), stride=stride, padding=padding)
    print(f"k={kernel_size} s={stride} p={padding}: formula {output_size(28, kernel_size, stride, padding)}, engine {out.shape[-1]}")

# %% [markdown]
# ## 2. A small CNN
#
# Two convolution blocks (conv 3x3 → ReLU → max pool 2x2) turn a `(B, 1, 28, 28)` batch into
# `(B, 64, 7, 7)` feature maps: 64 detectors, each answering "is my pattern here?" on a 7x7 grid.
# A small MLP head classifies them. The first convolution has only $32 \cdot 9 + 32 = 320$
# weights, against 200,960 in the MLP's first layer.

# %%
def make_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # (B, 32, 14, 14)
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # (B, 64, 7, 7)
        nn.Flatten(),                                                 # (B, 3136)
        nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25),
        nn.Linear(128, 10),
    )  # fmt: skip


model = make_cnn()
x = Tensor(np.zeros((2, 1, 28, 28), np.float32))
for layer in model:
    x = layer(x)
    print(f"{type(layer).__name__:10} -> {x.shape}")
print(f"{model.num_parameters():,} parameters")

# %% [markdown]
# ## 3. Training, the way high-level libraries do it
#
# This time we let the engine's `Learner` run the loop (the same five lines as in the MLP lab,
# plus events for callbacks), with a one-cycle learning-rate schedule, like stage 1's
# `fit_one_cycle`. In fast mode it sees 1,024 images once; the full lab trains on all 60,000 for
# three epochs (a few minutes on one core).

# %%
def prepare(images):
    pixels = images.astype(np.float32) / 255.0
    return ((pixels - 0.2860) / 0.3530)[:, None]  # (N, 1, 28, 28); Fashion-MNIST's mean and std


rng = np.random.default_rng(0)
num_train, num_test = (1024, 1000) if FAST else (60_000, 10_000)
train_idx = rng.permutation(len(fashion.train_images))[:num_train]
x_train, y_train = prepare(fashion.train_images[train_idx]), fashion.train_labels[train_idx].astype(np.int64)
x_test, y_test = prepare(fashion.test_images[:num_test]), fashion.test_labels[:num_test].astype(np.int64)

num_epochs, batch_size = (1, 128) if FAST else (3, 128)
train_loader = DataLoader(ArrayDataset(x_train, y_train), batch_size, shuffle=True, seed=0)
test_loader = DataLoader(ArrayDataset(x_test, y_test), batch_size=500)
optimizer = optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
schedule = OneCycleLR(optimizer, max_lr=3e-3, total_steps=num_epochs * len(train_loader))
learner = Learner(
    model, train_loader, test_loader, cross_entropy, optimizer,
    callbacks=[ScheduleCallback(schedule), MetricsCallback(test_accuracy=accuracy)],
)  # fmt: skip
started = time.perf_counter()
history = learner.fit(num_epochs)
seconds = time.perf_counter() - started
for row in history:
    print(f"epoch {row['epoch'] + 1}: test loss {row['valid_loss']:.3f}, test accuracy {row['test_accuracy']:.2%}")
print(f"{learner.step} steps in {seconds:.0f} s")

# %% [markdown]
# ## 4. Inside the network
#
# The first layer's 32 filters are 3x3 weight patterns; many become edge and blob detectors
# (more clearly after full training). Below them, what eight of them output for one image:

# %%
weights = model[0].weight.data[:, 0]  # (32, 3, 3)
fig, axes = plt.subplots(2, 16, figsize=(12, 1.8))
for ax, w in zip(axes.ravel(), weights):
    ax.imshow(w, cmap="RdBu", vmin=-abs(weights).max(), vmax=abs(weights).max())
    ax.axis("off")
fig.suptitle("first-layer filters")
plt.show()

model.eval()
with no_grad():
    feature_maps = model[1](model[0](Tensor(x_test[:1]))).data[0]  # (32, 28, 28) after the ReLU
model.train()
fig, axes = plt.subplots(1, 9, figsize=(12, 1.6))
axes[0].imshow(x_test[0, 0], cmap="gray_r")
axes[0].set_title(CLASSES[y_test[0]], fontsize=8)
for k, ax in enumerate(axes[1:]):
    ax.imshow(feature_maps[k], cmap="viridis")
    ax.set_title(f"filter {k}", fontsize=8)
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## What to reproduce
#
# - Run the full lab (about five minutes on one core; we measured 91.2% test accuracy after three
#   epochs) and compare with the MLP's 88%. Most of this CNN's parameters sit in its dense head
#   (3,136 x 128); the two convolutions have fewer than 19,000.
#   The reference run `ldl run deep-dive.cnn` records the engine's result (target >= 89%).
# - Remove the max pooling layers (and fix the `Linear` input size): what happens to the number
#   of parameters, the speed, the accuracy?
# - Exercises: `conv2d_forward` (im2col), `conv2d_backward` (col2im), `max_pooling`. Your im2col
#   is the same algorithm `F.conv2d` runs here.

# %%
chance = 1 / 10  # ten classes
report(
    test_accuracy=history[-1]["test_accuracy"],
    test_loss=history[-1]["valid_loss"],
    train_seconds=seconds,
    expect={"test_accuracy": (">", chance + 0.3), "test_loss": ("<", np.log(10) - 0.5)},
)
