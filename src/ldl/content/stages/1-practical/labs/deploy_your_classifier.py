# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: deploy_your_classifier
#     title: Deploy your classifier (export, predict, serve a web app)
#     unit: practical.image-classification
#     order: 2
#     goals: [4]
#     minutes: 40
#     tour: false
#     fast_timeout: 180
# ---

# %% [markdown]
# # Deploy your classifier
#
# A model in a notebook helps nobody but you. *Deploying* it means turning it into a file that
# another program loads, and putting that program where people can reach it: here, a small web
# page on your own machine where anyone at the keyboard can upload a picture and see what the
# model thinks it is. Along the way you will meet the three ideas that decide whether a deployed
# model behaves like the one you measured: what the exported file contains, the difference
# between training and inference mode, and why the input must be prepared exactly as in training.
#
# **Accompanies:** lesson 2 of fast.ai's
# [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson2.html) and
# [fastbook chapter 2](https://github.com/fastai/fastbook/blob/master/02_production.ipynb), which
# deploy a bear classifier to a hosted app. Here everything stays offline and on your machine:
# `ldl serve` is the app.

# %%
import io
from pathlib import Path

import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, no_bar, ...)
import numpy as np
import torch
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy
from fastai.vision.all import Normalize, Resize, ResizeMethod
from PIL import Image

from ldl.data import load_image_classification
from ldl.notebooks.lab import FAST, report
from ldl.practical.loaders import array_image_block, image_table
from ldl.practical.serve import load_classifier, predict
from ldl.practical.vision import build_model

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. A model worth deploying
#
# We train a small convolutional network as in the first lab, with one difference that matters
# for deployment: the whole input recipe lives in the `DataBlock`. Every image is resized to
# 28 x 28 (`Resize`, an *item* transform, one image at a time), then its pixels are scaled to
# [0, 1] and standardised with the training images' mean and standard deviation
# (`Normalize`, a *batch* transform): `x = (pixel / 255 - mean) / std`. Because the recipe is
# part of the learner, it will travel with the model.

# %%
data = load_image_classification("fashion-mnist", fast=FAST)
n_train, n_valid = (2000, 500) if FAST else (20000, 2000)
train_x, train_y = data.train_images[:n_train], data.train_labels[:n_train]
test_x, test_y = data.test_images[:n_valid], data.test_labels[:n_valid]
mean, std = train_x.mean() / 255, train_x.std() / 255
print(f"pixel mean {mean:.3f}, std {std:.3f} (on the 0-1 scale)")

block = array_image_block(
    data.classes,
    item_tfms=[Resize(28, method=ResizeMethod.Squish)],
    batch_tfms=[Normalize.from_stats(mean, std)],
)
items = image_table(np.concatenate([train_x, test_x]), np.concatenate([train_y, test_y]), data.classes)
items["is_valid"] = np.arange(len(items)) >= n_train
dls = block.dataloaders(items, bs=128, num_workers=0)
learn = Learner(dls, build_model(width=8, dropout=0.2), loss_func=CrossEntropyLossFlat(), metrics=accuracy)
learn.fit_one_cycle(2 if FAST else 4, 5e-3)

# %% [markdown]
# ## 2. What `export` saves
#
# `learn.export(path)` pickles the `Learner` *without its data*: the model's architecture and
# weights, the class names (the vocabulary), and the transform pipelines that turn a raw item
# into a batch. It leaves out the training images, the optimiser state and the callbacks of the
# training loop. A pickle can run code when loaded, so only ever load exports you made yourself.

# %%
export_path = Path("fashion_export.pkl").resolve()
learn.export(export_path)
print(f"{export_path.name}: {export_path.stat().st_size / 1024:.0f} KiB")
print("classes:", list(learn.dls.vocab))
print("per item:", learn.dls.after_item)
print("per batch:", learn.dls.after_batch)

# %% [markdown]
# ## 3. Load it as the server does
#
# `ldl serve` calls `ldl.practical.serve.load_classifier`, which wraps fastai's `load_learner`
# and reads from the pipeline what an input must look like: its size (from `Resize`) and its
# colour mode (greyscale, from the image type of the `DataBlock`).

# %%
classifier = load_classifier(export_path)
print(classifier.image_size, classifier.mode, classifier.classes[:3], "...")

# %% [markdown]
# ## 4. Training mode and inference mode
#
# Some layers behave differently while training. Dropout zeroes a random share of activations at
# every step (so the network cannot rely on any single one); batch norm standardises with the
# statistics *of the current batch* and updates its running averages. At inference time we want
# the same answer for the same input, whatever else is in the batch: `model.eval()` switches
# dropout off and makes batch norm use the running averages it stored during training.
# `learn.predict` does this for you (and turns off gradient tracking, which saves memory and time).

