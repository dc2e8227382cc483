# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: probability_and_likelihood
#     title: "Probability: from random variables to the cross-entropy loss"
#     unit: math.probability
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     tour: false
#     fast_timeout: 60
# ---

# %% [markdown]
# # Probability: from random variables to the cross-entropy loss
#
# A classifier does not say "this is a 7"; it says "7 with probability 0.92". Its loss, the
# cross-entropy, is not an arbitrary choice either: it is the negative log-likelihood of the data
# under the model, the quantity maximum likelihood minimises. This lab walks the path from random
# variables, expectation and variance, through the common distributions and Bayes' rule, to maximum
# likelihood, and ends by training a small softmax classifier with exactly that loss.
#
# **Accompanies:** the [CS229 Review of Probability Theory](https://cs229.stanford.edu/section/cs229-prob.pdf)
# (Maleki and Do) and chapter 3, "Probability and Information Theory", of the
# [Deep Learning Book](https://www.deeplearningbook.org/contents/prob.html); maximum likelihood is
# section 5.5 of [its chapter 5](https://www.deeplearningbook.org/contents/ml.html).

# %%
import matplotlib.pyplot as plt
import numpy as np

from ldl.notebooks.lab import FAST, report

rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Random variables and common distributions
#
# A random variable is a number whose value depends on chance, described by a distribution: a
# probability mass function (pmf) for discrete values, a density (pdf) for continuous ones. Four
# you will meet constantly: the **Bernoulli** (one coin flip: a binary label), the **binomial**
# (the number of heads in n flips), the **categorical** (one roll of a k-sided die: a class label),
# and the **Gaussian** (noise, initial weights). Below, histograms of samples against the exact pmf
# or pdf.

# %%
from math import comb

num_samples = 2_000 if FAST else 50_000
fig, axes = plt.subplots(1, 4, figsize=(16, 3.5))
flips = rng.random(num_samples) < 0.3
axes[0].bar([0, 1], [np.mean(~flips), np.mean(flips)], alpha=0.6, label="samples")
axes[0].plot([0, 1], [0.7, 0.3], "ko", label="pmf")
axes[0].set_title("Bernoulli(p = 0.3)")
heads = rng.binomial(10, 0.3, size=num_samples)
k = np.arange(11)
axes[1].bar(k, np.bincount(heads, minlength=11) / num_samples, alpha=0.6)
axes[1].plot(k, [comb(10, i) * 0.3**i * 0.7 ** (10 - i) for i in k], "ko")
axes[1].set_title("binomial(n = 10, p = 0.3)")
class_probs = np.array([0.1, 0.2, 0.4, 0.2, 0.1])
labels = rng.choice(5, size=num_samples, p=class_probs)
axes[2].bar(range(5), np.bincount(labels, minlength=5) / num_samples, alpha=0.6)
axes[2].plot(range(5), class_probs, "ko")
axes[2].set_title("categorical over 5 classes")
noise = rng.normal(1.0, 0.5, size=num_samples)
xs = np.linspace(-1, 3, 200)
axes[3].hist(noise, bins=40, density=True, alpha=0.6)
axes[3].plot(xs, np.exp(-((xs - 1.0) ** 2) / (2 * 0.25)) / np.sqrt(2 * np.pi * 0.25), "k")
axes[3].set_title("Gaussian(μ = 1, σ = 0.5)")
axes[0].legend()
plt.show()

# %% [markdown]
# ## 2. Expectation and variance, and the law of large numbers
#
# The expectation `E[X] = Σ x p(x)` (or `∫ x p(x) dx`) is the long-run average; the variance
# `Var[X] = E[(X − E[X])²]` measures the spread around it. The average of N independent samples
# converges to E[X], and its error shrinks like `σ/√N`. That `1/√N` is why mini-batch gradients
# (averages over a batch) are noisy, and why quadrupling the batch only halves the noise.

# %%
die = rng.integers(1, 7, size=num_samples)  # fair die: E = 3.5, Var = 35/12
running_mean = np.cumsum(die) / np.arange(1, num_samples + 1)
n = np.arange(1, num_samples + 1)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(n, running_mean, label="running average of die rolls")
ax.plot(n, 3.5 + np.sqrt(35 / 12) / np.sqrt(n), "k--", lw=0.8, label="3.5 ± σ/√N")
ax.plot(n, 3.5 - np.sqrt(35 / 12) / np.sqrt(n), "k--", lw=0.8)
ax.set_xscale("log")
ax.set_ylim(2, 5)
ax.set_xlabel("number of rolls N")
ax.legend()
plt.show()
print(f"sample mean {die.mean():.4f} (exact 3.5), sample variance {die.var():.4f} (exact {35 / 12:.4f})")

