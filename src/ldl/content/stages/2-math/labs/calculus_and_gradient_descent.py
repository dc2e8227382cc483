# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: calculus_and_gradient_descent
#     title: "Calculus: derivatives, gradients and gradient descent"
#     unit: math.calculus
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     tour: true
#     fast_timeout: 60
# ---

# %% [markdown]
# # Calculus: derivatives, gradients and gradient descent
#
# Training a network means nudging millions of numbers so that a loss goes down. The derivative
# says which way is down and how steep it is; the gradient collects those slopes for every
# parameter at once; the chain rule computes them through a composition of functions; and gradient
# descent takes the steps. This lab builds each piece, checks it numerically, and then watches
# gradient descent succeed, crawl and explode on 2-D surfaces depending on the learning rate.
#
# **Accompanies:** chapter 4, "Numerical Computation", of the
# [Deep Learning Book](https://www.deeplearningbook.org/contents/numerical.html) (gradient-based
# optimisation, the Jacobian and Hessian, poor conditioning), and for a first-principles refresher
# the calculus chapters of [Mathematics for Machine Learning](https://mml-book.github.io/)
# (Deisenroth, Faisal, Ong), chapter 5.

# %%
import matplotlib.pyplot as plt
import numpy as np

from ldl.mathlab import derivative, gradient, gradient_descent, plot_contours, plot_function
from ldl.notebooks.lab import FAST, report

# %% [markdown]
# ## 1. The derivative is a slope
#
# `f'(a)` is the slope of the tangent line at `a`: the best straight-line approximation of f near
# a, `f(a + h) ≈ f(a) + f'(a) h`. `plot_function` draws the tangent using a numerical derivative.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
plot_function(np.sin, (-np.pi, np.pi), ax=axes[0], label="sin x", tangent_at=1.0)
plot_function(lambda x: x**3 - 2 * x, (-2, 2), ax=axes[1], label="x³ − 2x", tangent_at=-0.5)
plt.show()

# %% [markdown]
# ## 2. Computing a derivative numerically, and how small h should be
#
# The central difference `(f(x + h) − f(x − h)) / 2h` has an error of order h² from the curvature
# it ignores, but floating point adds a rounding error of order ε/h (ε ≈ 2.2e-16). Shrinking h helps
# only until rounding takes over. The forward difference `(f(x + h) − f(x)) / h` is worse: its
# truncation error is of order h. Let's measure both against the exact `cos(1)`.

# %%
steps = np.logspace(-15, -1, 57)
exact = np.cos(1.0)
forward = [abs((np.sin(1 + h) - np.sin(1)) / h - exact) for h in steps]
central = [abs((np.sin(1 + h) - np.sin(1 - h)) / (2 * h) - exact) for h in steps]
fig, ax = plt.subplots(figsize=(6, 4))
ax.loglog(steps, forward, ".-", label="forward difference")
ax.loglog(steps, central, ".-", label="central difference")
ax.set_xlabel("step h")
ax.set_ylabel("error in f'(1)")
ax.legend()
plt.show()
best_h = steps[int(np.argmin(central))]
print(f"best h for the central difference ≈ {best_h:.0e} (theory: ε^(1/3) ≈ {np.finfo(float).eps ** (1 / 3):.0e})")
print(f"smallest errors: forward {min(forward):.1e}, central {min(central):.1e}")

# %% [markdown]
# That V shape is why `ldl.mathlab` uses h ≈ 6e-6 (times the size of x) and works in float64: a
# correct analytic derivative then agrees with the numerical one to about 1e-10, and a wrong one is
# off by far more. Every gradient you derive in this stage is checked this way.
#
# ## 3. The chain rule
#
# For a composition `h(x) = f(g(x))`, `h'(x) = f'(g(x)) · g'(x)`: the rate of change multiplies
# along the chain. Backpropagation is this rule applied systematically. Check it on
# `h(x) = sin(x²)`, whose derivative by the chain rule is `cos(x²) · 2x`.

# %%
for x in (0.3, 1.0, 2.5):
    by_chain_rule = np.cos(x**2) * 2 * x
    numerically = derivative(lambda t: np.sin(t**2), x)
    print(f"x = {x}: chain rule {by_chain_rule:+.8f}   central difference {numerically:+.8f}")

# %% [markdown]
# ## 4. Partial derivatives and the gradient
#
# For a function of several variables, a partial derivative is the slope along one coordinate
# axis with the others held still. The gradient `∇f = (∂f/∂x₀, ∂f/∂x₁, ...)` gathers them, and it
# has two properties that make optimisation possible: it points in the direction of steepest
# ascent, and it is perpendicular to the contour lines. The arrows below are `−∇f`, the way down.

# %%
def bowl(p):
    """An elongated bowl: f = ½(x₀² + 10 x₁²). Its Hessian diag(1, 10) has condition number 10."""
    return 0.5 * (p[0] ** 2 + 10 * p[1] ** 2)


