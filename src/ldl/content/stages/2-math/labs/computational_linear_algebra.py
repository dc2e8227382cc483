# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: computational_linear_algebra
#     title: "Computational linear algebra: floating point, SVD, PCA, NMF and power iteration"
#     unit: math.computational-linear-algebra
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 90
#     tour: false
#     fast_timeout: 90
# ---

# %% [markdown]
# # Computational linear algebra: floating point, SVD, PCA, NMF and power iteration
#
# Linear algebra on paper and linear algebra on a computer differ in two ways: numbers are rounded
# to about 16 significant digits, and time matters. This lab shows when rounding bites (and how
# conditioning predicts it), then puts matrix factorisations to work: the SVD compresses an image,
# PCA flattens handwritten digits to two dimensions, NMF finds topics in a small text collection,
# randomized SVD gets the top of the spectrum many times faster than a full SVD, and power
# iteration finds a top eigenvector with nothing but matrix-vector products.
#
# **Accompanies:** fast.ai's [Computational Linear Algebra](https://github.com/fastai/numerical-linear-algebra)
# course (Rachel Thomas), especially lessons 2 (topic modeling with NMF and SVD), 3 (background
# removal with randomized SVD) and 6-7 (how the algorithms work), and its companion
# [blog post](https://www.fast.ai/posts/2017-07-17-num-lin-alg.html). For floating point, David
# Goldberg's [What Every Computer Scientist Should Know About Floating-Point Arithmetic](https://docs.oracle.com/cd/E19957-01/806-3568/ncg_goldberg.html).

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl.notebooks.lab import FAST, report

rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Floating point
#
# A float64 stores 53 significant bits, so numbers near 1 are spaced `ε = 2⁻⁵² ≈ 2.2e-16` apart and
# every operation rounds to the nearest representable value. Usually harmless; but subtracting two
# nearly equal numbers cancels their leading digits and leaves the rounding errors in charge
# (*catastrophic cancellation*). Below, `(1 − cos x)/x²` should approach 1/2 as x → 0; computed
# naively it falls apart, while the equivalent `2 sin²(x/2)/x²` does not.

# %%
print("0.1 + 0.2 == 0.3?", 0.1 + 0.2 == 0.3, "| difference", 0.1 + 0.2 - 0.3)
print("machine epsilon: float64", np.finfo(np.float64).eps, " float32", np.finfo(np.float32).eps)
xs = np.logspace(-10, 0, 200)
naive = (1 - np.cos(xs)) / xs**2
stable = 2 * np.sin(xs / 2) ** 2 / xs**2
fig, ax = plt.subplots(figsize=(6, 3.8))
ax.semilogx(xs, naive, label="(1 − cos x) / x²")
ax.semilogx(xs, stable, label="2 sin²(x/2) / x²")
ax.set_ylim(-0.2, 1.2)
ax.set_xlabel("x")
ax.legend()
plt.show()

# %% [markdown]
# The same cancellation hides in the textbook variance formula `E[X²] − E[X]²` for data far from
# zero, and in `log(sum(exp(z)))` for large logits (overflow instead of cancellation). Deep learning
# code is full of such rewrites: `logsumexp`, the stable softmax, `log1p`.
#
# ## 2. Conditioning: how much can errors grow?
#
# Solving `A x = b` with rounded data is solving a slightly wrong problem. The condition number
# `κ(A) = σ_max/σ_min` bounds how much a relative error in the data can be amplified in the answer.
# The Hilbert matrices `H[i, j] = 1/(i + j + 1)` are famously ill-conditioned; watch the error of a
# solve track `κ · ε` until nothing is left.

# %%
sizes = np.arange(2, 15)
conditions, errors = [], []
for size in sizes:
    i = np.arange(size)
    H = 1.0 / (i[:, None] + i[None, :] + 1)  # (size, size)
    x_true = np.ones(size)
    x_solved = np.linalg.solve(H, H @ x_true)
    conditions.append(np.linalg.cond(H))
    errors.append(np.linalg.norm(x_solved - x_true) / np.linalg.norm(x_true))
