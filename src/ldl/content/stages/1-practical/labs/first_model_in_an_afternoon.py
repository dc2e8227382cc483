# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: first_model_in_an_afternoon
#     title: Your first model in an afternoon (handwritten digits with fastai)
#     unit: practical.getting-started
#     order: 1
#     minutes: 30
#     tour: false
#     fast_timeout: 120
#     goals: [1, 2, 3]
# ---

# %% [markdown]
# # Your first model in an afternoon
#
# By the end of this short lab you will have trained a neural network that reads handwritten
# digits, and you will know how to tell whether it really learned. The data is tiny on purpose:
# 1,797 scans of digits, each 8 x 8 pixels, that ship inside scikit-learn. Nothing is downloaded,
# and every cell runs in seconds, so you can rerun, break and change things freely. That is the
# whole point of today: deep learning is something you can run, right now, on this machine.
#
# **Accompanies:** lesson 1 of fast.ai's
# [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson1.html) and chapter 1
# of the [fastbook](https://github.com/fastai/fastbook/blob/master/01_intro.ipynb). The course
# starts from photos and a pretrained network; here we start from nothing, so you can watch a
# model go from guessing to reading.

# %%
import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, lr_find, ... to Learner)
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy
from fastai.torch_core import set_seed
from sklearn.datasets import load_digits
from torch import nn

from ldl.notebooks.lab import FAST, report
from ldl.practical.loaders import random_split, tensor_dataloaders

SEED = 0
set_seed(SEED, reproducible=True)
torch.set_num_threads(1)  # a model this small runs fastest on one core

# %% [markdown]
# ## 1. Look at the data first
#
# `load_digits` returns the images as an array of shape (1797, 8, 8): pixel values from 0 (white)
# to 16 (black), and a label 0-9 per image. Before training anything, look at some: could *you*
# read them? At 8 x 8 pixels a few are hard even for a person, which tells you not to expect 100%.

# %%
digits = load_digits()
images, labels = digits.images.astype(np.float32), digits.target  # (1797, 8, 8), (1797,)
print(images.shape, labels.shape, "classes:", np.unique(labels).tolist())

fig, axes = plt.subplots(2, 8, figsize=(10, 3))
for ax, image, label in zip(axes.flat, images, labels):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 2. Three sets, three jobs
#
# A model that has seen an example can simply remember its answer, so it must be judged on
# examples it never saw. We split the images, with a seeded shuffle so the split is the same
# every run, into three disjoint sets:
#
# - **training** (64%): the only examples whose answers the model may learn from;
# - **validation** (16%): held out from training, and used for every decision *we* take (how
#   many epochs, which learning rate, which model). Each such decision fits the validation set a
#   little, so its score ends up slightly flattered;
# - **test** (20%): locked away until the last section, and used exactly once, to give the honest
#   number for the model we finally chose. Nothing before section 7 reads `test_index`.

# %%
rest_index, test_index = random_split(len(images), 0.2, seed=SEED)  # sorted, disjoint index arrays
fit_pos, valid_pos = random_split(len(rest_index), 0.2, seed=SEED)
train_index, valid_index = rest_index[fit_pos], rest_index[valid_pos]
print(f"{len(train_index)} training, {len(valid_index)} validation, {len(test_index)} test images")

# Scale the pixels with statistics of the *training* images only (the other sets stay unseen).
mean, std = images[train_index].mean(), images[train_index].std()


def as_tensors(index):
    """(n, 8, 8) standardised float pixels and (n,) integer labels for the images at `index`."""
    x = torch.from_numpy((images[index] - mean) / std)  # (n, 8, 8)
    return x, torch.as_tensor(labels[index], dtype=torch.long)  # (n,)


# %% [markdown]
# ## 3. DataLoaders: batches for the model
#
# A model learns from *batches*: a few dozen examples at a time. fastai's `DataLoaders` holds
# two streams of batches, training (shuffled anew every epoch) and validation (in order).
# Our images already sit in memory as tensors, so `tensor_dataloaders` from `ldl.practical`
# slices whole batches straight out of them.

