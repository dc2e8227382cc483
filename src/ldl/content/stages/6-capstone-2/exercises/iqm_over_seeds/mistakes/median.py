"""You returned the median. It is robust too, but it keeps a single value (or two) and throws the
rest away; the IQM averages the whole middle half: sort, drop a quarter at each end, average."""

import numpy as np


def interquartile_mean(scores):
    return float(np.median(scores))
