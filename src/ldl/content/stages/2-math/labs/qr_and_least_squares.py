# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: qr_and_least_squares
#     title: "QR and least squares: three ways to orthogonalise, and why the normal equations lose"
#     unit: math.computational-linear-algebra
#     order: 2
#     goals: [1, 2, 3]
#     minutes: 60
#     tour: false
#     fast_timeout: 60
# ---

# %% [markdown]
# # QR and least squares: three ways to orthogonalise, and why the normal equations lose
#
# Almost every linear model you will fit is a least-squares problem, and almost every serious
# solver of one starts with a QR factorisation, A = QR. This lab measures two things that only show
# up on a computer:
#
# 1. **Orthogonality is fragile.** Classical Gram-Schmidt, modified Gram-Schmidt and Householder
#    reflections are the same factorisation on paper. In floating point, the first loses
#    orthogonality like κ(A)²·ε, the second like κ(A)·ε, the third stays at ε whatever κ(A) is.
# 2. **Squaring the condition number costs digits.** The normal equations AᵀA x = Aᵀb are the
#    quickest route to a least-squares solution and square κ; QR does not.
#
# **Accompanies:** fast.ai's [Computational Linear Algebra](https://github.com/fastai/numerical-linear-algebra)
# lesson 7 (Rachel Thomas), and Trefethen and Bau's *Numerical Linear Algebra* (lectures 7-11 and
# 18-19; lecture 9 runs the very experiment of section 1). For the statistics side of least
# squares, [Mathematics for Machine Learning](https://mml-book.github.io/), chapter 9.
# The exercises `householder_qr`, `gram_schmidt` and `least_squares_qr` have you write each piece.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl.notebooks.lab import FAST, report

EPS = np.finfo(np.float64).eps  # 2.2e-16: the spacing of float64 numbers near 1


