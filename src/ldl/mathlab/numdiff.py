"""Numerical derivatives by central differences, and the gradient check built on them.

The idea fits in one line. For a smooth f and a small step h,

    f'(x) ≈ (f(x + h) - f(x - h)) / (2h)

The error of this estimate has two sources that pull h in opposite directions:

- truncation: Taylor's theorem gives an error of about h² |f'''(x)| / 6, which shrinks with h;
- rounding: f(x ± h) are each off by about eps |f(x)| (eps = 2.2e-16 in float64), and dividing by
  2h amplifies that to about eps |f(x)| / h, which grows as h shrinks.

The sum is smallest near h = eps^(1/3) ≈ 6e-6 (times the scale of x), where both are about 1e-11.
So in float64 a correct analytic derivative and its central difference agree to ~1e-10 relative
error, while a wrong one (a missing factor, a transposed matrix) is off by O(1). That gap is what
makes `check_gradient` reliable. In float32 (eps = 1.2e-7) the best achievable agreement is only
~1e-5, which is why everything here converts to float64 first.

Conventions: a Jacobian of f with input shape S_in and output shape S_out has shape
S_out + S_in, entry [i, j] = ∂f_i/∂x_j (for vectors: (m, n), one row per output).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

EPS = np.finfo(np.float64).eps
DEFAULT_STEP = EPS ** (1 / 3)  # ≈ 6.1e-6: balances truncation and rounding error (see above)

PASS_BELOW = 1e-6  # relative error of a correct gradient, with room for curvature and large inputs
FAIL_ABOVE = 1e-4  # beyond this it is almost surely a bug; in between, look closer (kinks, float32)


def _steps(x: np.ndarray, h: float | None) -> np.ndarray:
    """A step per coordinate, scaled to the coordinate's size so big inputs get big steps."""
    base = DEFAULT_STEP if h is None else h
    return base * np.maximum(1.0, np.abs(x))


def derivative(f: Callable[[float], float], x: float, h: float | None = None) -> float:
    """f'(x) for a scalar function of one scalar, by a central difference."""
    x = float(x)
    step = float(_steps(np.array(x), h))
    return (float(f(x + step)) - float(f(x - step))) / (2 * step)


def jacobian(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, h: float | None = None) -> np.ndarray:
    """The Jacobian of f at x, shape f(x).shape + x.shape, by central differences in float64.

    Column j (for vector x) is (f(x + h e_j) - f(x - h e_j)) / 2h: how every output moves when
    input j moves. Costs 2 * x.size evaluations of f. x itself is never modified.
    """
    x = np.array(x, dtype=np.float64)  # a private float64 copy we may perturb
    out_shape = np.shape(f(x.copy()))
    steps = _steps(x, h)
    jac = np.empty((int(np.prod(out_shape, dtype=int)), x.size))  # (m, n) while we fill it
    flat = x.reshape(-1)  # a view: writing flat[j] moves x
    for j in range(x.size):
        original = flat[j]
        flat[j] = original + steps.flat[j]
        f_plus = np.asarray(f(x.copy()), dtype=np.float64).reshape(-1)
        flat[j] = original - steps.flat[j]
        f_minus = np.asarray(f(x.copy()), dtype=np.float64).reshape(-1)
        flat[j] = original
        jac[:, j] = (f_plus - f_minus) / (2 * steps.flat[j])
    return jac.reshape(out_shape + x.shape)  # S_out + S_in


def gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float | None = None) -> np.ndarray:
    """The gradient of a scalar function f at x, same shape as x, by central differences.

    It is the Jacobian of a function with one output, so we reuse `jacobian` and drop that axis.
    """
    x = np.asarray(x, dtype=np.float64)
    return jacobian(lambda v: np.asarray(f(v), dtype=np.float64).reshape(()), x, h)


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): 0 when equal, 1 when one is zero or they point opposite ways.

    Relative, so it means the same for gradients of size 1e-3 and 1e3; the sum in the denominator
    keeps it symmetric and finite (two zero arrays have error 0).
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare shapes {a.shape} and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


@dataclass(frozen=True)
class GradientCheck:
    """What `check_gradient` found. `passed` is relative_error < PASS_BELOW."""

    relative_error: float
    worst_index: tuple[int, ...]  # where analytic and numerical differ most
    analytic: np.ndarray
    numerical: np.ndarray

    @property
    def passed(self) -> bool:
        return self.relative_error < PASS_BELOW

    @property
    def verdict(self) -> str:
        """'pass', 'suspicious' (between the thresholds) or 'fail'."""
        if self.passed:
            return "pass"
        return "fail" if self.relative_error > FAIL_ABOVE else "suspicious"

    def __str__(self) -> str:
        i = self.worst_index
        return (
            f"{self.verdict}: relative error {self.relative_error:.2e}; worst entry {i}: "
            f"analytic {self.analytic[i]:.6g} vs numerical {self.numerical[i]:.6g}"
        )


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray] | np.ndarray,
    x: np.ndarray,
    h: float | None = None,
) -> GradientCheck:
    """Compare an analytic gradient of scalar f at x (a function of x, or its value) with
    central differences. A shape mismatch is reported as an error, not silently broadcast."""
    x = np.asarray(x, dtype=np.float64)
    analytic = np.asarray(grad(x.copy()) if callable(grad) else grad, dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"the gradient has shape {analytic.shape}, but x has shape {x.shape}")
    numerical = gradient(f, x, h)
    worst = np.unravel_index(int(np.argmax(np.abs(analytic - numerical))), x.shape) if x.size else ()
    return GradientCheck(
        relative_error(analytic, numerical), tuple(int(i) for i in worst), analytic, numerical
    )