fig, ax = plt.subplots(figsize=(6, 3.8))
ax.semilogy(sizes, errors, "o-", label="relative error of the solve")
ax.semilogy(sizes, np.array(conditions) * np.finfo(float).eps, "k--", label="κ(H) · ε")
ax.set_xlabel("size of the Hilbert matrix")
ax.legend()
plt.show()

# %% [markdown]
# Rule of thumb: you lose about `log₁₀ κ` decimal digits. This is also why we never form `XᵀX` when
# the SVD will do: `κ(XᵀX) = κ(X)²`, which doubles the digits lost. And it is the linear-algebra
# face of the slow gradient descent in the calculus lab: an ill-conditioned Hessian means long,
# narrow valleys.
#
# ## 3. The SVD compresses an image
#
# A grayscale image is a matrix. Its SVD `A = Σᵢ σᵢ uᵢ vᵢᵀ` writes it as a sum of rank-1 layers,
# ordered by importance, and keeping the first k gives the best rank-k approximation (Eckart–Young).
# Storing k layers of an m x n image costs `k(m + n + 1)` numbers instead of `mn`.

# %%
from sklearn.datasets import load_sample_image

image = load_sample_image("china.jpg").mean(axis=2)  # (427, 640) grayscale, values 0..255
if FAST:
    image = image[::2, ::2]  # (214, 320): same code, a quarter of the work
U, sigma, Vt = np.linalg.svd(image, full_matrices=False)  # U (m, r), sigma (r,), Vt (r, n)
ranks = [5, 20, 50]
fig, axes = plt.subplots(1, len(ranks) + 1, figsize=(16, 3.4))
for ax, k in zip(axes, ranks, strict=False):
    approximation = U[:, :k] * sigma[:k] @ Vt[:k]  # (m, n), rank k
    stored = k * (sum(image.shape) + 1) / image.size
    error = np.linalg.norm(image - approximation) / np.linalg.norm(image)
    ax.imshow(approximation, cmap="gray")
    ax.set_title(f"rank {k}\n{stored:.0%} of the numbers, error {error:.1%}")
    ax.axis("off")
axes[-1].imshow(image, cmap="gray")
axes[-1].set_title("original")
axes[-1].axis("off")
plt.show()
energy = np.cumsum(sigma**2) / np.sum(sigma**2)
rank_for_99 = int(np.searchsorted(energy, 0.99) + 1)
print(f"singular values fall from {sigma[0]:.0f} to {sigma[-1]:.2f}; rank {rank_for_99} keeps 99% of the energy")

# %% [markdown]
# ## 4. PCA: the directions of largest variance
#
# PCA is the SVD of the centered data matrix: the rows of Vᵀ are the principal directions, and
# `σᵢ²/N` is the variance along each. Projecting the 64-dimensional digit images onto the first two
# directions already separates several digits, with no labels used.

# %%
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data  # (1797, 64)
Xc = X - X.mean(axis=0)  # center each pixel
_, s_digits, Vt_digits = np.linalg.svd(Xc, full_matrices=False)
projected = Xc @ Vt_digits[:2].T  # (1797, 2)
explained = s_digits**2 / np.sum(s_digits**2)
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
scatter = axes[0].scatter(projected[:, 0], projected[:, 1], c=digits.target, cmap="tab10", s=5)
axes[0].set_title("digits on the first two principal components")
plt.colorbar(scatter, ax=axes[0], label="digit")
axes[1].plot(np.cumsum(explained), ".-")
axes[1].set_xlabel("number of components")
axes[1].set_ylabel("fraction of variance explained")
plt.show()
print(f"2 components explain {explained[:2].sum():.1%} of the variance; 10 explain {explained[:10].sum():.1%}")

