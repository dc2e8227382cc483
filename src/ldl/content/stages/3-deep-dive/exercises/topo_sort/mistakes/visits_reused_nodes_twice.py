"""A node reached along two paths appears twice in your order, so its closure runs twice and its
gradient is sent twice (in `b = a + a; c = b + b` you get a.grad == 8 instead of 4). Remember which
nodes you have already visited, by identity (`id(node)`), and list each once."""

from __future__ import annotations


def topological_order(root):
    order, stack = [], [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((p, False) for p in node._prev)
    return order


def backward(root):
    order = topological_order(root)
    root.grad = 1.0
    for node in reversed(order):
        node._backward()
