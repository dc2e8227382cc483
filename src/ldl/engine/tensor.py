"""`Tensor`: an n-dimensional array (numpy underneath) that remembers how it was made.

Every operation on tensors that require gradients records a `Function` node (`functions.py`,
`movement.py`, `fused.py`). `loss.backward()` then walks that graph from the loss back to the
inputs, in reverse topological order, and applies the chain rule at each node:

    dL/d(input) = backward_of_node(dL/d(output))

summing the contributions when a tensor feeds several nodes (`b = a + a` gives a.grad = 2).

The methods below the autograd section are all *composed* from primitives: none of them has a
gradient of its own. `softmax` is `exp`, `sum` and `/`; `mean` is `sum` and `/`; and so on.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence

import numpy as np

from ldl.engine import functions as F
from ldl.engine import movement

_grad_enabled = True


def is_grad_enabled() -> bool:
    """False inside `with no_grad():`, where operations build no graph (inference, updates)."""
    return _grad_enabled


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Turn off graph building inside the block, like `torch.no_grad()`."""
    global _grad_enabled
    previous, _grad_enabled = _grad_enabled, False
    try:
        yield
    finally:
        _grad_enabled = previous


def _as_array(data, dtype) -> np.ndarray:
    """numpy arrays keep their dtype; Python numbers and lists become float32 (PyTorch's default)."""
    if isinstance(data, Tensor):
        data = data.data
    if dtype is not None:
        return np.asarray(data, dtype=dtype)
    array = np.asarray(data)
    if not isinstance(data, np.ndarray) and array.dtype.kind == "f":
        return array.astype(np.float32)
    return array


