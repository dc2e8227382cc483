"""Movement primitives: they move, copy or relabel numbers and never do arithmetic on them.

Reshaping, permuting axes, broadcasting, indexing, padding, joining and changing dtype are each a
`Function` (see `functions.py`) whose backward pass moves the gradient back the way the numbers
came: reshape it back, permute it by the inverse order, sum it over broadcast copies, scatter it
to the positions that were read, crop the padding, split it between the joined inputs, cast it
back.
"""

from __future__ import annotations

import numpy as np

from ldl.engine.functions import Function, unbroadcast


class Reshape(Function):
    """Same numbers, new shape; the gradient is reshaped back."""

    def forward(self, x, shape):
        self.shape = x.shape
        return np.reshape(x, shape)

    def backward(self, grad):
        return (np.reshape(grad, self.shape),)


class Permute(Function):
    """Reorder axes (a transpose); the gradient is permuted by the inverse order."""

    def forward(self, x, order):
        self.order = order
        return np.transpose(x, order)

    def backward(self, grad):
        return (np.transpose(grad, np.argsort(self.order)),)


class Expand(Function):
    """Broadcast x to a bigger shape (a view, no copy); the gradient is summed back."""

    def forward(self, x, shape):
        self.shape = x.shape
        return np.broadcast_to(x, shape)

    def backward(self, grad):
        return (unbroadcast(grad, self.shape),)


class Index(Function):
    """y = x[index] for any numpy index (slices, integer arrays, masks).

    The gradient scatters back: positions read twice (repeated integer indices, as in an
    embedding lookup) receive the sum, hence `np.add.at` rather than plain assignment.
    """

    def forward(self, x, index):
        self.shape, self.dtype, self.index = x.shape, x.dtype, index
        return x[index]

    def backward(self, grad):
        out = np.zeros(self.shape, dtype=self.dtype)
        if _is_basic(self.index):  # slices and single integers never repeat a position
            out[self.index] = grad
        else:
            np.add.at(out, self.index, grad)
        return (out,)


def _is_basic(index) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return all(isinstance(i, (int, slice, type(Ellipsis), type(None))) for i in parts)


class Pad(Function):
    """Zero-pad x; `widths` is numpy's ((before, after), ...) per axis. The gradient is cropped."""

    def forward(self, x, widths):
        self.crop = tuple(slice(lo, lo + n) for (lo, _), n in zip(widths, x.shape, strict=True))
        return np.pad(x, widths)

    def backward(self, grad):
        return (grad[self.crop],)


class Concat(Function):
    """Join tensors along `axis`; each input gets back its own slice of the gradient."""

    def forward(self, *xs, axis=0):
        self.axis = axis
        self.splits = np.cumsum([x.shape[axis] for x in xs])[:-1]
        return np.concatenate(xs, axis=axis)

    def backward(self, grad):
        return tuple(np.split(grad, self.splits, axis=self.axis))


class Cast(Function):
    """Change the float dtype; the gradient is cast back."""

    def forward(self, x, dtype):
        self.dtype = x.dtype
        return x.astype(dtype)

    def backward(self, grad):
        return (grad.astype(self.dtype),)
