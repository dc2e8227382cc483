# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # __PROJECT_TITLE__
#
# *One sentence: what you set out to find, and what you found.*

# %% [markdown]
# ## The question
#
# *What are you predicting, for whom, and what would count as success? Name the metric and why it
# fits.*

# %%
import json
import os
import random
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

# A placeholder so that the template runs as it is: scikit-learn's digits, a logistic-regression
# baseline and a small MLP. Replace the data, the baseline and the model with your project's.
FAST = os.environ.get("LDL_FAST") == "1"
SEEDS = [0, 1, 2]  # one model per seed; the split itself is fixed by SPLIT_SEED
SPLIT_SEED = 1234
EPOCHS = 15 if FAST else 60
torch.set_num_threads(1)  # identical results from run to run, whatever the machine's load
Path("figures").mkdir(exist_ok=True)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


# %% [markdown]
# ## The data
#
# *Where does the data come from, under what licence, how many examples, and how were the labels made?
# Show a few examples and the class balance.*

# %%
digits = load_digits()
images, labels = digits.images.astype(np.float32) / 16.0, digits.target  # (1797, 8, 8), (1797,)
print("examples:", len(labels), "per class:", np.bincount(labels))
fig, axes = plt.subplots(1, 8, figsize=(8, 1.4))
for axis, image, label in zip(axes, images, labels):
    axis.imshow(image, cmap="gray_r")
    axis.set_title(int(label))
    axis.axis("off")
fig.savefig("figures/examples.png", bbox_inches="tight")

# %% [markdown]
# ## Splits and a baseline
#
# *How do you split train, validation and test so that the test set says something true? What does the
# simplest reasonable baseline score?*

# %%
flat = images.reshape(len(images), -1)  # (1797, 64)
x_rest, x_test, y_rest, y_test = train_test_split(
    flat, labels, test_size=0.2, stratify=labels, random_state=SPLIT_SEED
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SPLIT_SEED
)
baseline = LogisticRegression(max_iter=2000).fit(x_train, y_train)
print("baseline validation accuracy:", round(baseline.score(x_val, y_val), 4))

# %% [markdown]
# ## The model
#
# *Which architecture, and why this one for this data? Write the forward pass and the training loop
# yourself.*


# %%
def make_model() -> torch.nn.Module:
    return torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))


def accuracy(model: torch.nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    with torch.no_grad():
        predicted = model(torch.from_numpy(x)).argmax(dim=1).numpy()
    return float((predicted == y).mean())


# %% [markdown]
# ## Training
#
# *Which loss, optimiser, learning rate and schedule, and how did you choose them? Show the learning
# curves.*


# %%
def train(seed: int) -> tuple[torch.nn.Module, list[float]]:
    seed_everything(seed)
    model = make_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    x, y = torch.from_numpy(x_train), torch.from_numpy(y_train)
    curve = []
    for _ in range(EPOCHS):
        for batch in torch.randperm(len(x), generator=generator).split(64):
            loss = torch.nn.functional.cross_entropy(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        curve.append(accuracy(model, x_val, y_val))
    return model, curve


models, curves = {}, {}
for seed in SEEDS:
    models[seed], curves[seed] = train(seed)
fig, axis = plt.subplots(figsize=(5, 3))
for seed, curve in curves.items():
    axis.plot(range(1, EPOCHS + 1), curve, label=f"seed {seed}")
axis.set_xlabel("epoch")
axis.set_ylabel("validation accuracy")
axis.legend()
fig.savefig("figures/learning_curves.png", bbox_inches="tight")

# %% [markdown]
# ## Evaluation and error analysis
#
# *How does the model do on the test set against the baseline, with what uncertainty? Look at the
# mistakes; what do they have in common?*

# %%
test_evaluations = 0
model_scores = [accuracy(models[seed], x_test, y_test) for seed in SEEDS]
baseline_scores = [float(baseline.score(x_test, y_test))] * len(
    SEEDS
)  # deterministic: the same for every seed
test_evaluations += 1
results = {
    "metric": "test_accuracy",
    "higher_is_better": True,
    "seeds": SEEDS,
    "model": model_scores,
    "baseline": baseline_scores,
    "baseline_name": "logistic regression on raw pixels",
    "summary": {
        who: {"mean": float(np.mean(scores)), "std": float(np.std(scores))}
        for who, scores in (("model", model_scores), ("baseline", baseline_scores))
    },
    "test_evaluations": test_evaluations,
}
Path("results.json").write_text(json.dumps(results, indent=2))
print(json.dumps(results["summary"], indent=2))

# %% [markdown]
# *Why is the next cell here?*

# %%
with torch.no_grad():
    predicted = models[SEEDS[0]](torch.from_numpy(x_val)).argmax(dim=1).numpy()
confusion = np.zeros((10, 10), dtype=int)
np.add.at(confusion, (y_val, predicted), 1)
np.fill_diagonal(confusion, 0)
pairs = sorted(
    ((int(confusion[t, p]), t, p) for t in range(10) for p in range(10) if confusion[t, p]), reverse=True
)
print("most frequent confusions (count, true, predicted):", pairs[:5])

# %% [markdown]
# ## Limits and next steps
#
# *Where does the model fail, who could its mistakes harm, and what would you try next?*

# %% [markdown]
# ## Reproduce
#
# *The command (or the cell) that reruns everything from the raw data, with the seeds and the time it
# takes.*

# %% [markdown]
# ## References
#
# *Link every paper, course, dataset and piece of code you used or learned from, each with a line on
# what you took from it.*
