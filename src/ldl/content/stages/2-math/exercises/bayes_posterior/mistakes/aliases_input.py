"""Your numbers are right, but you normalised in place and returned the caller's own array
(`prior *= likelihood; prior /= prior.sum(); return prior`): their prior is overwritten, and the
"posterior" they hold is the very same array. Return a new one: `joint / joint.sum()` with
`joint = prior * likelihood`."""

import numpy as np


def posterior(prior, likelihood):
    prior *= likelihood
    prior /= prior.sum()
    return prior


def disease_test(prevalence, sensitivity, specificity):
    prior = np.array([prevalence, 1 - prevalence])
    return float(posterior(prior, np.array([sensitivity, 1 - specificity]))[0])
