"""A scalar `Value` with backward closures. See statement.md."""

from __future__ import annotations

import math


class Value:
    """A number that remembers its inputs (`_prev`) and how to send gradients back (`_backward`)."""

    def __init__(self, data: float, _prev: tuple[Value, ...] = ()):
        self.data = float(data)
        self.grad = 0.0
        self._prev = _prev
        self._backward = lambda: None  # a leaf has nothing to pass on

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other: Value | float) -> Value:
        """self + other; backward: both inputs get out.grad."""
        raise NotImplementedError

    def __mul__(self, other: Value | float) -> Value:
        """self * other; backward: self gets other.data * out.grad, other gets self.data * out.grad."""
        raise NotImplementedError

    def __pow__(self, exponent: float) -> Value:
        """self ** exponent for a plain number `exponent`; backward: exponent * self.data ** (exponent - 1)."""
        raise NotImplementedError

    def tanh(self) -> Value:
        """tanh(self); backward: (1 - tanh(self)**2) * out.grad."""
        raise NotImplementedError

    def relu(self) -> Value:
        """max(self, 0); backward: out.grad where self.data > 0, else 0."""
        raise NotImplementedError

    def __radd__(self, other: float) -> Value:
        """other + self, for a plain number on the left."""
        raise NotImplementedError

    def __rmul__(self, other: float) -> Value:
        """other * self, for a plain number on the left."""
        raise NotImplementedError

    # Composed from the operations above: no backward of their own. Nothing to do here.
    def __neg__(self) -> Value:
        return self * -1

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __rsub__(self, other: float) -> Value:
        return (-self) + other

    def __truediv__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1

    def __rtruediv__(self, other: float) -> Value:
        return Value(other) * self**-1

