# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: linear_algebra_as_maps
#     title: "Linear algebra: vectors and matrices as data and as maps"
#     unit: math.linear-algebra
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     tour: false
#     fast_timeout: 60
# ---

# %% [markdown]
# # Linear algebra: vectors and matrices as data and as maps
#
# A matrix plays two roles in deep learning. It is **data**: a batch of 64 images of 28x28 pixels is
# a 64x784 matrix, one example per row. And it is a **map**: a layer's weight matrix `W` sends an
# input vector `x` to `W x`. This lab builds intuition for both, with pictures: how a 2x2 matrix
# moves the plane, why multiplying matrices composes maps, what norms and rank measure, what
# eigenvectors are, and the singular value decomposition (SVD), which says that *every* matrix is a
# rotation, a stretch and another rotation.
#
# **Accompanies:** the [CS229 Linear Algebra Review and Reference](https://cs229.stanford.edu/section/cs229-linalg.pdf)
# (Kolter and Do) and chapter 2 of the [Deep Learning Book](https://www.deeplearningbook.org/contents/linear_algebra.html)
# (Goodfellow, Bengio, Courville). For the geometric picture, 3Blue1Brown's
# [Essence of Linear Algebra](https://www.3blue1brown.com/topics/linear-algebra) videos are a
# delightful companion. Read a section, then run the matching cells here.

# %%
import matplotlib.pyplot as plt
import numpy as np

from ldl.mathlab import plot_linear_map
from ldl.notebooks.lab import FAST, report

rng = np.random.default_rng(0)
np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## 1. Matrices as data
#
# A data set with N examples and d features is an `(N, d)` array. Here are the 8x8 handwritten
# digits that ship with scikit-learn: each image is 64 numbers, so the data set is a matrix with
# one row per image. Operations on the whole matrix act on every example at once; that is why deep
# learning code is written with matrices and never with loops over examples.

# %%
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data  # (1797, 64): one flattened 8x8 image per row
print("data matrix:", X.shape, "| one row reshaped to an image:", X[0].reshape(8, 8).shape)
fig, axes = plt.subplots(1, 6, figsize=(9, 1.8))
for ax, row, label in zip(axes, X[:6], digits.target[:6], strict=True):
    ax.imshow(row.reshape(8, 8), cmap="gray_r")  # (64,) -> (8, 8)
    ax.set_title(str(label))
    ax.axis("off")
plt.show()

# %% [markdown]
# Shapes are the first thing to check in any deep learning code. numpy (and PyTorch) also
# *broadcast*: when two arrays' shapes differ, dimensions of size 1 (or missing on the left) are
# stretched to match. That is how a layer adds one bias vector of shape `(m,)` to every row of an
# `(N, m)` batch. The same rule silently turns a shape mistake into a wrong answer: subtracting a
# column `(N, 1)` from a vector `(N,)` gives an `(N, N)` matrix, not an error.

# %%
batch = rng.normal(size=(4, 3))  # (N, m) = (4, 3)
bias = np.array([10.0, 20.0, 30.0])  # (m,): broadcast over the 4 rows
print("batch + bias:", (batch + bias).shape)
predictions = rng.normal(size=4)  # (N,)
targets = rng.normal(size=(4, 1))  # (N, 1): one stray axis
error = predictions - targets  # (N,) - (N, 1) broadcasts to (N, N)!
print("predictions - targets:", error.shape, "<- a silent bug: np.mean(error ** 2) is now meaningless")
print("fixed:", (predictions - targets[:, 0]).shape)

# %% [markdown]
# ## 2. Matrices as maps
#
# The columns of a matrix tell you everything about the map: `A e₁` is the first column and `A e₂`
# the second, and every other vector `x = x₁e₁ + x₂e₂` goes to `x₁(A e₁) + x₂(A e₂)`. Below, the
# left panel is the plane with its grid and the two basis vectors; the right panel is where `A`
# sends them. Grid lines stay straight, parallel and evenly spaced: that is what *linear* means.

# %%
maps = {
    "stretch x by 2": np.array([[2.0, 0.0], [0.0, 1.0]]),
    "rotate by 30°": np.array([[np.cos(np.pi / 6), -np.sin(np.pi / 6)], [np.sin(np.pi / 6), np.cos(np.pi / 6)]]),
    "shear": np.array([[1.0, 1.0], [0.0, 1.0]]),
    "squash onto a line (rank 1)": np.array([[1.0, 2.0], [0.5, 1.0]]),
}
fig, axes = plt.subplots(2, 4, figsize=(14, 7))
for column, (name, A) in enumerate(maps.items()):
    plot_linear_map(A, axes=(axes[0, column], axes[1, column]), title=name)