# %% [markdown]
# ## 3. Bayes' rule
#
# `P(H | E) = P(E | H) P(H) / P(E)`: a prior belief `P(H)`, updated by how well each hypothesis
# explains the evidence. A medical test that is 99% sensitive and 95% specific, for a disease 1 in
# 100 people have, gives a positive result whose probability of disease is only about 17%: the 5%
# false positives among the 99 healthy people outnumber the true positives.
#
# The same rule learns a coin's bias p from flips. Put a prior on a grid of p values (uniform:
# no opinion), and after each flip multiply by the likelihood of that flip, `p` for heads and
# `1 − p` for tails, then normalise. The posterior sharpens around the truth.

# %%
p_grid = np.linspace(0, 1, 501)
belief = np.ones_like(p_grid) / len(p_grid)  # uniform prior
coin = rng.random(200) < 0.7  # a coin with true p = 0.7
fig, ax = plt.subplots(figsize=(7, 4))
shown = {0, 1, 5, 20, 200}
for t in range(len(coin) + 1):
    if t in shown:
        ax.plot(p_grid, belief / (p_grid[1] - p_grid[0]), label=f"after {t} flips")
    if t < len(coin):
        belief = belief * (p_grid if coin[t] else 1 - p_grid)  # prior × likelihood
        belief /= belief.sum()  # ÷ P(evidence)
ax.axvline(0.7, color="grey", ls=":")
ax.set_xlabel("coin bias p")
ax.set_ylabel("posterior density")
ax.legend()
plt.show()
posterior_mean = float(p_grid @ belief)
print(f"posterior mean after 200 flips: {posterior_mean:.3f} (true p = 0.7, heads seen: {coin.mean():.3f})")

# %% [markdown]
# ## 4. Maximum likelihood
#
# Maximum likelihood picks the parameters θ under which the observed data is most probable:
# `θ̂ = argmax Σₙ log p(xₙ | θ)`. We sum logs rather than multiply probabilities because a product
# of thousands of numbers below 1 underflows to 0. For a Gaussian, calculus gives the answer in
# closed form: the sample mean, and the average squared deviation (divided by N, not N − 1). The
# contour plot shows the log-likelihood of a sample as a function of (μ, σ), with that closed-form
# answer at its peak.

# %%
sample = rng.normal(2.0, 0.8, size=50)


def log_likelihood(mu, sigma, x=sample):
    """Σₙ log N(xₙ | μ, σ²); mu and sigma may be arrays of the same shape (a grid)."""
    x = x.reshape((-1,) + (1,) * np.ndim(mu))  # (N, 1, 1) against a (H, W) grid
    return np.sum(-0.5 * np.log(2 * np.pi * sigma**2) - (x - mu) ** 2 / (2 * sigma**2), axis=0)


mu_hat, sigma_hat = sample.mean(), sample.std()  # std() divides by N: the MLE
mus, sigmas = np.meshgrid(np.linspace(1.4, 2.6, 120), np.linspace(0.5, 1.3, 120))
fig, ax = plt.subplots(figsize=(6, 4.5))
contours = ax.contour(mus, sigmas, log_likelihood(mus, sigmas), levels=30, cmap="viridis")
ax.plot([mu_hat], [sigma_hat], "r*", ms=12, label="closed-form MLE")
ax.set_xlabel("μ")
ax.set_ylabel("σ")
ax.legend()
plt.colorbar(contours, label="log-likelihood")
plt.show()
on_grid = np.unravel_index(np.argmax(log_likelihood(mus, sigmas)), mus.shape)
print(f"closed form: μ̂ = {mu_hat:.3f}, σ̂ = {sigma_hat:.3f}; best grid point: μ = {mus[on_grid]:.3f}, σ = {sigmas[on_grid]:.3f}")

# %% [markdown]
# ## 5. Why cross-entropy is the negative log-likelihood of softmax outputs
#
# A classifier maps an input x to logits `z = f(x)`, one per class, and the softmax turns them into
# a categorical distribution, `p(y = k | x) = exp(zₖ) / Σⱼ exp(zⱼ)`. The likelihood of a labelled
# data set is `Πₙ p(yₙ | xₙ)`, so maximum likelihood minimises the average negative log-likelihood
#
# `L = −(1/N) Σₙ log p(yₙ | xₙ) = −(1/N) Σₙ Σₖ [yₙ = k] log p(k | xₙ)`,
#
# and the inner sum is the cross-entropy `H(q, p) = −Σₖ qₖ log pₖ` between the one-hot target q and
# the prediction p. Same number, two names. Let's confirm it on numbers, then train a softmax
# (multinomial logistic) regression by gradient descent on this loss. The gradient with respect to
# the logits is `(p − onehot(y)) / N`: the matrix calculus lab derives it.

