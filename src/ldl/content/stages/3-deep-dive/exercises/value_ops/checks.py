"""Checks for value_ops: a fresh leaf (also one built from an int, and one given its `_prev`), each
operation's value, its inputs, and its backward closure, called by hand with a chosen upstream
gradient (no graph walk yet: that is the next exercise); relu of a negative number and of exactly
0 (gradient 0), tanh of a large and of a huge number (no overflow), accumulation over two calls,
and one Value in both slots."""

from ldl.grading.spec import Case

OPERATIONS = {
    "add": lambda a, b: a + b,
    "mul": lambda a, b: a * b,
    "add_number": lambda a, b: a + 2.5,
    "radd_number": lambda a, b: 2.5 + a,
    "rmul_number": lambda a, b: -1.5 * a,
    "pow": lambda a, b: a**3,
    "pow_negative": lambda a, b: a**-1,
    "tanh": lambda a, b: a.tanh(),
    "relu": lambda a, b: a.relu(),
}


def one_step(module, operation, a, b, upstream):
    """Build out = op(a, b), set out.grad, call out._backward() once; report what changed."""
    x, y = module.Value(a), module.Value(b)
    out = OPERATIONS[operation](x, y)
    out.grad = upstream
    out._backward()
    return {
        "data": out.data,
        "inputs_are_a_b": [p is x or p is y for p in out._prev],
        "grad_a": x.grad,
        "grad_b": y.grad,
    }


def backward_twice(module, a, b, upstream):
    """Calling a closure twice must add twice: gradients accumulate, they are never overwritten."""
    x, y = module.Value(a), module.Value(b)
    out = x * y
    out.grad = upstream
    out._backward()
    out._backward()
    return {"grad_a": x.grad, "grad_b": y.grad}


def same_input_twice(module, a, upstream):
    """a * a: both slots hold the same Value, so it must receive both contributions (2a)."""
    x = module.Value(a)
    out = x * x
    out.grad = upstream
    out._backward()
    return {"data": out.data, "grad": x.grad}


def leaf(module, a):
    x = module.Value(a)
    x._backward()  # a leaf's closure does nothing
    return {"data": x.data, "grad": x.grad, "prev": len(x._prev)}


def with_prev(module, a, b):
    x, y = module.Value(a), module.Value(b)
    out = module.Value(a + b, (x, y))
    return {"data": out.data, "grad": out.grad, "prev_are_a_b": [p is x or p is y for p in out._prev]}


def cases():
    cases = [
        Case("a fresh leaf", probe="leaf", args=(1.5,)),
        Case("a leaf from an int holds a float", probe="leaf", args=(3,)),
        Case("a Value given its _prev", probe="with_prev", args=(1.0, 2.0)),
    ]
    for operation in OPERATIONS:
        cases.append(
            Case(f"{operation}: value and backward", probe="one_step", args=(operation, 1.25, -0.75, 2.0))
        )
    cases += [
        Case("relu of a negative number", probe="one_step", args=("relu", -0.5, 0.0, 3.0)),
        Case("relu of exactly 0: gradient 0", probe="one_step", args=("relu", 0.0, 0.0, 3.0)),
        Case("tanh of a large number", probe="one_step", args=("tanh", 4.0, 0.0, 1.0)),
        Case("tanh of a huge number (no overflow)", probe="one_step", args=("tanh", 400.0, 0.0, 1.0)),
        Case("the closure called twice accumulates", probe="backward_twice", args=(3.0, -2.0, 0.5)),
        Case("a * a: one Value in both slots", probe="same_input_twice", args=(-1.5, 1.0)),
    ]
    return cases
