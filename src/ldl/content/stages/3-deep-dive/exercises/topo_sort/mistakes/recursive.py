"""Your order is built by recursion, one Python call per node, so a chain of 10,000 operations goes
past Python's recursion limit (about 1,000 frames) and raises RecursionError. Keep your own stack
instead: push (node, False) to visit it, and (node, True) to append it once all its inputs are done."""

from __future__ import annotations

from value_ops import Value


def topological_order(root: Value) -> list[Value]:
    """Every Value that `root` depends on (root included), each once and after all its `_prev`."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for p in node._prev:
                visit(p)
            order.append(node)

    visit(root)
    return order


def backward(root: Value) -> None:
    """Set root.grad = 1.0, then call `_backward()` on each node of the order, last to first."""
    order = topological_order(root)
    root.grad = 1.0
    for node in reversed(order):
        node._backward()
