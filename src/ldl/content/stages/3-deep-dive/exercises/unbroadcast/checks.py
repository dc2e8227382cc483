"""Checks for unbroadcast: every kind of broadcast (leading axes, size-1 axes, both, scalars,
nothing at all, where the gradient may come back as it is), an integer gradient keeping its dtype,
an empty gradient, and the gradient of a real broadcasting product against central differences."""

import numpy as np

from ldl.grading.spec import Case


def product_gradient(module, x_shape, w_shape, seed):
    """L = sum(u * (x * w)) for a random u: dL/dx = unbroadcast(u * w, x.shape). Returns the
    learner's gradients and central differences of L, which must agree."""
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=x_shape), rng.normal(size=w_shape)
    u = rng.normal(size=np.broadcast_shapes(x.shape, w.shape))

    def loss(x_):
        return float((u * (x_ * w)).sum())

    numeric = np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        step = np.zeros_like(x)
        step[index] = 1e-6
        numeric[index] = (loss(x + step) - loss(x - step)) / 2e-6
    grad = module.unbroadcast(u * w, x.shape)
    return {"gradient": grad, "agrees_with_central_differences": bool(np.allclose(grad, numeric, atol=1e-6))}


def cases():
    rng = np.random.default_rng(3)
    shapes = [
        ((3, 4), (4,), "a bias (4,) added to (3, 4)"),
        ((3, 4), (3, 1), "a column (3, 1)"),
        ((3, 4), (1, 4), "a row (1, 4)"),
        ((2, 3, 4), (1, 4), "a leading axis added and a size-1 axis"),
        ((2, 3, 4), (2, 1, 4), "a size-1 axis in the middle"),
        ((2, 3, 4), (1, 1, 1), "all three axes of size 1"),
        ((2, 3), (), "a scalar"),
        ((5,), (1,), "(1,) against (5,)"),
        ((1, 1), (1, 1), "(1, 1) that was not broadcast"),
        ((3, 4), (3, 4), "nothing was broadcast"),
    ]
    unchanged = "nothing was broadcast: the statement asks to return the gradient unchanged"
    cases = [
        Case(
            f"grad {g} back to {s}: {label}",
            call="unbroadcast",
            args=(rng.normal(size=g), s),
            **({"may_alias": True, "reason": unchanged} if g == s else {}),
        )
        for g, s, label in shapes
    ]
    cases += [
        Case(
            "an integer gradient (2, 3) back to (3,) stays integer",
            call="unbroadcast",
            args=(np.arange(6).reshape(2, 3), (3,)),
        ),
        Case(
            "an empty gradient (0, 4) back to (4,): zeros", call="unbroadcast", args=(np.zeros((0, 4)), (4,))
        ),
    ]
    cases += [
        Case("x (3, 1) * w (1, 4): dL/dx", probe="product_gradient", args=((3, 1), (1, 4), 0)),
        Case("x (4,) * w (2, 3, 4): dL/dx", probe="product_gradient", args=((4,), (2, 3, 4), 1)),
    ]
    return cases
