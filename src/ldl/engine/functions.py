"""The primitive operations: the only places in the engine where a gradient is written by hand.

Each primitive is a `Function` with two small methods:

- `forward(*arrays, **options) -> array` computes the result with numpy and saves what the
  backward pass needs on `self`;
- `backward(grad) -> tuple` receives dL/d(output) and returns dL/d(input) for every input
  (`None` where an input needs no gradient), by the chain rule.

This file holds the base class and the primitives that compute: elementwise functions,
arithmetic, reductions and matrix products. The primitives that only move numbers around (reshape,
permute, expand, index, pad, concat, cast) are in `movement.py`; three fused ones are in `fused.py`.
Every other operation on a `Tensor` (softmax, layer norm, attention, ...) is composed from these
and never defines a gradient of its own. A few primitives are *fused* (`Linear`, `Conv2d`,
`MaxPool2d`, `CrossEntropy`): they could be composed too, but doing them in one step saves
memory traffic, which is what makes a numpy engine keep pace with PyTorch on one core.

Broadcasting: numpy stretches size-1 and missing leading dimensions in a binary op. Stretching
copies a value to many places, so its gradient is the *sum* over those places: `unbroadcast`
sums the incoming gradient back down to the input's shape.
"""

from __future__ import annotations

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum `grad` down to `shape`, undoing numpy broadcasting.

    Leading axes that broadcasting added are summed away, then axes where the input had size 1
    are summed with `keepdims`. Example: shape (3, 1) broadcast to (2, 3, 4) -> sum axis 0, then
    axis 2 (kept).
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad


class Function:
    """One node of the computation graph: remembers its inputs (`parents`) for the backward pass."""

    def __init__(self, *parents):
        self.parents = parents
        self.needs_grad = [p.requires_grad for p in parents]

    def forward(self, *arrays, **options):
        raise NotImplementedError

    def backward(self, grad):
        raise NotImplementedError

    @classmethod
    def apply(cls, *parents, **options):
        """Run `forward` on the parents' data and wire the result into the graph."""
        from ldl.engine.tensor import Tensor, is_grad_enabled  # tensor.py imports this module

        fn = cls(*parents)
        data = fn.forward(*(p.data for p in parents), **options)
        requires_grad = is_grad_enabled() and any(fn.needs_grad)
        return Tensor._from_function(data, fn if requires_grad else None)


# ----------------------------------------------------------------------------- elementwise, unary


class Exp(Function):
    """y = e^x;  dy/dx = e^x = y."""

    def forward(self, x):
        self.out = np.exp(x)
        return self.out

    def backward(self, grad):
        return (grad * self.out,)


class Log(Function):
    """y = ln x;  dy/dx = 1/x."""

    def forward(self, x):
        self.x = x
        return np.log(x)

    def backward(self, grad):
        return (grad / self.x,)


class Relu(Function):
    """y = max(x, 0);  dy/dx = 1 where x > 0, else 0 (we keep a boolean mask, not x)."""

    def forward(self, x):
        self.mask = x > 0
        return np.maximum(x, 0, dtype=x.dtype)

    def backward(self, grad):
        return (grad * self.mask,)


class Sigmoid(Function):
    """y = 1 / (1 + e^-x);  dy/dx = y (1 - y)."""

    def forward(self, x):
        # tanh form: never overflows, unlike 1 / (1 + exp(-x)) for very negative x
        self.out = 0.5 * (np.tanh(0.5 * x) + 1)
        return self.out

    def backward(self, grad):
        return (grad * self.out * (1 - self.out),)


class Tanh(Function):
    """y = tanh x;  dy/dx = 1 - y^2."""

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad):
        return (grad * (1 - self.out * self.out),)


def _power(x: np.ndarray, p: float) -> np.ndarray:
    """x^p, with the common exponents done by multiplication or sqrt (general pow is ~10x slower)."""
    if p == 1:
        return x
    if p == 2:
        return x * x
    if p == 3:
        return x * x * x
    if p == 0.5:
        return np.sqrt(x)
    if p == -0.5:
        return 1 / np.sqrt(x)
    return x**p


class Pow(Function):
    """y = x^p for a constant p;  dy/dx = p x^(p-1)."""

    def forward(self, x, exponent: float):
        self.x, self.exponent = x, exponent
        return _power(x, exponent)

    def backward(self, grad):
        p = self.exponent
        return (grad * p * _power(self.x, p - 1),)


# ---------------------------------------------------------------------------- elementwise, binary


class Add(Function):
    """z = x + y;  dz/dx = dz/dy = 1 (summed over broadcast axes)."""

    def forward(self, x, y):
        self.shapes = x.shape, y.shape
        return x + y

    def backward(self, grad):
        sx, sy = self.shapes
        return (
            unbroadcast(grad, sx) if self.needs_grad[0] else None,
            unbroadcast(grad, sy) if self.needs_grad[1] else None,
        )


