"""You multiplied prior by likelihood but did not divide by P(E) = Σ prior · likelihood, so your
"probabilities" don't sum to 1. Normalise the products."""

import numpy as np


def posterior(prior, likelihood):
    return prior * likelihood


def disease_test(prevalence, sensitivity, specificity):
    return float(
        posterior(np.array([prevalence, 1 - prevalence]), np.array([sensitivity, 1 - specificity]))[0]
    )
