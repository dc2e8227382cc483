"""Your disease_test uses the specificity where the false-positive rate belongs. A healthy person
tests positive with probability 1 − specificity (specificity is the chance of a *negative* test
when healthy), so the likelihoods of a positive test are (sensitivity, 1 − specificity)."""

import numpy as np


def posterior(prior, likelihood):
    joint = prior * likelihood
    return joint / joint.sum()


def disease_test(prevalence, sensitivity, specificity):
    prior = np.array([prevalence, 1 - prevalence])
    return float(posterior(prior, np.array([sensitivity, specificity]))[0])
