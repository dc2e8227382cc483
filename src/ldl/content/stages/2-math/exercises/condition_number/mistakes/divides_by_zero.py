"""For a singular matrix you divide by a zero singular value. numpy turns that into inf (or nan for
the zero matrix, 0/0) with a "divide by zero" warning: the answer is np.inf by definition, so test
for σ_min == 0 first and return `np.inf` without dividing."""

import numpy as np


def condition_number(A):
    singular_values = np.linalg.svd(A, compute_uv=False)
    return float(singular_values[0] / singular_values[-1])


def digits_lost(A):
    return float(np.log10(condition_number(A)))