# %% [markdown]
# ## 5. NMF: topics in a text collection
#
# Represent each document as a row of word weights (TF-IDF), giving a non-negative
# documents x words matrix V. Non-negative matrix factorisation approximates `V ≈ W H` with both
# factors non-negative: H (topics x words) says which words make up each topic, W (documents x
# topics) how much of each topic each document contains. Because nothing can cancel, the parts are
# additive and usually readable, unlike the SVD's signed components. Our corpus is a tiny one
# written for this lab, on four subjects; NMF is told only "find 4 topics".

# %%
corpus = [
    "Whisk the eggs with sugar, fold in the flour and bake the cake in the oven.",
    "Simmer the tomato sauce with garlic and salt while the pasta cooks.",
    "Knead the dough, let it rise, and bake the bread in a hot oven.",
    "Roast the vegetables in the oven with olive oil, garlic and salt.",
    "Cook the onions in butter, add stock and salt, and simmer the soup.",
    "Stir the chopped herbs into the sauce and serve it with the pasta.",
    "Cream the butter and sugar, add flour, and bake the cookies in the oven.",
    "Season the fish with salt and pepper and cook it in olive oil.",
    "Marinate the chicken in yogurt and spices, cook it, and serve it with rice and sauce.",
    "Heat the oven before the dough goes in, or the bread will not rise.",
    "The telescope revealed the rings of the planet Saturn and the moons of Jupiter.",
    "When a star runs out of fuel it collapses into a neutron star or a black hole.",
    "The planet orbits its star every eighty days, too close for liquid water.",
    "Astronomers measured the light of a distant galaxy with a large telescope.",
    "The orbit of the moon grows slowly as tides carry energy away from the planet.",
    "Comets orbit the sun, and their tails point away from the star.",
    "Through the telescope the galaxy was a faint smudge of starlight among the stars.",
    "Mars is a cold desert planet whose two small moons orbit close to it.",
    "The sun is an ordinary star, one of billions of stars in our galaxy.",
    "A solar eclipse happens when the moon passes between the sun and our planet.",
    "The striker scored twice in the second half and the team won the match.",
    "The goalkeeper saved a penalty in the final minute to keep the score level.",
    "The coach changed the team's formation, and the midfield controlled the ball.",
    "Fans filled the stadium to watch the derby match between the two rival teams.",
    "A late goal from the defender sent the team to the cup final.",
    "The referee showed a red card and the team played the rest of the match with ten players.",
    "The league title was decided on goal difference after the last match of the season.",
    "The players trained on passing the ball quickly before the big match.",
    "The young striker signed for a new team after scoring twenty goals in the season.",
    "The match ended in a draw after the keeper stopped a late shot at goal.",
    "Plant the tomato seedlings in spring, after the last frost, in rich soil.",
    "Water the roses at the roots in the morning and prune them in late winter.",
    "Compost improves the soil and feeds the worms that keep the garden healthy.",
    "Sow the carrot seeds thinly in rows and keep the soil moist until they sprout.",
    "The garden needs mulch in summer to keep the soil cool and hold the water.",
    "Prune the apple tree in winter so that it flowers and fruits well in spring.",
    "Slugs ate the young lettuce plants in the garden, so the gardener put copper rings around them.",
    "Dig the garden bed, add compost to the soil, and plant the potatoes deep.",
    "Bees visit the flowers in the garden and help the fruit trees set their fruit.",
    "Seeds need warmth, water and light to sprout; plant them in good garden soil.",
]
subjects = ["cooking"] * 10 + ["astronomy"] * 10 + ["football"] * 10 + ["gardening"] * 10

# %% [markdown]
# A documents x words matrix is mostly zeros (each sentence uses a handful of the words), so it is
# stored *sparse*: only the non-zero values and their positions. For a real corpus (millions of
# documents, a vocabulary of 10⁵) that is the difference between megabytes and terabytes.
#
# First scikit-learn's TF-IDF and NMF, then the same factorisation from scratch with Lee and Seung's
# multiplicative updates: `H ← H ⊙ (WᵀV)/(WᵀWH)`, `W ← W ⊙ (VHᵀ)/(WHHᵀ)`. Each update can only scale
# entries by a non-negative factor, so non-negative factors stay non-negative, and the squared
# error `‖V − WH‖²` never increases.

