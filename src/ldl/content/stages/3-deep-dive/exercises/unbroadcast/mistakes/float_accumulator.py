"""Your result is always float64: summing into np.zeros(shape) (float64 by default) changes the type of
an integer or float32 gradient. Sum the gradient itself, grad.sum(axis=..., keepdims=...), which
keeps its dtype."""

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum `grad` (the broadcast output's shape) over the axes broadcasting added or stretched."""
    shape = tuple(shape)
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))  # leading axes that broadcasting added
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)  # size-1 axes that were copied along
    out = np.zeros(shape)
    out += grad.reshape(shape)
    return out
