"""Topological order of a Value graph, and backward(). See statement.md."""

from __future__ import annotations

from value_ops import Value  # your previous exercise


def topological_order(root: Value) -> list[Value]:
    """Every Value that `root` depends on (root included), each once and after all its `_prev`.

    Iterative (an explicit stack, no recursion), so a chain of 10,000 operations works.
    """
    raise NotImplementedError


def backward(root: Value) -> None:
    """Set root.grad = 1.0, then call `_backward()` on each node of the order, last to first."""
    raise NotImplementedError