# %%
model = classifier.learn.model
batch = torch.randn(4, 1, 28, 28)
model.train()
with torch.no_grad():
    print("training mode, same input twice, same outputs?", torch.equal(model(batch), model(batch)))
model.eval()
with torch.no_grad():
    print("inference mode, same input twice, same outputs?", torch.equal(model(batch), model(batch)))

# %% [markdown]
# ## 5. Predict from an uploaded file
#
# A browser sends the server a *file*: PNG or JPEG bytes, any size, colour or not. The server's
# `predict(classifier, data)` decodes it, converts it to greyscale, resizes it to 28 x 28 and only
# then hands it to the learner. We do exactly what the web page does: encode test images as PNG
# files and send their bytes through `predict`. The accuracy should match what the learner
# measured during training, because the preparation matches.


# %%
def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()


n_check = 200
answers = [predict(classifier, png_bytes(image)) for image in test_x[:n_check]]
served_accuracy = np.mean([a.label == data.classes[y] for a, y in zip(answers, test_y)])
print(f"accuracy through predict(): {served_accuracy:.3f} on {n_check} PNG files")
first = answers[0]
print(f"first image: {first.label} ({first.probability:.0%}); truth: {data.classes[test_y[0]]}")

big_colour = np.asarray(Image.fromarray(test_x[0]).convert("RGB").resize((96, 96)))
print("a 96 x 96 colour upload:", predict(classifier, png_bytes(big_colour)).notes)

# %% [markdown]
# ## 6. What goes wrong in production
#
# A deployed model meets the world, and the world is not the test set. Three failures to expect:
#
# - **Distribution shift.** Fashion-MNIST shows light garments on a black background. A shop
#   photo is a dark garment on a white background. Below we invert the test images: the same
#   garments, and the model's accuracy collapses. The remedy is data: collect examples of what
#   the app will really see, and measure on them before you trust it.
# - **Inputs from outside every class.** Softmax must share 100% between the classes it knows,
#   so a photo of a cat still comes back as *some* garment, sometimes with high confidence. A
#   high probability is not "I am sure", only "of these ten, this one".
# - **A preprocessing mismatch.** If the server scaled pixels differently from training (forgot
#   to standardise, swapped colour channels, resized with another method), every prediction
#   would quietly get worse. Exporting the recipe with the model, as fastai does, prevents it.

# %%
inverted = [predict(classifier, png_bytes(255 - image)) for image in test_x[:n_check]]
inverted_accuracy = np.mean([a.label == data.classes[y] for a, y in zip(inverted, test_y)])
noise = np.random.default_rng(0).integers(0, 256, (28, 28), dtype=np.uint8)
noise_answer = predict(classifier, png_bytes(noise))
print(f"inverted images: accuracy {inverted_accuracy:.3f} (was {served_accuracy:.3f})")
print(f"pure noise is a {noise_answer.label!r} with probability {noise_answer.probability:.0%}")

# %%
chance = 1 / len(data.classes)  # guessing: what a model that learned nothing scores
report(
    served_accuracy=float(served_accuracy),
    inverted_accuracy=float(inverted_accuracy),
    export_kib=export_path.stat().st_size / 1024,
    expect={"served_accuracy": (">", chance + (0.3 if FAST else 0.6))},
)

# %% [markdown]
# ## 7. Serve it
#
# In a terminal (not in this notebook: the server runs until you press Ctrl-C), start the app on
# your own machine and open the address it prints:
#
#     ldl serve /path/to/fashion_export.pkl     # the export this lab wrote (its path is printed below)
#     ldl run practical.vision && ldl serve    # or the reference run's model, found automatically
#
# Upload a few test images, then some of your own photos of clothes (cropped to one garment), and
# watch the probabilities. Which photos fool it, and why? The same answers come as JSON:
# `curl --data-binary @shoe.png http://127.0.0.1:8000/predict`.

# %%
print(f"ldl serve {export_path}")

# %% [markdown]
# ## Now recreate this notebook from a blank one
#
# - [ ] build a `DataBlock` that carries resizing and normalisation, train, and `export`;
# - [ ] load the export and list what it contains (classes, item and batch transforms);
# - [ ] show that dropout makes training-mode outputs differ and that `eval()` fixes it;
# - [ ] predict from PNG bytes and match the accuracy measured in training;
# - [ ] break it on purpose with a distribution shift, and explain what you would do about it.
