# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: matrix_calculus_for_backprop
#     title: "Matrix calculus: the derivatives backpropagation is made of"
#     unit: math.matrix-calculus
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 75
#     tour: true
#     fast_timeout: 60
# ---

# %% [markdown]
# # Matrix calculus: the derivatives backpropagation is made of
#
# Backpropagation needs only a handful of derivative rules: the Jacobian of an element-wise
# function, of a matrix-vector and a matrix-matrix product, of softmax with cross-entropy, and the
# chain rule that strings them together. This lab derives each one, checks it against central
# differences with `ldl.mathlab.check_gradient`, and ends with a two-layer network whose every
# gradient we compute by hand: the blueprint for stage 3's engine.
#
# **Accompanies:** Terence Parr and Jeremy Howard,
# [The Matrix Calculus You Need For Deep Learning](https://explained.ai/matrix-calculus/)
# ([arXiv:1802.01528](https://arxiv.org/abs/1802.01528)). We follow its conventions: numerator
# layout (a Jacobian has one row per output), and its running example, the gradient of a neuron.
# Read its sections 1-4 before this lab and section 5 alongside section 6 here. The
# [CS231n notes on backpropagation](https://cs231n.github.io/optimization-2/) are a good second view.

# %%
import matplotlib.pyplot as plt
import numpy as np

from ldl.mathlab import check_gradient, jacobian
from ldl.notebooks.lab import FAST, report

rng = np.random.default_rng(0)
np.set_printoptions(precision=4, suppress=True)
gradient_checks = {}  # name -> relative error, summarised at the end

# %% [markdown]
# ## 1. The Jacobian
#
# For `f: ℝⁿ → ℝᵐ`, the Jacobian is the `(m, n)` matrix `J[i, j] = ∂fᵢ/∂xⱼ`. Row i is the gradient
# of output i; column j says how all outputs move when input j moves. Near x, f is approximately
# linear: `f(x + δ) ≈ f(x) + J δ`. Let's see that approximation at work.

# %%
def f(x):
    """A small non-linear map from ℝ³ to ℝ²."""
    return np.array([x[0] * x[1] + np.sin(x[2]), x[0] ** 2 - x[2]])


x = np.array([1.0, 2.0, 0.5])
J = jacobian(f, x)  # (2, 3) by central differences
J_by_hand = np.array([[x[1], x[0], np.cos(x[2])], [2 * x[0], 0.0, -1.0]])
print("Jacobian (numerical):\n", J, "\nby hand:\n", J_by_hand)
delta = 1e-3 * rng.normal(size=3)
print("f(x + δ) − f(x) =", f(x + delta) - f(x), "   J δ =", J @ delta)

# %% [markdown]
# ## 2. Element-wise functions have diagonal Jacobians
#
# An activation such as the sigmoid or ReLU acts on each entry separately: output i depends only on
# input i, so the Jacobian is diagonal, `diag(σ'(x))`. Softmax is different: every output depends
# on every input through the normalising sum, and its Jacobian is the full matrix
# `diag(s) − s sᵀ`. A picture makes the contrast plain.

# %%
def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


z = rng.normal(size=6)
s = softmax(z)
jacobians = {
    "sigmoid": (jacobian(sigmoid, z), np.diag(sigmoid(z) * (1 - sigmoid(z)))),
    "ReLU": (jacobian(lambda v: np.maximum(v, 0), z), np.diag((z > 0).astype(float))),
    "softmax": (jacobian(softmax, z), np.diag(s) - np.outer(s, s)),
}
fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
for ax, (name, (numerical, by_formula)) in zip(axes, jacobians.items(), strict=True):
    limit = np.abs(by_formula).max()
    ax.imshow(numerical, cmap="RdBu", vmin=-limit, vmax=limit)
    ax.set_title(f"{name}: formula matches = {np.allclose(numerical, by_formula, atol=1e-8)}")
plt.show()

# %% [markdown]
# In backpropagation we never build these matrices. We need the *vector–Jacobian product*: given
# `g = ∂L/∂y`, the gradient with respect to the input is `Jᵀ g`. For a diagonal J that is just
# `σ'(x) ⊙ g`, an element-wise product: O(n) work instead of O(n²).
#
# ## 3. Matrix-vector products
#
# For `y = W x` with `W` of shape `(m, n)`: `yᵢ = Σⱼ Wᵢⱼ xⱼ`, so `∂yᵢ/∂xⱼ = Wᵢⱼ` and the Jacobian
# with respect to x is W itself. With respect to W the Jacobian is a 3-D array
# `∂yᵢ/∂W_kj = [i = k] xⱼ`, mostly zeros. What backpropagation needs is again the product with an
# upstream gradient `g = ∂L/∂y`, and that collapses to an outer product:
#
# `∂L/∂x = Wᵀ g`   (n,)        `∂L/∂W = g xᵀ`   (m, n), the shape of W.

