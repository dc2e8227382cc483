"""Reference solution for text_split_audit."""

import numpy as np


def normalise(text):
    """Lower-cased, every run of whitespace one space, none at either end; punctuation kept."""
    return " ".join(text.lower().split())  # split() with no argument splits on any whitespace run


def leaked(train_texts, valid_texts):
    """Increasing positions of the validation texts whose normalised form is also in training."""
    seen = {normalise(text) for text in train_texts}  # a set: one lookup per validation sentence
    return [i for i, text in enumerate(valid_texts) if normalise(text) in seen]


def class_balance(labels, num_classes):
    """(num_classes,) float64: the fraction of `labels` in each class (all zeros when empty)."""
    counts = np.bincount(np.asarray(labels, dtype=np.int64), minlength=num_classes)  # (C,)
    return counts / counts.sum() if counts.sum() > 0 else np.zeros(num_classes)


def majority_baseline(train_labels, valid_labels, num_classes):
    """Validation accuracy of always predicting the most frequent training class (smallest on a tie)."""
    valid_labels = np.asarray(valid_labels)
    if len(valid_labels) == 0:
        return 0.0
    majority = int(np.argmax(np.bincount(np.asarray(train_labels, dtype=np.int64), minlength=num_classes)))
    return float(np.mean(valid_labels == majority))