plt.tight_layout()
plt.show()

# %% [markdown]
# The determinant is the factor by which a map scales areas (negative if it flips the plane over).
# The last map has determinant 0: it squashes the whole plane onto a line, and no information about
# the direction it squashed can be recovered. Such a matrix has no inverse.

# %%
for name, A in maps.items():
    print(f"{name:30s} det = {np.linalg.det(A):6.3f}")

# %% [markdown]
# ## 3. Matrix products are compositions
#
# Applying `A` and then `B` sends `x` to `B(A x) = (B A) x`. So the product `B A` is the matrix of
# "first A, then B", read right to left, like function composition `g(f(x))`. Order matters: a
# rotation after a stretch is not a stretch after a rotation. A deep network without activation
# functions is a product of matrices, and therefore collapses to a single linear map; the
# non-linearities between layers are what make depth worth having.

# %%
stretch, rotate = maps["stretch x by 2"], maps["rotate by 30°"]
x = np.array([1.0, 1.0])
print("rotate(stretch(x)) =", rotate @ (stretch @ x), "=", (rotate @ stretch) @ x)
print("stretch(rotate(x)) =", stretch @ (rotate @ x), "(different: order matters)")
fig, axes = plt.subplots(2, 2, figsize=(8, 8))
plot_linear_map(rotate @ stretch, axes=axes[0], title="stretch, then rotate")
plot_linear_map(stretch @ rotate, axes=axes[1], title="rotate, then stretch")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Norms: how big is a vector?
#
# A norm measures length. The Euclidean norm `‖x‖₂ = √(Σ xᵢ²)` is the familiar one; `‖x‖₁ = Σ|xᵢ|`
# and `‖x‖∞ = max|xᵢ|` are also used (weight decay penalises ‖w‖₂², the lasso ‖w‖₁). The picture of
# each is its *unit ball*, the set of vectors of length at most 1.

# %%
angles = np.linspace(0, 2 * np.pi, 400)
directions = np.stack([np.cos(angles), np.sin(angles)])  # (2, 400) unit directions
fig, ax = plt.subplots(figsize=(4.5, 4.5))
for order, style in ((1, "-"), (2, "--"), (np.inf, ":")):
    lengths = np.linalg.norm(directions, ord=order, axis=0)  # (400,)
    boundary = directions / lengths  # rescale each direction to norm 1
    ax.plot(boundary[0], boundary[1], style, label=f"‖x‖ = 1 for the {order}-norm")
ax.set_aspect("equal")
ax.legend(loc="lower left", fontsize="small")
plt.show()

# %% [markdown]
# A matrix norm measures how much a map can stretch: the *spectral norm* `‖A‖₂` is the largest
# factor `‖A x‖ / ‖x‖` over all x. Let's estimate it by brute force over many random directions, and
# compare with the exact answer (the largest singular value, see section 7).

# %%
A = rng.normal(size=(3, 3))
samples = rng.normal(size=(3, 2_000 if FAST else 200_000))
ratios = np.linalg.norm(A @ samples, axis=0) / np.linalg.norm(samples, axis=0)
spectral_ratio = ratios.max() / np.linalg.norm(A, 2)  # at most 1; close to 1 with enough samples
print(f"largest stretch found: {ratios.max():.4f}   spectral norm: {np.linalg.norm(A, 2):.4f}")

# %% [markdown]
# ## 5. Rank: how many directions survive?
#
# The rank of a matrix is the dimension of its output space: how many independent directions its
# columns span. A 784x784 matrix of rank 10 maps all of ℝ⁷⁸⁴ into a 10-dimensional subspace. Low
# rank is everywhere in deep learning: LoRA fine-tunes large models by adding low-rank updates.
# Numerically we count the singular values that are not negligible.

# %%
U_part = rng.normal(size=(50, 3))
V_part = rng.normal(size=(3, 40))
low_rank = U_part @ V_part  # (50, 40), but built from 3 directions
noisy = low_rank + 1e-6 * rng.normal(size=low_rank.shape)
for name, M in (("product of 50x3 and 3x40", low_rank), ("same plus 1e-6 noise", noisy)):
    singular_values = np.linalg.svd(M, compute_uv=False)
    largest = ", ".join(f"{value:.1e}" for value in singular_values[:5])
    print(f"{name:26s} rank {np.linalg.matrix_rank(M):2d}; singular values {largest}, ...")

