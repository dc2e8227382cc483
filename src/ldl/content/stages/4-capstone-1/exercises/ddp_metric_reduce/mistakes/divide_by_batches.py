"""You divided the sums by the number of batches instead of the number of examples. The loss sum
and the correct count are totals over examples, so divide both by the total number of examples."""

import numpy as np


def reduce_metrics(per_rank):
    loss_sum = sum(float(np.dot(r["loss"], r["size"])) for r in per_rank)
    correct = sum(int(np.sum(r["correct"])) for r in per_rank)
    batches = sum(len(r["size"]) for r in per_rank)
    examples = sum(int(np.sum(r["size"])) for r in per_rank)
    return {"loss": loss_sum / batches, "accuracy": correct / batches, "examples": examples}
