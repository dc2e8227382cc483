"""Checks for gradient_check: numerical gradients of functions with known derivatives (a vector, a
matrix, a 0-d point, a one-entry vector, an empty vector, an integer point), that the caller's x
is left alone, relative errors (including two zero vectors), and whether check_gradient tells a
correct analytic gradient from buggy ones, at its default step and at h=0.1 (where the step must
be passed on to numerical_gradient)."""

import numpy as np

from ldl.grading.spec import Case


def sum_of_cubes(x):
    return float(np.sum(x**3))


def sum_of_cubes_grad(x):
    return 3 * x**2


def sum_of_cubes_grad_missing_3(x):
    return x**2


def log_sum_exp(x):
    return float(np.log(np.sum(np.exp(x))))


def log_sum_exp_grad(x):
    return np.exp(x) / np.sum(np.exp(x))


def quadratic_form(w):
    a = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0]])
    return float(np.sum((a @ w) ** 2))  # w: (3, 2)


def quadratic_form_grad_transposed(w):
    a = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0]])
    return (2 * a.T @ (a @ w)).T.reshape(w.shape)  # the right numbers in the wrong places


def gradient_and_input(module, x, h):
    """numerical_gradient's value, and the caller's x afterwards (it must be unchanged)."""
    original = x.copy()
    grad = module.numerical_gradient(sum_of_cubes, x, h)
    return {"gradient": grad, "x_unchanged": bool(np.array_equal(x, original))}


def cases():
    rng = np.random.default_rng(4)
    vector, matrix = rng.normal(size=5), rng.normal(size=(3, 2))
    return [
        Case(
            "sum of cubes, a vector (h=1e-4)",
            call="numerical_gradient",
            args=(sum_of_cubes, vector, 1e-4),
            rtol=1e-7,
        ),
        Case(
            "log-sum-exp, a vector",
            call="numerical_gradient",
            args=(log_sum_exp, vector),
            rtol=1e-5,
            atol=1e-8,
        ),
        Case(
            "a (3, 2) matrix input",
            call="numerical_gradient",
            args=(quadratic_form, matrix, 1e-5),
            rtol=1e-6,
            atol=1e-6,
        ),
        Case("a 0-d point", call="numerical_gradient", args=(sum_of_cubes, np.array(1.5), 1e-4), rtol=1e-7),
        Case(
            "a one-entry vector",
            call="numerical_gradient",
            args=(sum_of_cubes, np.array([-0.7]), 1e-4),
            rtol=1e-7,
        ),
        Case("an empty vector", call="numerical_gradient", args=(sum_of_cubes, np.zeros(0))),
        Case(
            "an integer point (h=1e-3)",
            call="numerical_gradient",
            args=(sum_of_cubes, np.array([1, -2, 3]), 1e-3),
            rtol=1e-7,
        ),
        Case("x is left unchanged", probe="gradient_and_input", args=(vector, 1e-4), rtol=1e-7),
        Case(
            "relative error of two vectors",
            call="relative_error",
            args=(np.array([1.0, 2.0]), np.array([1.0, 2.5])),
        ),
        Case("relative error of two zero vectors", call="relative_error", args=(np.zeros(3), np.zeros(3))),
        Case(
            "a correct gradient passes",
            call="check_gradient",
            args=(log_sum_exp, log_sum_exp_grad, vector),
            atol=1e-7,
        ),
        Case(
            "a missing factor 3 is caught",
            call="check_gradient",
            args=(sum_of_cubes, sum_of_cubes_grad_missing_3, vector),
            rtol=1e-6,
        ),
        Case(
            "check_gradient passes h on (h=0.1)",
            call="check_gradient",
            args=(sum_of_cubes, sum_of_cubes_grad, vector),
            kwargs={"h": 0.1},
            rtol=1e-6,
        ),
        Case(
            "a transposed gradient is caught",
            call="check_gradient",
            args=(quadratic_form, quadratic_form_grad_transposed, matrix),
            rtol=1e-5,
        ),
    ]