class Sub(Function):
    """z = x - y;  dz/dx = 1, dz/dy = -1."""

    def forward(self, x, y):
        self.shapes = x.shape, y.shape
        return x - y

    def backward(self, grad):
        sx, sy = self.shapes
        return (
            unbroadcast(grad, sx) if self.needs_grad[0] else None,
            unbroadcast(-grad, sy) if self.needs_grad[1] else None,
        )


class Mul(Function):
    """z = x * y;  dz/dx = y, dz/dy = x."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, grad):
        return (
            unbroadcast(grad * self.y, self.x.shape) if self.needs_grad[0] else None,
            unbroadcast(grad * self.x, self.y.shape) if self.needs_grad[1] else None,
        )


class Div(Function):
    """z = x / y;  dz/dx = 1/y, dz/dy = -x/y^2."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, grad):
        return (
            unbroadcast(grad / self.y, self.x.shape) if self.needs_grad[0] else None,
            unbroadcast(-grad * self.x / (self.y * self.y), self.y.shape) if self.needs_grad[1] else None,
        )


class Maximum(Function):
    """z = max(x, y) elementwise; the gradient goes to the larger input (split evenly on ties)."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return np.maximum(x, y)

    def backward(self, grad):
        share_x = (self.x > self.y) + 0.5 * (self.x == self.y)  # 1, 0.5 or 0
        return (
            unbroadcast(grad * share_x, self.x.shape) if self.needs_grad[0] else None,
            unbroadcast(grad * (1 - share_x), self.y.shape) if self.needs_grad[1] else None,
        )


# ------------------------------------------------------------------------------------ reductions


def _expand_reduced(grad, shape, axis, keepdims):
    """Give a reduced gradient back its size-1 axes so it broadcasts against the input."""
    if axis is None:
        return np.reshape(grad, (1,) * len(shape))
    if not keepdims:
        grad = np.expand_dims(grad, axis)
    return grad


class Sum(Function):
    """y = sum of x over `axis`;  dy/dx = 1 for every summed element (the gradient is copied)."""

    def forward(self, x, axis=None, keepdims=False):
        self.shape, self.axis, self.keepdims = x.shape, axis, keepdims
        return np.sum(x, axis=axis, keepdims=keepdims)

    def backward(self, grad):
        grad = _expand_reduced(grad, self.shape, self.axis, self.keepdims)
        return (np.broadcast_to(grad, self.shape),)


class Max(Function):
    """y = max of x over `axis`; the gradient goes to the maximum (split evenly on ties)."""

    def forward(self, x, axis=None, keepdims=False):
        self.x, self.axis, self.keepdims = x, axis, keepdims
        self.out = np.max(x, axis=axis, keepdims=True)
        return self.out if keepdims else np.squeeze(self.out, axis=axis)

    def backward(self, grad):
        grad = _expand_reduced(grad, self.x.shape, self.axis, self.keepdims)
        winners = self.x == self.out
        return (grad * winners / winners.sum(axis=self.axis, keepdims=True),)


# ----------------------------------------------------------------------------------- linear maps


class MatMul(Function):
    """Z = X @ Y (batched, broadcasting leading axes);  dX = G @ Y^T,  dY = X^T @ G."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return x @ y

    def backward(self, grad):
        x, y = self.x, self.y
        return (
            unbroadcast(grad @ np.swapaxes(y, -1, -2), x.shape) if self.needs_grad[0] else None,
            unbroadcast(np.swapaxes(x, -1, -2) @ grad, y.shape) if self.needs_grad[1] else None,
        )


class Linear(Function):
    """Y = X W^T + b, fused. X (..., in), W (out, in), b (out,) -> Y (..., out).

    dX = G W,   dW = G^T X (over all leading axes),   db = sum of G over all leading axes.
    """

    def forward(self, x, weight, bias=None):
        self.x, self.weight = x, weight
        out = x @ weight.T  # BLAS reads the transpose in place: no copy
        if bias is not None:
            out += bias
        return out

    def backward(self, grad):
        x, weight = self.x, self.weight
        grad2d = grad.reshape(-1, grad.shape[-1])  # (N, out), N = all leading axes
        grads = [
            grad @ weight if self.needs_grad[0] else None,
            grad2d.T @ x.reshape(-1, x.shape[-1]) if self.needs_grad[1] else None,  # (out, in)
        ]
        if len(self.needs_grad) == 3:
            grads.append(grad2d.sum(axis=0) if self.needs_grad[2] else None)
        return tuple(grads)