# %%
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

vectorizer = TfidfVectorizer(stop_words="english")
V_sparse = vectorizer.fit_transform(corpus)  # a scipy CSR matrix: only non-zeros are stored
V = V_sparse.toarray()  # (40 documents, vocabulary size), dense for the from-scratch version
sparse_bytes = V_sparse.data.nbytes + V_sparse.indices.nbytes + V_sparse.indptr.nbytes
print(f"V is {V.shape}, {V_sparse.nnz / V.size:.1%} non-zero: {sparse_bytes:,} bytes sparse vs {V.nbytes:,} dense")
vocabulary = np.array(vectorizer.get_feature_names_out())
nmf = NMF(n_components=4, init="nndsvda", max_iter=500, random_state=0)
W_docs = nmf.fit_transform(V)  # (40, 4)
H_topics = nmf.components_  # (4, vocabulary size)
for topic, weights in enumerate(H_topics):
    members = [subjects[d] for d in np.flatnonzero(W_docs.argmax(axis=1) == topic)]
    majority = max(set(members), key=members.count) if members else "-"
    print(f"topic {topic} (mostly {majority:9s}): {', '.join(vocabulary[np.argsort(weights)[::-1][:8]])}")


def nmf_multiplicative(V, k, num_steps, seed=0):
    """V ≈ W H with W (docs, k), H (k, words) non-negative, by Lee & Seung's updates."""
    generator = np.random.default_rng(seed)
    W = generator.random((V.shape[0], k))
    H = generator.random((k, V.shape[1]))
    tiny = 1e-10  # avoids 0/0 for all-zero rows
    for _ in range(num_steps):
        H *= (W.T @ V) / (W.T @ W @ H + tiny)
        W *= (V @ H.T) / (W @ H @ H.T + tiny)
    return W, H


W_own, H_own = nmf_multiplicative(V, 4, 200 if FAST else 1000)
print(f"reconstruction error ‖V − WH‖: scikit-learn {nmf.reconstruction_err_:.3f}, from scratch {np.linalg.norm(V - W_own @ H_own):.3f}")


def purity(topic_of_document):
    """Fraction of documents whose topic's majority subject is their own subject."""
    agree = 0
    for topic in np.unique(topic_of_document):
        members = [subjects[d] for d in np.flatnonzero(topic_of_document == topic)]
        agree += max(members.count(s) for s in set(members))
    return agree / len(topic_of_document)


topic_purity = purity(W_docs.argmax(axis=1))
print(f"topic purity: scikit-learn {topic_purity:.0%}, from scratch {purity(W_own.argmax(axis=1)):.0%}")

# %% [markdown]
# ## 6. Randomized SVD versus the full SVD
#
# Often we need only the top k singular vectors of a big matrix (PCA with k components, topic
# models, low-rank compression). The randomized SVD of Halko, Martinsson and Tropp gets them fast:
# multiply A by a random `(n, k + p)` matrix to sample its range, orthonormalise that sample into Q,
# and take the small SVD of `Qᵀ A`. A couple of *power iterations* (multiplying by `A Aᵀ`) sharpen
# the sample when the singular values decay slowly. Here is the whole algorithm, timed against
# numpy's full SVD on one thread (so the comparison is fair on a busy machine).

# %%
def randomized_svd(A, k, oversample=10, power_steps=2, seed=0):
    """Top-k SVD of A (m, n) via a random range finder: returns U (m, k), sigma (k,), Vt (k, n)."""
    omega = np.random.default_rng(seed).normal(size=(A.shape[1], k + oversample))  # (n, k + p)
    Q, _ = np.linalg.qr(A @ omega)  # (m, k + p), orthonormal basis of A's sampled range
    for _ in range(power_steps):
        Q, _ = np.linalg.qr(A @ (A.T @ Q))  # re-orthonormalise each time to keep it well conditioned
    U_small, sigma, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)  # (k + p, n): small
    return (Q @ U_small)[:, :k], sigma[:k], Vt[:k]


