# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: structuring_a_project
#     title: "Structuring an ML project: baselines, splits, leakage, error analysis, ablations"
#     unit: capstone-1.build
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     tour: false
#     fast_timeout: 240
# ---

# %% [markdown]
# # Structuring an ML project: baselines, splits, leakage, error analysis, ablations
#
# Most wrong conclusions in machine learning projects do not come from a bad model; they come from
# a number that measured something other than what it claimed. This lab produces four such numbers
# on purpose, on small data where each runs in seconds, and then the honest version of each:
# a model with no baseline, a split that leaks through a shared patient, a feature selection that
# peeks at the test labels, and an "improvement" inside the noise of the seeds. It ends with error
# analysis, the step that tells you what to try next. Everything here uses numpy and scikit-learn;
# the habits carry over to any framework.
#
# **Accompanies:** Google's [Rules of Machine Learning](https://developers.google.com/machine-learning/guides/rules-of-ml);
# Kaufman et al., [Leakage in Data Mining](https://dl.acm.org/doi/10.1145/2382577.2382579) (2012);
# Kapoor and Narayanan, [Leakage and the Reproducibility Crisis in ML-based
# Science](https://arxiv.org/abs/2207.07048) (2023); Karpathy,
# [A Recipe for Training Neural Networks](https://karpathy.github.io/2019/04/25/recipe/).

# %%
import numpy as np
from sklearn.datasets import load_digits
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupShuffleSplit, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ldl.notebooks.lab import FAST, report

rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. A baseline before the model
#
# A score means something only next to what the simplest approach gets. The majority class is the
# floor (a model below it is broken), and a linear model on raw features is the bar a neural network
# has to clear to be worth its cost. On the 8x8 digits, the linear model is already strong:
# anything you build must be compared with it, not with chance.

# %%
digits = load_digits()
x_digits = digits.data / 16.0  # (1797, 64)
x_train, x_test, y_train, y_test = train_test_split(
    x_digits, digits.target, test_size=0.25, stratify=digits.target, random_state=0
)
majority = DummyClassifier(strategy="most_frequent").fit(x_train, y_train).score(x_test, y_test)
linear = LogisticRegression(max_iter=2000).fit(x_train, y_train).score(x_test, y_test)
print(f"majority class {majority:.3f}   logistic regression {linear:.3f}")

# %% [markdown]
# ## 2. A split that leaks through a shared patient
#
# Imagine 60 patients, 20 scans each, and a diagnosis per patient. Each patient's scans share a
# signature (the scanner, the anatomy) that has nothing to do with the disease, and the disease
# leaves only a weak trace. Split the *scans* at random and a nearest-neighbour model finds, for
# each test scan, another scan of the same patient in the training set, and copies its label. Split
# the *patients* and that shortcut disappears: what is left is what the model learned about the disease.

# %%
patients, scans, features = 60, 20, 10
diagnosis = rng.integers(0, 2, size=patients)  # (60,) one label per patient
signature = rng.normal(0, 3.0, size=(patients, features))  # (60, 10) who the patient is
group = np.repeat(np.arange(patients), scans)  # (1200,)
x_scans = signature[group] + rng.normal(0, 1.0, size=(len(group), features))  # (1200, 10)
x_scans[:, 0] += 0.6 * diagnosis[group]  # the disease's weak trace, in one feature
y_scans = diagnosis[group]

knn = KNeighborsClassifier(n_neighbors=1)
rows_train, rows_test = train_test_split(np.arange(len(group)), test_size=0.25, random_state=0)
row_split = knn.fit(x_scans[rows_train], y_scans[rows_train]).score(x_scans[rows_test], y_scans[rows_test])
splitter = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
groups_train, groups_test = next(splitter.split(x_scans, y_scans, groups=group))
group_split = knn.fit(x_scans[groups_train], y_scans[groups_train]).score(
    x_scans[groups_test], y_scans[groups_test]
)
print(f"random split of scans: {row_split:.3f}   split by patient: {group_split:.3f}")

# %% [markdown]
# The first number is nearly perfect and means nothing for a new patient. The graded exercise
# `leakage_free_split` writes the split that also respects time, for data where the future must
# not teach the past.
#
# ## 3. Feature selection that peeks at the labels
#
# A subtler leak: choosing features with all the data, then cross-validating. Here the features
# are pure noise, so no honest method can beat a coin. Pick the 20 features most correlated with
# the labels on the whole dataset, and cross-validation of the result reports far better than a coin. Put the
# selection *inside* each fold (fit it on the training part only) and the truth comes back.

