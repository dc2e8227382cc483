"""Your posterior is right, but `joint = prior; joint *= likelihood` multiplies the caller's prior
in place: `=` does not copy, so after your call their prior holds the joint probabilities. Make a
new array: `joint = prior * likelihood`."""

import numpy as np


def posterior(prior, likelihood):
    joint = prior
    joint *= likelihood
    return joint / joint.sum()


def disease_test(prevalence, sensitivity, specificity):
    prior = np.array([prevalence, 1 - prevalence])
    return float(posterior(prior, np.array([sensitivity, 1 - specificity]))[0])
