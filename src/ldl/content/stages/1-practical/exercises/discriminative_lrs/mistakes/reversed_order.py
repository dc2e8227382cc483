"""Your rates run the wrong way: the first group (the embeddings, closest to the input) gets the
highest rate and the new head the lowest. The pretrained layers near the input hold the most
general knowledge and should move least; the random head must move most. Start at `lo`, end at
`hi`."""

import numpy as np


def discriminative_lrs(lo, hi, num_groups):
    if num_groups == 1:
        return np.array([float(hi)])
    if lo is None:
        return np.array([hi] + [hi / 10] * (num_groups - 1), dtype=float)
    return np.geomspace(hi, lo, num_groups)
