# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: fashion_mnist_classifier
#     title: Your first image classifier (Fashion-MNIST with fastai)
#     unit: practical.image-classification
#     order: 1
#     minutes: 60
#     tour: true
#     fast_timeout: 180
# ---

# %% [markdown]
# # Your first image classifier
#
# In this lab you train a model that looks at a small greyscale photo of a piece of clothing and
# says what it is: T-shirt, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag or ankle
# boot. You will do what a practitioner does on day one with a new dataset: load it, look at it,
# pick a learning rate, train, and then study the mistakes. No maths yet; that comes in stage 2,
# once you have seen what it is for.
#
# **Accompanies:** lessons 1 and 2 of fast.ai's
# [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson1.html) and chapter 2
# of the [fastbook](https://github.com/fastai/fastbook/blob/master/02_production.ipynb). The course
# classifies photos downloaded from the internet with a pretrained ResNet; here everything runs
# offline, on a laptop CPU, in minutes.

# %%
import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, lr_find, ... to Learner)
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
from fastai.interpret import ClassificationInterpretation
from fastai.learner import Learner, load_learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy
from fastai.vision.all import Normalize, aug_transforms

from ldl.data import load_image_classification
from ldl.notebooks.lab import FAST, report
from ldl.practical.loaders import array_image_block, image_row, image_table
from ldl.practical.vision import build_model

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. The data
#
# Fashion-MNIST has 60,000 training images and 10,000 test images, 28 x 28 pixels, one byte per
# pixel. `ldl.data` hands them over as numpy arrays. Always look at your data before you
# train anything: what do the labels mean, and could *you* tell the classes apart? (In fast mode
# on a machine without Fashion-MNIST, ldl says so and hands over MNIST digits instead.)

# %%
data = load_image_classification("fashion-mnist", fast=FAST)
print(data.train_images.shape, data.train_images.dtype, data.classes)

fig, axes = plt.subplots(2, 8, figsize=(12, 3.5))
for ax, image, label in zip(axes.flat, data.train_images, data.train_labels):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(data.classes[label], fontsize=8)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. A DataBlock: telling fastai how to build batches
#
# fastai's `DataBlock` answers four questions: what goes in and what comes out (`blocks`: an
# image in, a category out), how to get the input from an item (`get_x`), how to get its label
# (`get_y`), and which items are for validation (`splitter`). The course reads images from
# folders; we have arrays, so each item is a row of a table holding the image and its label.
#
# We hold out the official test set as the validation set, the images the model never trains
# on. `batch_tfms` run on whole batches: `aug_transforms` applies random flips, small rotations
# and zooms (*data augmentation*: the model sees a slightly different picture every epoch, so it
# learns "shirt", not "these exact pixels"), and `Normalize` centres the pixel values.

# %%
n_train, n_valid = (2000, 500) if FAST else (60000, 10000)
rows = image_table(data.train_images[:n_train], data.train_labels[:n_train], data.classes, is_valid=False)
valid_rows = image_table(data.test_images[:n_valid], data.test_labels[:n_valid], data.classes, is_valid=True)
items = pd.concat([rows, valid_rows], ignore_index=True)
print(items.head(3))

block = array_image_block(
    data.classes,
    batch_tfms=[*aug_transforms(do_flip=True, max_rotate=10, max_zoom=1.1, max_warp=0), Normalize.from_stats(0.286, 0.353)],
)
dls = block.dataloaders(items, bs=128, num_workers=0)
dls.show_batch(max_n=8, figsize=(8, 4))

# %% [markdown]
# `show_batch` shows the images *after* augmentation, exactly as the model will see them. Run the
# cell again: the same images come out slightly turned or zoomed.
#
# ## 3. A model and a learning rate
#
# The model is a small convolutional network built from fastai's `ConvLayer` blocks (open
# `ldl/practical/vision.py` to read it: 15 lines). A `Learner` ties together the data, the
# model, the loss (cross-entropy, the standard loss for picking one class out of many) and the
# metric we care about.
#
# How big should each training step be? `lr_find` trains briefly while raising the learning rate
# exponentially and plots the loss. Pick a value where the loss is still falling steeply, about
# ten times smaller than where it is lowest (the graded exercise `learning_rate_from_finder`
# makes you write this rule).

# %%
learn = Learner(dls, build_model(width=16, dropout=0.2), loss_func=CrossEntropyLossFlat(), metrics=accuracy)
suggestion = learn.lr_find(num_it=30 if FAST else 100)
print(suggestion)

# %% [markdown]
# ## 4. Training with the one-cycle schedule
#
# `fit_one_cycle` warms the learning rate up from small to the peak you chose, then anneals it
# back down. The warm-up lets the randomly initialised network settle before big steps; the long
# descent lets it fine-tune at the end. Watch `train_loss` and `valid_loss`: while both fall, the
# model is learning; if `valid_loss` rises while `train_loss` keeps falling, it is memorising the
# training images (*overfitting*).

# %%
learn.fit_one_cycle(1 if FAST else 5, 5e-3)

# %% [markdown]
# ## 5. Reading the mistakes
#
# The accuracy is one number. The *confusion matrix* says which classes are confused with which:
# row = the true class, column = the prediction, the diagonal is what went right. `top_losses`
# shows the images the model got most confidently wrong: often the label itself is doubtful.

# %%
interpretation = ClassificationInterpretation.from_learner(learn)
interpretation.plot_confusion_matrix(figsize=(7, 7))
plt.show()
print(interpretation.most_confused(min_val=5 if not FAST else 2)[:6])

# %%
interpretation.plot_top_losses(9, figsize=(9, 9))

# %% [markdown]
# Shirts, T-shirts, pullovers and coats take most of the blame. Look at the top losses: would you
# have got them right? Some are genuinely ambiguous at 28 x 28 pixels. This is the moment to
# distinguish a *data* problem (ambiguous or wrong labels) from a *model* problem.
#
# ## 6. Export, load, predict
#
# `export` saves the whole learner (the model and the recipe for preparing an input) to one file;
# `load_learner` brings it back, in this process or another program. A single image is a table
# row too, so we wrap it with `image_row`.

# %%
learn.export("fashion_classifier.pkl")
reloaded = load_learner("fashion_classifier.pkl")
image, label = data.test_images[0], data.classes[data.test_labels[0]]
predicted, _, probabilities = reloaded.predict(image_row(image))
print(f"true: {label}; predicted: {predicted} with probability {probabilities.max():.2f}")

# %%
valid_loss, valid_accuracy = learn.validate()
chance = 1 / len(data.classes)  # guessing: what a model that learned nothing scores
report(
    accuracy=float(valid_accuracy),
    valid_loss=float(valid_loss),
    train_images=n_train,
    expect={"accuracy": (">", chance + (0.3 if FAST else 0.75))},
)

# %% [markdown]
# The reference run `ldl run practical.vision` trains the same network on the fast tensor path
# for six epochs and reaches about 92% test accuracy in a few minutes.
#
# ## Now recreate this notebook from a blank one
#
# Close this lab, open an empty notebook, and rebuild it without looking (peek only when stuck,
# then close it again). You are done when you can:
#
# - [ ] load Fashion-MNIST and show a grid of labelled images;
# - [ ] build a `DataBlock` (blocks, get_x, get_y, splitter) and `show_batch` with augmentation;
# - [ ] create a `Learner` and run `lr_find`, then explain your choice of learning rate;
# - [ ] train with `fit_one_cycle` and say whether the model over- or underfits;
# - [ ] plot the confusion matrix and top losses, and name the two most confused classes;
# - [ ] export the learner, load it back and predict one image.
