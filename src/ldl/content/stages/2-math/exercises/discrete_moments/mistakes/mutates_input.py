"""Your moments are right, but `values -= mean` centres the caller's array in place: after your
call their values are shifted (and integer values cannot even hold the fractions). Make a new
array for the deviations: `probs @ (values - mean) ** 2`."""


def mean_and_variance(values, probs):
    mean = float(probs @ values)
    values -= mean
    return mean, float(probs @ values**2)