class Tensor:
    """An array with an optional gradient. `data` is the numpy array; `grad` gets dL/d(data)."""

    __array_priority__ = 100  # so `ndarray + Tensor` calls Tensor.__radd__

    def __init__(self, data, requires_grad: bool = False, dtype=None):
        self.data: np.ndarray = _as_array(data, dtype)
        if requires_grad and self.data.dtype.kind != "f":
            raise TypeError(f"only float tensors can require gradients, not {self.data.dtype}")
        self.requires_grad = requires_grad
        self.grad: np.ndarray | None = None
        self._ctx: F.Function | None = None  # the Function that produced this tensor, if any

    @classmethod
    def _from_function(cls, data: np.ndarray, ctx: F.Function | None) -> Tensor:
        out = cls.__new__(cls)
        out.data, out.grad, out._ctx = data, None, ctx
        out.requires_grad = ctx is not None
        return out

    # ------------------------------------------------------------------------------- autograd

    def backward(self, grad: np.ndarray | None = None) -> None:
        """Fill `.grad` of every tensor this one depends on that requires a gradient."""
        if not self.requires_grad:
            raise RuntimeError("backward() on a tensor that does not require grad")
        if grad is None:
            if self.data.size != 1:
                raise RuntimeError("backward() without an argument needs a single-number tensor")
            grad = np.ones_like(self.data)
        pending = {id(self): np.asarray(grad, dtype=self.data.dtype)}  # gradients not yet passed on
        owned = set()  # keys whose pending array we allocated, so adding to it in place is safe
        for node in reversed(topological_order(self)):
            node_grad = pending.pop(id(node), None)
            if node_grad is None:
                continue
            node.grad = node_grad if node.grad is None else node.grad + node_grad
            if node._ctx is None:
                continue
            parents = node._ctx.parents
            for parent, parent_grad in zip(parents, node._ctx.backward(node_grad), strict=True):
                if parent_grad is None or not parent.requires_grad:
                    continue
                key = id(parent)
                if key not in pending:  # first use: keep the array as it is (it may be shared)
                    pending[key] = parent_grad
                elif key in owned:  # third and later uses: accumulate in place
                    pending[key] += parent_grad
                else:  # second use: one new array, which later uses add into
                    pending[key] = pending[key] + parent_grad
                    owned.add(key)

    def detach(self) -> Tensor:
        """The same numbers, cut off from the graph."""
        return Tensor(self.data)

    # ----------------------------------------------------------------------------- properties

    shape = property(lambda self: self.data.shape)
    ndim = property(lambda self: self.data.ndim)
    dtype = property(lambda self: self.data.dtype)
    size = property(lambda self: self.data.size)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        grad = ", requires_grad=True" if self.requires_grad else ""
        return f"Tensor({np.array2string(self.data, precision=4, threshold=20)}{grad})"

    def numpy(self) -> np.ndarray:
        return self.data

    def item(self) -> float:
        return self.data.item()

    # ---------------------------------------------------------------------- primitive wrappers

    def _lift(self, other) -> Tensor:
        """Python numbers and arrays become constant tensors of our dtype."""
        return other if isinstance(other, Tensor) else Tensor(np.asarray(other, dtype=self.data.dtype))

    def __add__(self, other):
        return F.Add.apply(self, self._lift(other))

    def __radd__(self, other):
        return F.Add.apply(self._lift(other), self)

    def __sub__(self, other):
        return F.Sub.apply(self, self._lift(other))

    def __rsub__(self, other):
        return F.Sub.apply(self._lift(other), self)

    def __mul__(self, other):
        return F.Mul.apply(self, self._lift(other))

    def __rmul__(self, other):
        return F.Mul.apply(self._lift(other), self)

    def __truediv__(self, other):
        return F.Div.apply(self, self._lift(other))

    def __rtruediv__(self, other):
        return F.Div.apply(self._lift(other), self)

    def __pow__(self, exponent: float):
        return F.Pow.apply(self, exponent=exponent)

    def __neg__(self):
        return self * -1.0

    def __matmul__(self, other):
        return self.matmul(other)

    def exp(self):
        return F.Exp.apply(self)

    def log(self):
        return F.Log.apply(self)

    def relu(self):
        return F.Relu.apply(self)

    def sigmoid(self):
        return F.Sigmoid.apply(self)

    def tanh(self):
        return F.Tanh.apply(self)

    def maximum(self, other):
        return F.Maximum.apply(self, self._lift(other))

    def sum(self, axis=None, keepdims: bool = False):
        return F.Sum.apply(self, axis=axis, keepdims=keepdims)

    def max(self, axis=None, keepdims: bool = False):
        return F.Max.apply(self, axis=axis, keepdims=keepdims)

    def reshape(self, *shape):
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        return movement.Reshape.apply(self, shape=tuple(shape))

    def permute(self, *order):
        order = order[0] if len(order) == 1 and isinstance(order[0], (tuple, list)) else order
        return movement.Permute.apply(self, order=tuple(order))

    def expand(self, *shape):
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        return movement.Expand.apply(self, shape=tuple(shape))

    def __getitem__(self, index):
        if isinstance(index, Tensor):
            index = index.data
        elif isinstance(index, tuple):
            index = tuple(i.data if isinstance(i, Tensor) else i for i in index)
        return movement.Index.apply(self, index=index)

    def pad(self, widths: Sequence[tuple[int, int]]):
        return movement.Pad.apply(self, widths=tuple(widths))

    def cast(self, dtype):
        return self if self.data.dtype == dtype else movement.Cast.apply(self, dtype=np.dtype(dtype))

    def float(self):
        return self.cast(np.float32)

    def double(self):
        return self.cast(np.float64)

    def matmul(self, other):
        other = self._lift(other)
        if self.ndim == 1:  # (K,) @ (..., K, M): treat as (1, K), then drop that axis
            return (self.reshape(1, -1) @ other).reshape(*other.shape[:-2], other.shape[-1])
        if other.ndim == 1:  # (..., N, K) @ (K,): treat as (K, 1), then drop it
            return (self @ other.reshape(-1, 1)).reshape(self.shape[:-1])
        return F.MatMul.apply(self, other)

    # --------------------------------------------------------------------------------- composed

    def __rpow__(self, base: float):
        return (self * math.log(base)).exp()  # b^x = e^(x ln b)

    def sqrt(self):
        return self**0.5

    def minimum(self, other):
        return -((-self).maximum(-self._lift(other)))

    def clamp(self, low=None, high=None):
        out = self if low is None else self.maximum(low)
        return out if high is None else out.minimum(high)

    def abs(self):
        return self.relu() + (-self).relu()

    def mean(self, axis=None, keepdims: bool = False):
        return self.sum(axis, keepdims) / _count(self.shape, axis)

    def var(self, axis=None, keepdims: bool = False, unbiased: bool = False):
        """Mean squared distance from the mean (divide by n-1 with `unbiased`)."""
        centred = self - self.mean(axis, keepdims=True)
        count = _count(self.shape, axis)
        return (centred * centred).sum(axis, keepdims) / (count - 1 if unbiased else count)

    def softmax(self, axis: int = -1):
        """softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m), with m = max x (the shift cancels)."""
        exps = (self - self.max(axis, keepdims=True).detach()).exp()
        return exps / exps.sum(axis, keepdims=True)

    def log_softmax(self, axis: int = -1):
        """log softmax(x)_i = (x_i - m) - log sum_j e^(x_j - m)."""
        shifted = self - self.max(axis, keepdims=True).detach()
        return shifted - shifted.exp().sum(axis, keepdims=True).log()

    def transpose(self, axis0: int = -2, axis1: int = -1):
        order = list(range(self.ndim))
        order[axis0], order[axis1] = order[axis1], order[axis0]
        return self.permute(order)

    @property
    def T(self):
        return self.permute(tuple(reversed(range(self.ndim))))

    def flatten(self, start_axis: int = 0):
        return self.reshape(*self.shape[:start_axis], -1)

    def unsqueeze(self, axis: int):
        shape = list(self.shape)
        shape.insert(axis if axis >= 0 else self.ndim + 1 + axis, 1)
        return self.reshape(shape)

    def squeeze(self, axis: int):
        shape = list(self.shape)
        del shape[axis]
        return self.reshape(shape)

    def chunk(self, count: int, axis: int = -1) -> list[Tensor]:
        """Split into `count` equal pieces along `axis` (e.g. an LSTM's four gates)."""
        step = self.shape[axis] // count
        axis = axis % self.ndim
        lead = (slice(None),) * axis
        return [self[(*lead, slice(i * step, (i + 1) * step))] for i in range(count)]

    def argmax(self, axis=None) -> np.ndarray:
        """Indices of the largest entries (plain numpy: an index has no gradient)."""
        return self.data.argmax(axis=axis)