# %%
dls = tensor_dataloaders(as_tensors(train_index), as_tensors(valid_index), batch_size=64, seed=SEED)
x, y = next(iter(dls.train))
print("one batch:", tuple(x.shape), tuple(y.shape))  # (64, 8, 8) pixels, (64,) labels

# %% [markdown]
# ## 4. A tiny network, before it has learned anything
#
# Our model is a *multilayer perceptron*: flatten the 64 pixels into a row, mix them into 32
# intermediate features (each a weighted sum of all pixels, negative values cut to zero by `ReLU`),
# then mix those into 10 scores, one per digit. The largest score is the prediction. That is
# 64 x 32 + 32 + 32 x 10 + 10 = 2,410 adjustable numbers, the *weights*, all random for now.
#
# A `Learner` ties together the data, the model, the loss (cross-entropy, which punishes giving a
# low probability to the right digit) and the metric we want to watch (accuracy).

# %%
model = nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy)

shown = valid_index[:8]  # eight validation digits we will look at before and after training
shown_x, shown_y = as_tensors(shown)


def predict(x):
    """The model is just a function: pixels in, 10 probabilities per image out."""
    learn.model.eval()
    with torch.no_grad():
        return learn.model(x).softmax(dim=1)  # (n, 10)


def show_predictions(title):
    probs = predict(shown_x)
    fig, axes = plt.subplots(1, len(shown), figsize=(10, 2))
    for ax, image, p, label in zip(axes, images[shown], probs, shown_y):
        ax.imshow(image, cmap="gray_r")
        ax.set_title(f"{int(p.argmax())} ({p.max():.0%})", color="green" if p.argmax() == label else "red")
        ax.axis("off")
    fig.suptitle(title)
    plt.show()
    return probs.argmax(dim=1)


before = show_predictions("before training: prediction (confidence)")
print("true:  ", shown_y.tolist(), "\nbefore:", before.tolist())

# %% [markdown]
# Before training the network guesses: every digit gets roughly 10% and the "prediction" is
# whichever random weight happens to be largest. Its accuracy is about chance, one in ten.
# Another baseline that learns nothing: always answering the most common digit of the training
# set. Any model we keep must beat both by a wide margin.

# %%
valid_x, valid_y = as_tensors(valid_index)  # (288, 8, 8), (288,)
untrained = float((predict(valid_x).argmax(dim=1) == valid_y).float().mean())
majority = np.bincount(labels[train_index]).argmax()
majority_accuracy = float((labels[valid_index] == majority).mean())
baseline = max(majority_accuracy, 1 / 10)  # the better of "always the same digit" and chance
print(f"untrained network: {untrained:.3f}; always answering {majority}: {majority_accuracy:.3f}")

# %% [markdown]
# ## 5. Train, and read what fastai prints
#
# `fit_one_cycle` runs a few *epochs* (full passes over the training set). Within each, the
# learning rate (the size of every weight step) warms up to the peak we give and then anneals
# back down: large steps to make progress, small ones at the end to settle.

# %%
epochs = 5 if FAST else 12
learn.fit_one_cycle(epochs, 1e-2)

# %% [markdown]
# One row per epoch. Here is how to read each column:
#
# - **epoch**: which pass over the training data this row summarises (counting from 0).
# - **train_loss**: the loss on training batches *while* the model was learning from them,
#   smoothed over recent batches. In the first epochs it is often *higher* than `valid_loss`:
#   it still remembers batches from before the model improved. Later it drops below, because
#   these are the very examples the model is fitting.
# - **valid_loss**: the average loss on the validation set, measured at the end of the epoch
#   without updating any weight. This is the one that says whether the model generalises.
# - **accuracy**: our metric, on the validation set: the share of digits read correctly. The
#   loss is what training minimises (smooth, so every small weight change moves it); accuracy is
#   what we care about, but it only changes when a prediction flips, so it cannot guide training.
# - **time**: how long the epoch took. Useful for planning: a real dataset multiplies it.
#
# While both losses fall, the model is learning. If `valid_loss` starts rising while `train_loss`
# keeps falling, the model is memorising its training examples: *overfitting*.

