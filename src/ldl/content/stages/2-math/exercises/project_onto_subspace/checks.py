"""Checks for project_onto_subspace: a random plane in R^5, lines in the plane, a point already in
the subspace, a single point, a basis of the whole space (every point projects to itself, as a
new array), integer inputs, and the properties every projection has (projecting twice changes
nothing; the residual is orthogonal). The caller's arrays must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(11)
    A = rng.normal(size=(5, 2))  # a non-orthonormal basis of a plane in R^5
    X = rng.normal(size=(4, 5))
    # The random plane comes first: on a line, A Aᵀ x is a constant multiple of the answer, and
    # the grader's generic "constant factor" diagnosis would distract from the real mistake.
    return [
        Case("a random plane in R^5", call="project", args=(A, X)),
        Case("the line y = x", call="project", args=(np.array([[1.0], [1.0]]), np.array([[2.0, 0.0]]))),
        Case(
            "a line along (3, 4)",
            call="project",
            args=(np.array([[3.0], [4.0]]), np.array([[1.0, 2.0], [-4.0, 3.0]])),
        ),
        Case(
            "a point already in the subspace", call="project", args=(A, (A @ np.array([1.0, -2.0]))[None, :])
        ),
        Case(
            "a basis of the whole of R^3",
            call="project",
            args=(rng.normal(size=(3, 3)), rng.normal(size=(2, 3))),
        ),
        Case(
            "integer basis and points",
            call="project",
            args=(np.array([[1, 0], [1, 1], [0, 2]]), np.array([[3, 1, 2], [0, 0, 5]])),
        ),
        Case("projecting twice = projecting once", probe="probe_idempotent", args=(A, X)),
        Case("the residual is orthogonal to the columns", probe="probe_residual", args=(A, X)),
    ]


def probe_idempotent(module, A, X):
    once = module.project(A, X)
    return {"twice minus once is zero": bool(np.allclose(module.project(A, once), once, atol=1e-9))}


def probe_residual(module, A, X):
    residual = X - module.project(A, X)  # (N, d)
    return {"residual @ A is zero": bool(np.allclose(residual @ A, 0.0, atol=1e-9))}
