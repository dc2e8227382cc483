"""Checks for topo_sort: the order's contract (complete, no duplicates, inputs first, root last),
gradients of small expressions, reused nodes, a single leaf as the root, and a chain far deeper
than Python's recursion limit.
The Values come from the learner's own value_ops.py (the reference's, for the expected side)."""

from ldl.grading.spec import Case


def _value():
    import value_ops  # the learner's file beside theirs (the reference solution on the other side)

    return value_ops.Value


def _expression(Value, name, a, b):
    x, y = Value(a), Value(b)
    if name == "tanh(a*b + a)":
        out = (x * y + x).tanh()
    elif name == "reused b = a + a; c = b + b":
        z = x + x
        out = z + z
    elif name == "a neuron":
        out = (x * 0.5 + y * -1.5 + 0.25).relu() * (x**2 + y).tanh()
    elif name == "a*a*a - b/a":
        out = x * x * x - y / x
    else:
        raise ValueError(name)
    return x, y, out


def gradients(module, name, a, b):
    x, y, out = _expression(_value(), name, a, b)
    module.backward(out)
    return {"data": out.data, "grad_a": x.grad, "grad_b": y.grad, "grad_out": out.grad}


def order_contract(module, name, a, b):
    """Not one particular order (many are valid): the properties every valid one has."""
    _, _, out = _expression(_value(), name, a, b)
    order = module.topological_order(out)
    position = {id(node): i for i, node in enumerate(order)}
    reachable, stack = set(), [out]
    while stack:
        node = stack.pop()
        if id(node) not in reachable:
            reachable.add(id(node))
            stack.extend(node._prev)
    return {
        "no_duplicates": len(position) == len(order),
        "every_node_reachable_and_listed": set(position) == reachable,
        "root_last": bool(order) and order[-1] is out,
        "inputs_first": all(
            position[id(p)] < position[id(n)] for n in order for p in n._prev if id(p) in position
        ),
    }


def deep_chain(module, length):
    """x -> x*1.0001 + 0.0001 -> ... : 2 * length nodes deep; recursion would overflow."""
    x = _value()(0.5)
    out = x
    for _ in range(length):
        out = out * 1.0001 + 0.0001
    module.backward(out)
    return {"grad": x.grad, "order_length": len(module.topological_order(out))}


def single_leaf(module, a):
    x = _value()(a)
    order = module.topological_order(x)
    module.backward(x)
    return {"order_is_the_leaf": len(order) == 1 and order[0] is x, "grad": x.grad}


def cases():
    names = ["tanh(a*b + a)", "reused b = a + a; c = b + b", "a neuron", "a*a*a - b/a"]
    cases = []
    for name in names:
        cases.append(Case(f"gradients of {name}", probe="gradients", args=(name, 0.8, -1.3)))
        cases.append(Case(f"the order of {name}", probe="order_contract", args=(name, 0.8, -1.3)))
    cases += [
        Case("a single leaf: the order is [leaf], its grad 1", probe="single_leaf", args=(0.3,)),
        Case("a neuron at another point", probe="gradients", args=("a neuron", -0.4, 2.1)),
        Case(
            "a chain 10,000 operations deep",
            probe="deep_chain",
            args=(5000,),
            rtol=1e-9,
            memory_factor=None,
            reason="20,000 small Python objects: tracing every allocation would make this check 4x slower, "
            "and it is about recursion depth, not memory",
        ),
    ]
    return cases