def _count(shape: tuple[int, ...], axis) -> int:
    """How many numbers a reduction over `axis` (None, an int or a tuple) combines into one."""
    if axis is None:
        return math.prod(shape)
    axes = (axis,) if isinstance(axis, int) else axis
    return math.prod(shape[a] for a in axes)


def cat(tensors: Sequence[Tensor], axis: int = 0) -> Tensor:
    """Join tensors along an existing axis."""
    return movement.Concat.apply(*tensors, axis=axis)


def stack(tensors: Sequence[Tensor], axis: int = 0) -> Tensor:
    """Join tensors along a new axis: (T tensors of shape (B, H)) -> (B, T, H) for axis=1."""
    return cat([t.unsqueeze(axis) for t in tensors], axis=axis)


def topological_order(root: Tensor) -> list[Tensor]:
    """Every tensor `root` depends on (that requires a gradient), each after all of its inputs.

    A depth-first search with an explicit stack instead of recursion, so a graph 100,000 nodes
    deep is no problem. Each node is pushed twice: first to expand its parents, then (marked
    `done`) to be emitted once all of them have been.
    """
    order, seen = [], set()
    stack: list[tuple[Tensor, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        if node._ctx is not None:
            stack.extend((p, False) for p in node._ctx.parents if p.requires_grad and id(p) not in seen)
    return order
