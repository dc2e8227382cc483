"""Plain gradient descent that keeps its path, so a lab can draw it over a contour plot.

    x_{t+1} = x_t - lr * ∇f(x_t)

On a quadratic bowl f(x) = ½ xᵀ A x with A symmetric positive definite, eigenvalues
λ_min ≤ ... ≤ λ_max, each eigen-direction shrinks by a factor (1 - lr λ) per step. So descent
converges iff lr < 2 / λ_max, is fastest overall near lr = 2 / (λ_min + λ_max), and crawls along
the flat direction when λ_max / λ_min (the condition number) is large. Those three regimes are
the "too small / right / too large" pictures of the calculus lab.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def gradient_descent(
    grad: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    lr: float,
    num_steps: int,
    max_norm: float = 1e6,
) -> np.ndarray:
    """Run `num_steps` steps of gradient descent from x0; return the path, shape (num_steps + 1, d).

    Row 0 is x0. If the iterate's norm passes `max_norm` (divergence), the path stops early, so a
    diverging run still returns something finite to plot.
    """
    x = np.array(x0, dtype=np.float64).reshape(-1)  # (d,)
    path = [x.copy()]
    for _ in range(num_steps):
        x = x - lr * np.asarray(grad(x), dtype=np.float64).reshape(-1)
        path.append(x.copy())
        if not np.all(np.isfinite(x)) or np.linalg.norm(x) > max_norm:
            break
    return np.stack(path)  # (steps taken + 1, d)