def bowl_grad(p):
    return np.array([p[0], 10 * p[1]])


grid = np.linspace(-1.8, 1.8, 9)
points = np.array([(x, y) for x in grid for y in grid])  # (81, 2)
downhill = -np.array([gradient(bowl, p) for p in points])  # (81, 2), numerical gradients
ax = plot_contours(bowl, (-2, 2), (-2, 2), levels=15)
ax.quiver(points[:, 0], points[:, 1], downhill[:, 0], downhill[:, 1], color="tab:red", angles="xy", width=0.004)
ax.set_title("−∇f: perpendicular to the contours, steepest downhill")
plt.show()
print("analytic and numerical gradient agree:", np.allclose([bowl_grad(p) for p in points], -downhill, atol=1e-7))

# %% [markdown]
# ## 5. Gradient descent, and the learning rate
#
# Gradient descent repeats `x ← x − lr · ∇f(x)`. On this bowl each coordinate shrinks by a factor
# `(1 − lr · λ)` per step, where λ is 1 for x₀ and 10 for x₁. So:
#
# - if `lr` is **too small**, the flat x₀ direction barely moves;
# - if `lr > 2/10`, the factor for x₁ exceeds 1 in magnitude and the iterates **explode**;
# - the best single rate balances the two, `lr = 2/(1 + 10) ≈ 0.18`, and zigzags a little along
#   the steep axis while making steady progress along the flat one.
#
# The ratio of largest to smallest curvature (here 10) is the *condition number* of the problem;
# the bigger it is, the slower plain gradient descent becomes. Momentum and Adam, in stage 3, are
# fixes for exactly this.

# %%
start = np.array([-1.8, 1.0])
num_steps = 20 if FAST else 40
rates = {"too small": 0.01, "about right": 0.18, "too large": 0.205}
paths = {name: gradient_descent(bowl_grad, start, lr, num_steps) for name, lr in rates.items()}
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
for ax, (name, path) in zip(axes, paths.items(), strict=True):
    plot_contours(bowl, (-2, 2), (-2, 2), paths={f"lr = {rates[name]}": path}, ax=ax, levels=15)
    ax.set_title(f"{name}: f = {bowl(path[-1]):.3g} after {len(path) - 1} steps")
plt.show()

# %% [markdown]
# How fast does the loss fall? On a log scale, steady (linear) convergence is a straight line; its
# slope is set by the slowest direction.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for name, path in paths.items():
    ax.semilogy([bowl(p) for p in path], ".-", label=f"{name} (lr = {rates[name]})")
ax.set_xlabel("step")
ax.set_ylabel("f(x)")
ax.legend()
plt.show()


# %% [markdown]
# ## 6. A harder surface: Rosenbrock's banana
#
# `f(x, y) = (1 − x)² + 100 (y − x²)²` has its minimum at (1, 1) at the bottom of a long, curved,
# nearly flat valley. It was designed to be hard for gradient descent: a learning rate small enough
# not to bounce off the steep walls makes painfully slow progress along the valley floor. (Contours
# are drawn on a log scale so you can see the valley.)

# %%
def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def rosenbrock_grad(p):
    return np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)])


banana_steps = 2_000 if FAST else 20_000
banana = gradient_descent(rosenbrock_grad, np.array([-1.2, 1.0]), lr=1e-3, num_steps=banana_steps)
ax = plot_contours(rosenbrock, (-2, 2), (-1, 3), paths={"lr = 0.001": banana}, log_scale=True)
ax.plot([1], [1], "r*", ms=12)
plt.show()
distance = float(np.linalg.norm(banana[-1] - np.array([1.0, 1.0])))
print(f"after {banana_steps} steps: x = {banana[-1]}, distance to the minimum {distance:.3g}")

# %% [markdown]
# ## What to reproduce
#
# - Find, by experiment, the largest learning rate for which descent on the bowl still converges.
#   Does it match the `2/λ_max` rule? Now change the bowl to `½(x₀² + 100 x₁²)`: what happens to
#   the number of steps needed?
# - On Rosenbrock, try lr = 0.002 and 0.0005. Which one gets closer in the same number of steps,
#   and why does one of them fail?
# - Exercises for this unit: `central_difference`, `quadratic_gradient`, `gradient_descent`,
#   `gradient_check`.

# %%
final_loss = {name: float(bowl(path[-1])) for name, path in paths.items()}
report(
    bowl_loss_right_lr=final_loss["about right"],
    bowl_loss_small_lr=final_loss["too small"],
    bowl_diverged=bool(final_loss["too large"] > bowl(start)),
    rosenbrock_distance=distance,
    expect={
        "bowl_loss_right_lr": ("<", 0.01 * float(bowl(start))),  # the good step size gets close
        "bowl_diverged": (">=", 1),  # ...and the too-large one blows up
    },
)