# %%
samples, noise_features = (100, 2000) if FAST else (200, 5000)
x_noise = rng.normal(size=(samples, noise_features))
y_noise = rng.integers(0, 2, size=samples)


def top_correlated(x, y, k=20):
    centred = (x - x.mean(0)) / x.std(0)
    return np.argsort(-np.abs(centred.T @ (y - y.mean())))[:k]


chosen = top_correlated(x_noise, y_noise)  # chosen with every label, test folds included
model = make_pipeline(StandardScaler(), LogisticRegression())
leaky = cross_val_score(model, x_noise[:, chosen], y_noise, cv=5).mean()
honest_scores = []
folds = np.array_split(rng.permutation(samples), 5)
for k, test_rows in enumerate(folds):
    train_rows = np.concatenate([f for j, f in enumerate(folds) if j != k])
    chosen_here = top_correlated(x_noise[train_rows], y_noise[train_rows])  # the training part only
    model.fit(x_noise[train_rows][:, chosen_here], y_noise[train_rows])
    honest_scores.append(model.score(x_noise[test_rows][:, chosen_here], y_noise[test_rows]))
honest = float(np.mean(honest_scores))
print(f"selection on all data: {leaky:.3f}   selection inside each fold: {honest:.3f}   (chance 0.5)")

# %% [markdown]
# ## 4. An ablation inside the noise
#
# An ablation removes one component and measures the difference. Here we ask whether scaling the
# features helps a small MLP (scikit-learn's, to keep it quick), trained with five seeds per arm. The question is not "which
# number is bigger" but "is the difference larger than the spread between seeds"; with one seed
# per arm you cannot tell. (The exercise `bootstrap_ci` turns the spread into an interval.)

# %%
import warnings  # noqa: E402

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402  (used from here on)

warnings.filterwarnings("ignore", category=ConvergenceWarning)  # short runs on purpose in fast mode

seeds = range(3 if FAST else 5)
iterations = 60 if FAST else 200
arms = {}
for name, steps in (("scaled", [StandardScaler()]), ("raw", [])):
    arms[name] = [
        make_pipeline(*steps, MLPClassifier((32,), max_iter=iterations, random_state=s))
        .fit(x_train, y_train)
        .score(x_test, y_test)
        for s in seeds
    ]
for name, scores in arms.items():
    print(f"{name:6s} mean {np.mean(scores):.4f}  std {np.std(scores):.4f}  {np.round(scores, 3)}")
difference = np.mean(arms["scaled"]) - np.mean(arms["raw"])
spread = max(np.std(arms["scaled"]), np.std(arms["raw"]))
print(f"difference {difference:+.4f} against a seed spread of {spread:.4f}")

# %% [markdown]
# ## 5. Error analysis: what do the mistakes have in common?
#
# A single accuracy hides which errors the model makes. Counting the (true, predicted) pairs of the
# linear model's mistakes shows they concentrate on a few look-alike digits; the next experiment
# should target those (more data of those classes, a model that sees strokes), not the average.

# %%
predicted = LogisticRegression(max_iter=2000).fit(x_train, y_train).predict(x_test)
confusion = np.zeros((10, 10), dtype=int)
np.add.at(confusion, (y_test, predicted), 1)
np.fill_diagonal(confusion, 0)
pairs = sorted(
    ((int(confusion[t, p]), t, p) for t in range(10) for p in range(10) if confusion[t, p]), reverse=True
)
share = sum(count for count, _, _ in pairs[:5]) / max(1, confusion.sum())
print("top confusions (count, true, predicted):", pairs[:5], f"  {share:.0%} of all errors")

# %%
report(
    row_split_accuracy=row_split,
    group_split_accuracy=group_split,
    leaky_selection_accuracy=leaky,
    honest_selection_accuracy=honest,
    linear_baseline=linear,
    expect={
        "row_split_accuracy": (">", group_split + 0.15),  # the leak inflates the score by a lot
        "group_split_accuracy": ("<", 0.85),
        "leaky_selection_accuracy": (">", 0.6),  # on pure noise
        "honest_selection_accuracy": ("<", 0.62),
        "linear_baseline": (">", majority + 0.5),
    },
)

# %% [markdown]
# ## What to reproduce in your capstone
#
# - Report the majority class and a linear model beside every model.
# - Split by the unit you will meet in use (the patient, the user, the week), and by time when
#   time matters; fit every preprocessing step on the training part only.
# - Run each arm of an ablation with several seeds and compare the difference with the spread.
# - Look at the mistakes before choosing the next experiment.