def matrix_with_condition(condition: float, m: int = 40, n: int = 12, seed: int = 0) -> np.ndarray:
    """U diag(σ) Vᵀ with σ log-spaced from 1 to 1/condition, so κ(A) = condition exactly."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.normal(size=(m, n)))  # (m, n), orthonormal columns
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))  # (n, n), orthogonal
    return (U * np.logspace(0, -np.log10(condition), n)) @ V.T  # (m, n)


# %% [markdown]
# ## 1. Three Gram-Schmidts, one experiment
#
# Gram-Schmidt builds each column q_j of Q by removing from a_j its components along the q's already
# built. *Classical* GS computes all those components from the original a_j; *modified* GS removes
# them one at a time, each from the vector as updated so far. Householder QR never projects at all:
# it reflects whole columns onto e₁, and reflections are orthogonal by construction (numpy's
# `np.linalg.qr` calls LAPACK's Householder routine). We measure ‖QᵀQ - I‖ as κ(A) grows.


# %%
def classical_gram_schmidt(A):
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j] - Q[:, :j] @ (Q[:, :j].T @ A[:, j])  # all projections of the ORIGINAL column
        Q[:, j] = v / np.linalg.norm(v)
    return Q


def modified_gram_schmidt(A):
    V, Q = A.copy(), np.zeros_like(A)
    for j in range(A.shape[1]):
        Q[:, j] = V[:, j] / np.linalg.norm(V[:, j])
        V[:, j + 1 :] -= np.outer(Q[:, j], Q[:, j] @ V[:, j + 1 :])  # remove q_j from what is LEFT
    return Q


def loss_of_orthogonality(Q):
    return float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))


conditions = np.logspace(1, 12, 8 if FAST else 23)
losses = {"classical GS": [], "modified GS": [], "Householder (np.linalg.qr)": []}
for condition in conditions:
    A = matrix_with_condition(condition)
    losses["classical GS"].append(loss_of_orthogonality(classical_gram_schmidt(A)))
    losses["modified GS"].append(loss_of_orthogonality(modified_gram_schmidt(A)))
    losses["Householder (np.linalg.qr)"].append(loss_of_orthogonality(np.linalg.qr(A)[0]))

fig, ax = plt.subplots(figsize=(6.5, 4))
for (name, values), marker in zip(losses.items(), "osd"):
    ax.loglog(conditions, np.maximum(values, EPS / 10), marker=marker, label=name)
ax.loglog(conditions, conditions * EPS, "k:", lw=1, label="κ·ε")
ax.loglog(conditions, np.minimum(conditions**2 * EPS, 1), "k--", lw=1, label="κ²·ε (capped at 1)")
ax.set_xlabel("condition number κ(A)")
ax.set_ylabel("‖QᵀQ - I‖")
ax.set_title("Loss of orthogonality")
ax.legend(fontsize=8)
plt.show()


def slope(xs, ys):
    """The slope of log10(y) against log10(x): the power of κ a loss grows with."""
    return float(np.polyfit(np.log10(xs), np.log10(ys), 1)[0])


unsaturated = conditions <= 1e6  # classical GS hits ‖QᵀQ - I‖ ~ 1 (total loss) beyond this
classical_slope = slope(conditions[unsaturated], np.array(losses["classical GS"])[unsaturated])
modified_slope = slope(conditions, losses["modified GS"])
householder_worst = max(losses["Householder (np.linalg.qr)"])
print(f"classical GS: loss grows like κ^{classical_slope:.2f}; modified GS: like κ^{modified_slope:.2f}")
print(f"Householder: worst loss {householder_worst:.1e} over κ up to {conditions[-1]:.0e}")

# %% [markdown]
# Read the plot from the left. At κ = 10 all three are at rounding level. Classical GS climbs
# twice as steeply as modified GS and reaches ‖QᵀQ - I‖ ≈ 1 (no orthogonality left) near κ = 10⁸.
# Modified GS tracks κ·ε. Householder is flat: its Q is orthogonal to working precision however
# ill-conditioned A is. That is why libraries use reflections, and why modified GS is still worth
# knowing (it produces Q column by column, which Arnoldi and Lanczos iterations need).

# %% [markdown]
# ## 2. Least squares: normal equations, QR, SVD
#
# To minimise ‖Ax - b‖ we can solve the normal equations AᵀA x = Aᵀb (one Cholesky-able n x n
# system), or factor A = QR and solve R x = Qᵀb, or use the SVD (what `np.linalg.lstsq` does).
# We build problems with a known exact solution and measure the error of each as κ(A) grows.


# %%
def normal_equations(A, b):
    return np.linalg.solve(A.T @ A, A.T @ b)


def qr_solve(A, b):
    Q, R = np.linalg.qr(A)  # reduced: Q (m, n), R (n, n)
    return np.linalg.solve(R, Q.T @ b)


def svd_solve(A, b):
    return np.linalg.lstsq(A, b, rcond=None)[0]


solvers = {"normal equations": normal_equations, "QR": qr_solve, "SVD (lstsq)": svd_solve}
ls_conditions = np.logspace(1, 10, 7 if FAST else 19)
errors = {name: [] for name in solvers}
x_true = np.random.default_rng(1).normal(size=12)
for condition in ls_conditions:
    A = matrix_with_condition(condition, seed=2)
    b = A @ x_true  # an exact fit: any error is the solver's
    for name, solve in solvers.items():
        x = solve(A, b)
        errors[name].append(float(np.linalg.norm(x - x_true) / np.linalg.norm(x_true)))

fig, ax = plt.subplots(figsize=(6.5, 4))
for (name, values), marker in zip(errors.items(), "osd"):
    ax.loglog(ls_conditions, np.maximum(values, EPS / 10), marker=marker, label=name)
ax.loglog(ls_conditions, ls_conditions * EPS, "k:", lw=1, label="κ·ε")
ax.set_xlabel("condition number κ(A)")
ax.set_ylabel("relative error in x")
ax.set_title("Least squares on an exactly solvable problem")
ax.legend(fontsize=8)
plt.show()

at_1e7 = int(np.argmin(np.abs(np.log10(ls_conditions) - 7)))
normal_error, qr_error = errors["normal equations"][at_1e7], errors["QR"][at_1e7]
print(f"at κ ≈ {ls_conditions[at_1e7]:.0e}: normal equations error {normal_error:.1e}, QR {qr_error:.1e}")

# %% [markdown]
# The normal equations follow κ²·ε and have nothing left by κ ≈ 10⁸; QR and the SVD follow κ·ε.
# (When the data do not fit exactly, the error bound for QR picks up a term in κ² times the
# relative residual: an ill-conditioned problem with large residuals is hard for every method.
# Trefethen and Bau, lecture 18, work it out.)
#
# ## 3. What the normal equations buy: speed
#
# They are not wrong to exist. Forming AᵀA costs about m·n² flops and QR about 2·m·n²; for a tall,
# well-conditioned problem (most regressions with standardised features) the normal equations give
# the same answer faster. One thread each, a 4,000 x 200 problem:

# %%
rng = np.random.default_rng(3)
A_big = rng.normal(size=(1000 if FAST else 4000, 200))
b_big = A_big @ rng.normal(size=200) + 0.01 * rng.normal(size=A_big.shape[0])
timings = {}
with threadpool_limits(1):
    for name, solve in solvers.items():
        start = time.perf_counter()
        for _ in range(3):
            x = solve(A_big, b_big)
        timings[name] = (time.perf_counter() - start) / 3
        print(f"{name:17s} {timings[name] * 1e3:7.1f} ms   residual {np.linalg.norm(A_big @ x - b_big):.6f}")
normal_speedup = timings["QR"] / timings["normal equations"]

# %% [markdown]
# Same residuals, and the normal equations are the fastest here. The rule of thumb: fine when
# κ(A) is small (check it), QR by default, the SVD when A may be rank-deficient.
#
# ## What to reproduce
#
# - Add the *twice-applied* classical Gram-Schmidt ("CGS2": orthogonalise every column twice) to
#   the first plot. Where does its curve lie, and what does it cost?
# - Fit a degree-11 polynomial to 50 points in [0, 1] (`np.vander`) by the normal equations and by
#   QR: how many correct digits does each give? Then use Chebyshev points and Chebyshev polynomials
#   (`numpy.polynomial.chebyshev.chebvander`) instead: what happens to κ(A)?
# - Solve exercises `householder_qr`, `gram_schmidt` and `least_squares_qr`.

# %%
report(
    classical_gs_slope=round(classical_slope, 2),
    modified_gs_slope=round(modified_slope, 2),
    householder_worst_loss=householder_worst,
    normal_equations_error_at_1e7=normal_error,
    qr_error_at_1e7=qr_error,
    qr_time_over_normal_equations=round(float(normal_speedup), 2),
    expect={
        "classical_gs_slope": (">", 1.6),  # κ²: classical GS, measured, not assumed
        "modified_gs_slope": ("<", 1.3),
        "householder_worst_loss": ("<", 1e-13),
        "normal_equations_error_at_1e7": (">", 1e-6),  # squared κ: few digits left
        "qr_error_at_1e7": ("<", 1e-7),
    },
)
