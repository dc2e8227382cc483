"""Reference solution for ddp_metric_reduce."""

import numpy as np


def reduce_metrics(per_rank):
    """The all-reduce of [loss sum, correct, examples] over processes, divided once at the end."""
    totals = np.zeros(3)  # what all_reduce(SUM) would leave on every process
    for rank in per_rank:
        size = np.asarray(rank["size"], dtype=float)  # (b,)
        local = [np.dot(np.asarray(rank["loss"], dtype=float), size), np.sum(rank["correct"]), size.sum()]
        totals += np.array(local, dtype=float)
    return {
        "loss": float(totals[0] / totals[2]),
        "accuracy": float(totals[1] / totals[2]),
        "examples": int(totals[2]),
    }
