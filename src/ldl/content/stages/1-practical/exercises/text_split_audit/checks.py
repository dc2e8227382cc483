"""Checks for text_split_audit: the statement's example; whitespace of every kind (tabs, newlines,
runs, both ends) and upper case normalised while punctuation stays; a validation sentence with
several training copies listed once, in increasing order, and no leak at all; a three-class
balance with a class that never occurs, and an empty array; the majority baseline from the
training labels (not the validation ones), a tie broken towards the smaller class, and an empty
validation set. The caller's lists and arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case

TRAIN = ["Great film!", "Awful service.", "the soup was cold"]
VALID = ["great  film!", "Loved it", "The soup was cold"]


def cases():
    rng = np.random.default_rng(7)
    skewed = rng.choice(3, size=200, p=[0.7, 0.3, 0.0])  # class 2 never occurs
    train = np.array([1, 1, 0, 1])
    valid = np.array([0, 1, 0, 0])
    return [
        Case("the statement's example", call="normalise", args=("  Great\tfilm! ",)),
        Case("newlines, runs and capitals", call="normalise", args=("NOT bad\n\n at  ALL, really.",)),
        Case("punctuation stays", call="normalise", args=("Great film... right?!",)),
        Case("punctuation is not whitespace", call="normalise", args=("great film!!",)),
        Case("the statement's leaks", call="leaked", args=(TRAIN, VALID)),
        Case(
            "copies in training, a leak at the end",
            call="leaked",
            args=(["ok", "OK ", "fine"], ["meh", "Fine", "good", "ok"]),
        ),
        Case("no leak", call="leaked", args=(TRAIN, ["something new", "great film?"])),
        Case("the statement's balance", call="class_balance", args=(train, 3)),
        Case("200 labels, a class that never occurs", call="class_balance", args=(skewed, 3)),
        Case("no labels", call="class_balance", args=(np.zeros(0, dtype=np.int64), 2)),
        Case("the statement's baseline", call="majority_baseline", args=(train, valid, 3)),
        Case(
            "the majority comes from training, not validation",
            call="majority_baseline",
            args=(skewed, np.array([1, 1, 1, 0, 1]), 3),
        ),
        Case(
            "a tie goes to the smaller class",
            call="majority_baseline",
            args=(np.array([2, 1, 2, 1]), valid, 3),
        ),
        Case("no validation labels", call="majority_baseline", args=(train, np.zeros(0, dtype=np.int64), 3)),
    ]