# %%
def log_softmax(logits):
    """Row-wise log of the softmax, shifted by each row's max so exp never overflows."""
    shifted = logits - logits.max(axis=1, keepdims=True)  # (N, K)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


logits = np.array([[2.0, 0.5, -1.0]])
probabilities = np.exp(log_softmax(logits))
one_hot = np.array([[1.0, 0.0, 0.0]])
print("−log p(y):          ", -log_softmax(logits)[0, 0])
print("cross-entropy H(q,p):", -(one_hot * np.log(probabilities)).sum())

# %%
centers = np.array([[0.0, 2.0], [-1.8, -1.0], [1.8, -1.0]])
points_per_class = 100 if FAST else 400
X = np.concatenate([c + rng.normal(scale=0.9, size=(points_per_class, 2)) for c in centers])  # (3n, 2)
y = np.repeat(np.arange(3), points_per_class)  # (3n,)
order = rng.permutation(len(y))  # shuffle, then hold out a quarter as a test set
test_size = len(y) // 4
X_test, y_test = X[order[:test_size]], y[order[:test_size]]
X, y = X[order[test_size:]], y[order[test_size:]]  # the training set
W, b = np.zeros((3, 2)), np.zeros(3)  # logits = X Wᵀ + b, the nn.Linear layout
lr, num_epochs = 0.5, 100 if FAST else 300
losses = []
for _ in range(num_epochs):
    log_p = log_softmax(X @ W.T + b)  # (3n, 3)
    losses.append(-log_p[np.arange(len(y)), y].mean())  # the negative log-likelihood
    grad_logits = np.exp(log_p)  # (3n, 3): p − onehot(y), divided by N below
    grad_logits[np.arange(len(y)), y] -= 1.0
    grad_logits /= len(y)
    W -= lr * grad_logits.T @ X  # (3, 2)
    b -= lr * grad_logits.sum(axis=0)  # (3,)
accuracy = float(np.mean((X @ W.T + b).argmax(axis=1) == y))
test_accuracy = float(np.mean((X_test @ W.T + b).argmax(axis=1) == y_test))
standard_error = np.sqrt(test_accuracy * (1 - test_accuracy) / len(y_test))
print(f"training accuracy {accuracy:.1%}; test accuracy {test_accuracy:.1%} ± {standard_error:.1%} (one standard error)")

grid_x, grid_y = np.meshgrid(np.linspace(-5, 5, 200), np.linspace(-4.5, 5.5, 200))
grid = np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)  # (40000, 2)
regions = (grid @ W.T + b).argmax(axis=1).reshape(grid_x.shape)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
axes[0].plot(losses)
axes[0].set_xlabel("epoch")
axes[0].set_ylabel("negative log-likelihood = cross-entropy")
axes[1].contourf(grid_x, grid_y, regions, alpha=0.2, levels=[-0.5, 0.5, 1.5, 2.5], colors=["C0", "C1", "C2"])
for k in range(3):
    axes[1].scatter(*X[y == k].T, s=6, color=f"C{k}")
axes[1].set_title(f"decision regions, training accuracy {accuracy:.1%}")
plt.show()

# %% [markdown]
# A loss of log 3 ≈ 1.099 at the start is no accident: with zero weights the model predicts 1/3 for
# every class. A loss of 0 would need probability 1 on every correct label.
#
# What does the test accuracy estimate? The test points were never used for training, so each is
# an independent draw from the same distribution as future data: their accuracy is an unbiased
# estimate of the accuracy on new data, a proportion with standard error `√(a(1 − a)/n)`. With 75
# test points (300 in full mode) that is a few percentage points, which is why small test sets
# can't tell close models apart. The training accuracy is biased upwards: the model was fitted to
# those very points.
#
# ## What to reproduce
#
# - Redo the coin experiment with a prior that strongly believes the coin is fair (for example
#   proportional to `p⁵⁰(1 − p)⁵⁰`). How many flips does it take to change its mind?
# - Replace `sample.std()` by `sample.std(ddof=1)` and check on the grid that it is not the maximum.
# - Exercises for this unit: `discrete_moments`, `bayes_posterior`, `gaussian_log_likelihood`,
#   `gaussian_mle`, `stable_softmax`, `logsumexp`, `softmax_cross_entropy`.

# %%
report(
    softmax_test_accuracy=test_accuracy,
    softmax_train_accuracy=accuracy,
    final_nll=float(losses[-1]),
    coin_posterior_mean=posterior_mean,
    expect={"softmax_test_accuracy": (">", 1 / 3 + 0.4), "final_nll": ("<", np.log(3) - 0.5)},  # 3 classes
)
