"""Your variance uses E[X²] − E[X]², which cancels catastrophically when the mean is large compared
with the spread (both terms near 10¹⁶, their difference lost). Subtract the mean first:
Σ pᵢ (xᵢ − E[X])²."""


def mean_and_variance(values, probs):
    mean = float(probs @ values)
    return mean, float(probs @ values**2 - mean**2)
