"""Your values are right, but you folded the copies into the first slice *in place*
(`grad[:, :1] += grad[:, 1:].sum(...)`): when no leading axis had to be summed first, `grad` is
still the caller's array, so their upstream gradient is overwritten, and the result you return is
a view of it. Backpropagation passes the same upstream gradient to every input: it must come
through unchanged. Sum into a new array: `grad.sum(axis=..., keepdims=True)`."""

import numpy as np


def unbroadcast(grad, shape):
    shape = tuple(shape)
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            head = [slice(None)] * grad.ndim
            rest = [slice(None)] * grad.ndim
            head[axis], rest[axis] = slice(0, 1), slice(1, None)
            grad[tuple(head)] += grad[tuple(rest)].sum(axis=axis, keepdims=True)  # into the caller's array
            grad = grad[tuple(head)]
    return np.reshape(grad, shape)
