"""Reference solution for topo_sort."""

from __future__ import annotations

from value_ops import Value


def topological_order(root: Value) -> list[Value]:
    """Every Value that `root` depends on (root included), each once and after all its `_prev`."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)  # every input was appended before we came back here
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))  # come back after the inputs
            stack.extend((p, False) for p in node._prev if id(p) not in seen)
    return order


def backward(root: Value) -> None:
    """Set root.grad = 1.0, then call `_backward()` on each node of the order, last to first."""
    order = topological_order(root)
    root.grad = 1.0
    for node in reversed(order):
        node._backward()
