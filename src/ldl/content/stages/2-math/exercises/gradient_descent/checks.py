"""Checks for gradient_descent: the worked example, a bowl with learning rates that crawl, converge
and diverge, zero steps and one step, a one-dimensional problem, an integer starting point (the
path is still float), and a non-quadratic function. The caller's x0 must come back unchanged, and
every row of the path must be its own point (not one array appended again and again)."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    bowl_start = np.array([1.5, 1.0])
    return [
        Case(
            "½‖x‖² from [4, 2], lr 0.5, 2 steps",
            probe="probe_path",
            args=("round", np.array([4.0, 2.0]), 0.5, 2),
        ),
        Case("the bowl, lr 0.01 (too small)", probe="probe_path", args=("bowl", bowl_start, 0.01, 30)),
        Case("the bowl, lr 0.18 (about right)", probe="probe_path", args=("bowl", bowl_start, 0.18, 30)),
        Case(
            "the bowl, lr 0.21 (too large)",
            probe="probe_path",
            args=("bowl", bowl_start, 0.21, 30),
            rtol=1e-7,
        ),
        Case("zero steps returns just x0", probe="probe_path", args=("bowl", bowl_start, 0.1, 0)),
        Case("one step", probe="probe_path", args=("bowl", bowl_start, 0.1, 1)),
        Case("a one-dimensional problem", probe="probe_path", args=("round", np.array([3.0]), 0.25, 4)),
        Case("an integer starting point", probe="probe_path", args=("round", np.array([4, 2]), 0.5, 3)),
        Case(
            "a non-quadratic function", probe="probe_path", args=("quartic", np.array([1.0, -0.5]), 0.05, 25)
        ),
    ]


GRADIENTS = {
    "round": lambda x: x,
    "bowl": lambda x: np.array([1.0, 10.0]) * x,  # ∇ ½ xᵀ diag(1, 10) x
    "quartic": lambda x: np.array([4 * x[0] ** 3 + x[1], x[0] + 2 * x[1]]),  # ∇ (x₀⁴ + x₀x₁ + x₁²)
}


def probe_path(module, name, x0, lr, num_steps):
    """The learner's path for the named gradient; x0 is passed through untouched by the probe."""
    return np.asarray(module.gradient_descent(GRADIENTS[name], x0, lr, num_steps), dtype=np.float64)