# %% [markdown]
# The noisy version has full rank in exact arithmetic, but only 3 singular values are large: it is
# *numerically* rank 3. `matrix_rank` uses a tolerance; with noise above it, the count jumps to 40.
# Looking at the singular values tells you more than the single number.
#
# ## 6. Eigenvectors: directions a map only stretches
#
# An eigenvector of a square matrix is a direction the map leaves on its own line: `A v = λ v`. For
# a symmetric matrix there is a full set of orthogonal eigenvectors, and in that basis the map is
# just a stretch along each axis. Below, unit vectors (grey) and their images (blue) under a
# symmetric A: only the two eigen-directions (red) are not turned.

# %%
S = np.array([[2.0, 1.0], [1.0, 2.0]])
eigenvalues, eigenvectors = np.linalg.eigh(S)  # ascending; columns are unit eigenvectors
print("eigenvalues:", eigenvalues, "\neigenvectors (columns):\n", eigenvectors)
fig, ax = plt.subplots(figsize=(5, 5))
for angle in np.linspace(0, np.pi, 12, endpoint=False):
    u = np.array([np.cos(angle), np.sin(angle)])
    ax.annotate("", xy=u, xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "grey"})
    ax.annotate("", xy=S @ u, xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "tab:blue", "alpha": 0.6})
for value, vector in zip(eigenvalues, eigenvectors.T, strict=True):
    ax.plot(*np.stack([-3 * vector, 3 * vector]).T, color="tab:red", lw=1)
    ax.text(*(value * vector * 1.08), f"λ = {value:g}", color="tab:red")
ax.set_xlim(-3.2, 3.2)
ax.set_ylim(-3.2, 3.2)
ax.set_aspect("equal")
plt.show()
print("A v - λ v for the first pair:", S @ eigenvectors[:, 0] - eigenvalues[0] * eigenvectors[:, 0])

# %% [markdown]
# ## 7. The SVD: every matrix is rotate, stretch, rotate
#
# Eigenvectors need a square matrix and may not exist (a rotation has none in the plane). The
# singular value decomposition always exists: `A = U Σ Vᵀ`, with `U` and `V` orthogonal (rotations
# or reflections) and `Σ` diagonal with non-negative entries, the *singular values*. Read right to
# left: rotate by `Vᵀ`, stretch the axes by `Σ`, rotate by `U`. The picture shows the unit circle
# becoming an ellipse whose semi-axes are the singular values.

# %%
A = np.array([[1.0, 1.5], [0.3, 1.0]])
U, sigma, Vt = np.linalg.svd(A)
circle = directions  # (2, 400)
stages = {"unit circle": circle, "Vᵀ: rotate": Vt @ circle, "Σ: stretch": np.diag(sigma) @ Vt @ circle,
          "U: rotate = A": U @ np.diag(sigma) @ Vt @ circle}
fig, axes = plt.subplots(1, 4, figsize=(14, 3.8))
for ax, (name, points) in zip(axes, stages.items(), strict=True):
    ax.plot(points[0], points[1])
    ax.plot(points[0, :100:25], points[1, :100:25], "o", ms=4)  # a few marked points to follow
    ax.set_title(name)
    ax.set_aspect("equal")
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(-2.2, 2.2)
plt.show()
print("singular values:", sigma, "| U Σ Vᵀ == A:", np.allclose(U @ np.diag(sigma) @ Vt, A))

# %% [markdown]
# Keeping only the largest k singular values gives the best rank-k approximation of a matrix (the
# Eckart–Young theorem). The computational linear algebra lab uses this to compress an image.
#
# ## What to reproduce
#
# - Predict the shape of `np.ones((5, 1, 3)) + np.ones((4, 1))`, then check.
# - Make your own 2x2 matrix with determinant −1 and draw it with `plot_linear_map`. What happened
#   to the orientation of e₁ and e₂?
# - Find a 2x2 matrix with no real eigenvectors (hint: section 2 has one) and check with
#   `np.linalg.eig`.
# - Exercises for this unit: `compose_maps`, `project_onto_subspace`, `eigen_reconstruct`
#   (`ldl exercises` lists them).

# %%
report(
    brute_force_over_spectral_norm=round(float(spectral_ratio), 4),
    numerical_rank_of_noisy=int(np.sum(np.linalg.svd(noisy, compute_uv=False) > 1e-3)),
    expect={"brute_force_over_spectral_norm": (">", 0.98), "numerical_rank_of_noisy": ("<=", 3)},
)
