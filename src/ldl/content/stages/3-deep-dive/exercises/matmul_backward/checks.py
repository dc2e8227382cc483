"""Checks for matmul_backward: 2-D, batched, broadcast batches on either side, a size-1 batch axis,
vectors, an inner size of 0 and an empty batch, and one case against central differences of
L = sum(G * (a @ b)). Changing a, b or grad_out in place fails."""

import numpy as np

from ldl.grading.spec import Case


def central_differences(module, a_shape, b_shape, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
    g = rng.normal(size=np.shape(a @ b))
    grad_a, grad_b = module.matmul_backward(a, b, g)
    agree = []
    for x, grad, loss in (
        (a, grad_a, lambda x_: float(np.sum(g * (x_ @ b)))),
        (b, grad_b, lambda x_: float(np.sum(g * (a @ x_)))),
    ):
        numeric = np.zeros_like(x)
        for index in np.ndindex(*x.shape):
            step = np.zeros_like(x)
            step[index] = 1e-6
            numeric[index] = (loss(x + step) - loss(x - step)) / 2e-6
        agree.append(bool(np.shape(grad) == x.shape and np.allclose(grad, numeric, atol=1e-6)))
    return {"grad_a_agrees": agree[0], "grad_b_agrees": agree[1]}


def cases():
    rng = np.random.default_rng(4)
    pairs = [
        ((4, 3), (3, 5), "2-D: (4, 3) @ (3, 5)"),
        ((1, 3), (3, 1), "a batch of one row times one column"),
        ((2, 4, 3), (2, 3, 5), "batched: (2, 4, 3) @ (2, 3, 5)"),
        ((2, 4, 3), (3, 5), "(B, T, C) @ (C, D): a shared weight"),
        ((4, 3), (2, 3, 5), "a shared left matrix: (4, 3) @ (2, 3, 5)"),
        ((2, 1, 4, 3), (3, 3, 5), "size-1 batch axis against 3"),
        ((3,), (3, 5), "vector @ matrix"),
        ((4, 3), (3,), "matrix @ vector"),
        ((3,), (3,), "vector @ vector (a dot product)"),
        ((2, 4, 3), (3,), "batched matrix @ vector"),
        ((4, 0), (0, 5), "an inner size of 0: (4, 0) @ (0, 5)"),
        ((0, 4, 3), (3, 5), "an empty batch: (0, 4, 3) @ (3, 5)"),
    ]
    cases = []
    for a_shape, b_shape, label in pairs:
        a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
        g = rng.normal(size=np.shape(a @ b))
        cases.append(Case(label, call="matmul_backward", args=(a, b, g)))
    cases.append(
        Case(
            "(2, 4, 3) @ (3, 5) against central differences",
            probe="central_differences",
            args=((2, 4, 3), (3, 5), 0),
        )
    )
    return cases
