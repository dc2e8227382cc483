"""ldl.mathlab: the helpers stage 2's labs and exercise checks share.

- `derivative`, `gradient`, `jacobian`: central differences in float64 (see `numdiff`).
- `relative_error`, `check_gradient`: is an analytic gradient right? With tolerances explained.
- `align_signs`, `mismatch_up_to_sign`: compare vectors defined only up to sign (eigenvectors).
- `gradient_descent`: descent that returns its path, for plotting.
- `plot_function`, `plot_contours`, `plot_linear_map`: the stage's recurring pictures
  (matplotlib is imported only when you draw).
"""

from ldl.mathlab.checking import align_signs, mismatch_up_to_sign
from ldl.mathlab.descent import gradient_descent
from ldl.mathlab.numdiff import (
    FAIL_ABOVE,
    PASS_BELOW,
    GradientCheck,
    check_gradient,
    derivative,
    gradient,
    jacobian,
    relative_error,
)
from ldl.mathlab.plots import evaluate_on_grid, plot_contours, plot_function, plot_linear_map

__all__ = [
    "FAIL_ABOVE",
    "PASS_BELOW",
    "GradientCheck",
    "align_signs",
    "check_gradient",
    "derivative",
    "evaluate_on_grid",
    "gradient",
    "gradient_descent",
    "jacobian",
    "mismatch_up_to_sign",
    "plot_contours",
    "plot_function",
    "plot_linear_map",
    "relative_error",
]
