"""With `lo = None` (the learner wrote `slice(hi)`) you give every group `hi`. fastai reads
`slice(hi)` as "the head at hi, every other group at hi / 10": the pretrained layers still move
more gently than the head."""

import numpy as np


def discriminative_lrs(lo, hi, num_groups):
    if num_groups == 1:
        return np.array([float(hi)])
    if lo is None:
        return np.full(num_groups, float(hi))
    return np.geomspace(lo, hi, num_groups)