# %%
m, n = 3, 4
W, x, g = rng.normal(size=(m, n)), rng.normal(size=n), rng.normal(size=m)
J_W = jacobian(lambda w: w @ x, W)  # (m, m, n): output i, then W's shape
print("∂y/∂W has shape", J_W.shape, "; entry [1, 1, :] is x:", np.allclose(J_W[1, 1], x), "; [0, 1, :] is 0:", np.allclose(J_W[0, 1], 0))


def loss_of_W(w):
    return g @ (w @ x)  # a scalar whose gradient with respect to y is g


def loss_of_x(v):
    return g @ (W @ v)


gradient_checks["W x, ∂L/∂W = g xᵀ"] = check_gradient(loss_of_W, np.outer(g, x), W).relative_error
gradient_checks["W x, ∂L/∂x = Wᵀ g"] = check_gradient(loss_of_x, W.T @ g, x).relative_error

# %% [markdown]
# ## 4. Matrix-matrix products: a layer on a batch
#
# A linear layer applied to a batch `X` (N, n) computes `Y = X Wᵀ + b` (the layout of PyTorch's
# `nn.Linear`: W is (m, n)). Applying section 3 to each row and summing over the batch:
#
# `∂L/∂X = G W`  (N, n)      `∂L/∂W = Gᵀ X`  (m, n)      `∂L/∂b = Σₙ Gₙ`  (m,)
#
# where `G = ∂L/∂Y` (N, m). A reliable way to remember them: each gradient has the shape of its
# variable, and there is only one way to multiply G with W or X to get that shape.

# %%
N = 5
X, b, G = rng.normal(size=(N, n)), rng.normal(size=m), rng.normal(size=(N, m))


def layer_loss(X_, W_, b_):
    return np.sum((X_ @ W_.T + b_) * G)  # ∂L/∂Y = G by construction


gradient_checks["layer, ∂L/∂X = G W"] = check_gradient(lambda v: layer_loss(v, W, b), G @ W, X).relative_error
gradient_checks["layer, ∂L/∂W = Gᵀ X"] = check_gradient(lambda v: layer_loss(X, v, b), G.T @ X, W).relative_error
gradient_checks["layer, ∂L/∂b = Σ G"] = check_gradient(lambda v: layer_loss(X, W, v), G.sum(axis=0), b).relative_error

# %% [markdown]
# ## 5. The vector chain rule
#
# For `h(x) = f(g(x))`, the Jacobians multiply: `J_h(x) = J_f(g(x)) · J_g(x)`, shapes
# `(p, m) · (m, n) = (p, n)`. This is the single-variable chain rule with matrices in place of
# numbers, and the order matters. Backpropagation evaluates such a product from the left (starting
# with the loss's `1 x m` gradient), so every step is a cheap vector–Jacobian product: that choice
# of order is what "reverse mode" means.

# %%
A = rng.normal(size=(4, 3))


def inner(v):
    return np.tanh(A @ v)  # ℝ³ → ℝ⁴


def outer(u):
    return np.array([u.sum(), (u**2).sum()])  # ℝ⁴ → ℝ²


x = rng.normal(size=3)
J_inner = np.diag(1 - np.tanh(A @ x) ** 2) @ A  # (4, 3): element-wise after matrix-vector
J_outer = np.vstack([np.ones(4), 2 * inner(x)])  # (2, 4)
print("J_outer @ J_inner matches the numerical Jacobian of the composition:",
      np.allclose(J_outer @ J_inner, jacobian(lambda v: outer(inner(v)), x), atol=1e-8))

# %% [markdown]
# ## 6. The gradient of a neuron
#
# Parr and Howard's running example: a neuron `a = max(0, w·x + b)` and the mean squared error
# `L = (1/N) Σₙ (aₙ − yₙ)²` over a batch. Introduce the intermediate `z = X w + b` and go backwards:
#
# - `∂L/∂a = (2/N)(a − y)`
# - `∂L/∂z = ∂L/∂a ⊙ [z > 0]` (the ReLU passes gradient only where it is active)
# - `∂L/∂w = Xᵀ ∂L/∂z` and `∂L/∂b = Σₙ (∂L/∂z)ₙ`
#
# Then use the gradient to fit the neuron to data generated by a neuron.

# %%
d = 3
X = rng.normal(size=(200, d))
true_w, true_b = np.array([1.5, -2.0, 0.5]), 0.3
y = np.maximum(0, X @ true_w + true_b)


def neuron_loss(w, b_):
    return np.mean((np.maximum(0, X @ w + b_) - y) ** 2)


def neuron_gradients(w, b_):
    z = X @ w + b_  # (N,)
    grad_z = 2 / len(X) * (np.maximum(0, z) - y) * (z > 0)  # (N,)
    return X.T @ grad_z, grad_z.sum()


