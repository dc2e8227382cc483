"""You called scipy's softmax. It is correct, but this exercise is about *why* the max-shift
works, so it asks you to write the shift yourself with numpy: subtract the maximum along `axis`,
exponentiate, divide by the sum."""

from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax


def softmax(logits, axis=-1):
    return scipy_softmax(logits, axis=axis)


def log_softmax(logits, axis=-1):
    return scipy_log_softmax(logits, axis=axis)