m, n, k = (600, 400, 10) if FAST else (2000, 1000, 20)
A = rng.normal(size=(m, k)) @ rng.normal(size=(k, n)) + 0.01 * rng.normal(size=(m, n))  # rank k + noise


def timed(fn, repeats=3):
    """Best wall time of a few runs, in seconds, and the last result."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


with threadpool_limits(1):
    full_seconds, (U_full, s_full, Vt_full) = timed(lambda: np.linalg.svd(A, full_matrices=False))
    fast_seconds, (U_fast, s_fast, Vt_fast) = timed(lambda: randomized_svd(A, k))
speedup = full_seconds / fast_seconds
top_error = float(np.max(np.abs(s_fast - s_full[:k]) / s_full[:k]))
print(f"{m}x{n}, top {k}: full SVD {full_seconds * 1e3:.1f} ms, randomized {fast_seconds * 1e3:.1f} ms "
      f"(×{speedup:.1f} faster); worst relative error in the top singular values {top_error:.1e}")

# %% [markdown]
# ## 7. Power iteration
#
# Multiply a random vector by A again and again, normalising each time, and it turns towards the
# eigenvector with the largest |λ|: its component grows by `|λ₁/λ₂|` per step relative to the next.
# Only matrix-vector products are needed, which is why PageRank ran on the whole web this way.
# Here it finds the first principal direction of the digits (the top eigenvector of the covariance
# matrix), and the error falls at exactly the predicted rate.

# %%
covariance = Xc.T @ Xc / len(Xc)  # (64, 64)
eigenvalues, eigenvectors = np.linalg.eigh(covariance)  # ascending
top = eigenvectors[:, -1]
v = rng.normal(size=64)
angle_errors = []
num_power_steps = 120
for _ in range(num_power_steps):
    v = covariance @ v
    v /= np.linalg.norm(v)
    angle_errors.append(np.sqrt(max(0.0, 1 - (v @ top) ** 2)))  # sine of the angle to the answer
rate = eigenvalues[-2] / eigenvalues[-1]
fig, ax = plt.subplots(figsize=(6, 3.8))
ax.semilogy(angle_errors, label="power iteration")
ax.semilogy(angle_errors[0] * rate ** np.arange(num_power_steps), "k--", label=f"(λ₂/λ₁)^t, λ₂/λ₁ = {rate:.2f}")
ax.set_xlabel("step t")
ax.set_ylabel("sin(angle to top eigenvector)")
ax.legend()
plt.show()
rayleigh = float(v @ covariance @ v)
print(f"Rayleigh quotient {rayleigh:.4f}, top eigenvalue {eigenvalues[-1]:.4f}; same direction as PCA: "
      f"{abs(v @ Vt_digits[0]):.6f}")

# %% [markdown]
# ## What to reproduce
#
# - Find the smallest rank that makes the compressed image look right to you, and compute its
#   storage cost. Does the rank for 99% energy agree with your eye?
# - Run NMF with 3 and with 6 topics. What merges, what splits?
# - Time the randomized SVD with `power_steps=0` on a matrix whose singular values decay slowly
#   (pure noise, `rng.normal(size=(m, n))`). How accurate is it? What do the power steps buy?
# - Exercises for this unit: `condition_number`, `power_iteration`, `pca_via_svd`.

# %%
report(
    randomized_svd_speedup=round(float(speedup), 2),
    randomized_svd_top_error=top_error,
    image_rank_for_99_percent=rank_for_99,
    topic_purity=float(topic_purity),
    expect={
        "randomized_svd_top_error": ("<", 1e-6),
        "topic_purity": (">", 1 / len(set(subjects)) + 0.4),  # random topics: about 1 in 4
    },
)