w, b_neuron = 0.1 * rng.normal(size=d), 0.5  # small w and b > 0: z > 0 for (almost) every example
gradient_checks["neuron, ∂L/∂w"] = check_gradient(lambda v: neuron_loss(v, b_neuron), neuron_gradients(w, b_neuron)[0], w).relative_error
history = []
for _ in range(200 if FAST else 1000):
    grad_w, grad_b = neuron_gradients(w, b_neuron)
    w, b_neuron = w - 0.1 * grad_w, b_neuron - 0.1 * grad_b
    history.append(neuron_loss(w, b_neuron))
print(f"learned w = {w}, b = {b_neuron:.3f}  (true {true_w}, {true_b});  final loss {history[-1]:.2e}")

# %% [markdown]
# The starting point matters. If z = X w + b is negative for every example, the ReLU's gate is
# closed everywhere, every gradient above is exactly 0, and the neuron never learns: a *dead ReLU*.
# Try it: start from `b_neuron = -5.0` and watch `history` stay flat. Initialisation schemes
# (stage 3) exist partly to avoid this.

# %% [markdown]
# ## 7. A two-layer network, every gradient by hand
#
# Everything composes. A network `x → Linear → ReLU → Linear → softmax cross-entropy` has:
#
# | step | forward | backward (given the gradient of its output) |
# |---|---|---|
# | linear | `Y = X Wᵀ + b` | `∂X = G W`, `∂W = Gᵀ X`, `∂b = Σ G` |
# | ReLU | `A = max(0, Z)` | `∂Z = G ⊙ [Z > 0]` |
# | softmax cross-entropy | `L = −mean log softmax(Z)[y]` | `∂Z = (softmax(Z) − onehot(y)) / N` |
#
# Below, a forward pass that keeps what the backward pass needs, a backward pass built only from
# that table, and a gradient check of every parameter. Stage 3 turns this table into an engine that
# applies it automatically.

# %%
def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def forward(params, X, y):
    """Loss of a 2-layer MLP and the intermediates backward() needs."""
    W1, b1, W2, b2 = params
    Z1 = X @ W1.T + b1  # (N, hidden)
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2.T + b2  # (N, classes)
    log_p = log_softmax(Z2)
    return -log_p[np.arange(len(y)), y].mean(), (X, Z1, A1, log_p)


def backward(params, cache, y):
    """Gradients of the loss with respect to W1, b1, W2, b2, applying the table row by row."""
    W1, b1, W2, b2 = params
    X, Z1, A1, log_p = cache
    grad_Z2 = np.exp(log_p)
    grad_Z2[np.arange(len(y)), y] -= 1
    grad_Z2 /= len(y)  # softmax cross-entropy
    grad_W2, grad_b2, grad_A1 = grad_Z2.T @ A1, grad_Z2.sum(axis=0), grad_Z2 @ W2  # linear
    grad_Z1 = grad_A1 * (Z1 > 0)  # ReLU
    grad_W1, grad_b1 = grad_Z1.T @ X, grad_Z1.sum(axis=0)  # linear (∂X not needed)
    return [grad_W1, grad_b1, grad_W2, grad_b2]


X_batch, y_batch = rng.normal(size=(16, 5)), rng.integers(0, 3, size=16)
params = [rng.normal(size=(8, 5)) * 0.5, rng.normal(size=8) * 0.1, rng.normal(size=(3, 8)) * 0.5, np.zeros(3)]
loss, cache = forward(params, X_batch, y_batch)
grads = backward(params, cache, y_batch)
for index, name in enumerate(["W1", "b1", "W2", "b2"]):
    def loss_of(value, index=index):
        trial = [p.copy() for p in params]
        trial[index] = value
        return forward(trial, X_batch, y_batch)[0]

    result = check_gradient(loss_of, grads[index], params[index])
    gradient_checks[f"MLP, ∂L/∂{name}"] = result.relative_error
    print(f"∂L/∂{name} {str(grads[index].shape):8s} {result}")

# %% [markdown]
# ## Summary of the checks
#
# Every rule derived in this lab, against central differences (pass below 1e-6, see
# `ldl.mathlab.numdiff` for why that threshold is safe in float64):

# %%
for name, error in gradient_checks.items():
    print(f"{name:28s} relative error {error:.1e}  {'ok' if error < 1e-6 else 'CHECK THIS'}")
worst = max(gradient_checks.values())

# %% [markdown]
# ## What to reproduce
#
# - Revive the dead ReLU of section 6 (start from b = −5): which change of initialisation fixes it?
# - Derive by hand, then check with `jacobian`: the Jacobian of `f(x) = x ⊙ x` and of
#   `f(x) = ‖x‖²`. Which one is a matrix, and which a row vector?
# - Add a third layer to the network in section 7 and extend `backward`. The table still suffices.
# - Exercises for this unit: `linear_jacobian`, `sigmoid_jacobian`, `softmax_jacobian`,
#   `least_squares_grad`, `neuron_grad`, `linear_layer_backward`.

# %%
report(
    worst_gradient_check=float(worst),
    neuron_final_loss=float(history[-1]),
    checks=len(gradient_checks),
    expect={"worst_gradient_check": ("<", 1e-6), "neuron_final_loss": ("<", 0.01 * float(history[0]))},
)
