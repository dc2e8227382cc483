"""You returned the plain mean of all scores. One diverged seed then drags the result anywhere;
the IQM drops the lowest and highest quarter first."""

import numpy as np


def interquartile_mean(scores):
    return float(np.mean(scores))