# %%
history = pd.DataFrame(learn.recorder.values, columns=["train_loss", "valid_loss", "accuracy"])
print(history.round(3).tail(3))
valid_accuracy = float(history["accuracy"].iloc[-1])

# %% [markdown]
# ## 6. What did it learn?
#
# Same eight validation digits, same network, after training:

# %%
after = show_predictions("after training: prediction (confidence)")
print("true:  ", shown_y.tolist(), "\nbefore:", before.tolist(), "\nafter: ", after.tolist())

# %% [markdown]
# In plain words: training nudged the 2,410 weights, a little after every batch, in whichever
# direction made the right digit's score larger. Nobody told the network that a 0 is a loop or
# that a 1 is a stroke; from examples alone it found pixel patterns that separate the digits
# well enough to read ones it has never seen. What it did *not* learn is anything beyond this
# data: show it a letter and it will confidently name a digit.
#
# Where does it still go wrong? Count the validation mistakes by (true digit, predicted digit):
# the most frequent pairs are the model's *confusions*, and they usually make sense to a person.

# %%
valid_pred = predict(valid_x).argmax(dim=1)
wrong = valid_pred != valid_y
confused = (
    pd.DataFrame({"true": valid_y[wrong].numpy(), "predicted": valid_pred[wrong].numpy()})
    .value_counts()
    .head(5)
)
print(f"{int(wrong.sum())} mistakes out of {len(valid_y)}; the most confused pairs:\n{confused}")

# %% [markdown]
# Look at the pairs (in our runs: 3 read as 7 or 8, 8 read as 1 or 5, 4 read as 7 or 9). A 3 is an 8
# with two pixels missing on the left, and at 8 x 8 pixels two pixels is a lot. A mistake that
# you would also make is usually a limit of the data, not of the model; one you would never make
# points at the model or its training.

# %%
report(
    valid_accuracy=valid_accuracy,
    untrained_valid_accuracy=untrained,
    baseline_valid_accuracy=baseline,
    valid_mistakes=int(wrong.sum()),
    expect={"valid_accuracy": (">", baseline + (0.5 if FAST else 0.75))},
)

# %% [markdown]
# ## 7. The test set, once
#
# Everything is decided (the model, the learning rate, the epochs), all on validation. Now, and
# only now, we unlock the test images and measure the chosen model on them, once. Whatever comes
# out is the number to quote, even if it is lower than validation promised. Tuning anything
# after looking at it would turn the test set into a second validation set.

# %%
test_x, test_y = as_tensors(test_index)
test_accuracy = float((predict(test_x).argmax(dim=1) == test_y).float().mean())
print(f"test accuracy: {test_accuracy:.3f} on {len(test_index)} images it never saw")
report(
    test_accuracy=test_accuracy,
    test_images=len(test_index),
    expect={"test_accuracy": (">", baseline + (0.5 if FAST else 0.7))},  # 0.8 in full mode
)

# %% [markdown]
# ## Recreate it
#
# Open an empty notebook and rebuild this lab without looking (peek only when stuck). You are
# done when you can:
#
# - [ ] load the digits and show a labelled grid of them;
# - [ ] make a seeded train / validation / test split, and say what each set is for;
# - [ ] build `DataLoaders` from tensors and train a small network with `fit_one_cycle`;
# - [ ] explain every column of the training table, and spot overfitting in it;
# - [ ] show predictions before and after training, and name the most confused pairs;
# - [ ] evaluate on the test set once, and beat the "most common digit" baseline by far.
#
# Then change one thing and predict the result before you run it: 2 epochs instead of 12, a
# learning rate of 1e-4, or 4 hidden features instead of 32.
