"""You call the closures in forward order (inputs first). A node must pass its gradient on only
after it has received all of it, so walk the topological order from the root backwards:
`for node in reversed(order)`."""

from __future__ import annotations


def topological_order(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node._prev if id(p) not in seen)
    return order


def backward(root):
    order = topological_order(root)
    root.grad = 1.0
    for node in order:
        node._backward()
