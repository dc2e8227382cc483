# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: attention_from_scratch
#     title: "Attention: queries, keys, values, and a transformer that learns where to look"
#     unit: deep-dive.attention
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     fast_timeout: 120
# ---

# %% [markdown]
# # Attention: queries, keys, values, and a transformer that learns where to look
#
# A recurrent network squeezes everything it has read into one state vector and passes it along,
# one step at a time. **Attention** lets every position read directly from every other: each
# position sends out a *query*, every position offers a *key* and a *value*, and the output is
# an average of the values weighted by how well the keys match the query. There is no distance
# to travel, so nothing vanishes on the way. This lab computes attention by hand, shows why the
# scores are divided by $\sqrt{d}$, and trains a one-block transformer on a task that can only be
# solved by looking in the right place, then reads off where it learned to look.
#
# **Accompanies:** [Dive into Deep Learning, chapter 11](https://d2l.ai/chapter_attention-mechanisms-and-transformers/index.html)
# (11.3 [attention scoring functions](https://d2l.ai/chapter_attention-mechanisms-and-transformers/attention-scoring-functions.html),
# 11.5 multi-head attention, 11.6 self-attention and positional encoding, 11.7 the transformer);
# Deep Learning Specialization, course 5 ([Sequence Models](https://www.coursera.org/learn/nlp-sequence-models)),
# week 4 (transformers); [MIT 6.S191](http://introtodeeplearning.com/) lecture 2 (attention and
# transformers). The paper: [Attention Is All You Need](https://arxiv.org/abs/1706.03762).

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl.engine import Tensor, manual_seed, nn, optim
from ldl.engine.losses import cross_entropy
from ldl.engine.nn import functional as F
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)
rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Attention by hand
#
# $\text{Attention}(Q, K, V) = \operatorname{softmax}(QK^\top/\sqrt{d})\,V$, row by row. With a
# **causal** mask, position $t$ may only look at positions $\le t$: the scores above the
# diagonal are set to $-\infty$ before the softmax, so their weights are exactly zero.

# %%
def attention(q, k, v, causal=False):
    """q, k (T, d), v (T, dv) as numpy arrays -> (output (T, dv), weights (T, T))."""
    scores = q @ k.T / math.sqrt(q.shape[-1])  # (T, T): query i against key j
    if causal:
        scores = np.where(np.tril(np.ones_like(scores, dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)  # each row sums to 1
    return weights @ v, weights


T, d = 6, 8
q, k, v = rng.normal(size=(3, T, d))
out, weights = attention(q, k, v, causal=True)
engine_out = F.scaled_dot_product_attention(Tensor(q[None]), Tensor(k[None]), Tensor(v[None]), causal=True)
print("rows sum to", weights.sum(axis=1))
print("largest difference from the engine's attention:", float(np.abs(engine_out.data[0] - out).max()))

fig, ax = plt.subplots(figsize=(3.5, 3))
ax.imshow(weights, cmap="Blues")
ax.set(xlabel="key position j", ylabel="query position i", title="causal attention weights")
plt.show()

# %% [markdown]
# ## 2. Why divide by $\sqrt{d}$?
#
# With unit-variance entries, $q \cdot k$ is a sum of $d$ products and has variance $d$. The
# larger $d$, the larger the scores' spread, and the softmax of widely spread numbers is nearly
# one-hot: every query looks at a single key, and the gradient through the softmax all but
# vanishes. Dividing by $\sqrt{d}$ keeps the variance at 1 whatever the size. We measure the
# entropy of the weights (in nats: $\ln T$ means uniform, 0 means one-hot) for growing $d$:

# %%
def mean_entropy(d, scale):
    q, k = rng.normal(size=(2, 64, d))
    scores = q @ k.T * scale
    p = np.exp(scores - scores.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    return float(-(p * np.log(p + 1e-30)).sum(axis=-1).mean())


dims = [4, 16, 64, 256, 1024]
unscaled = [mean_entropy(d, 1.0) for d in dims]
scaled = [mean_entropy(d, 1 / math.sqrt(d)) for d in dims]
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.semilogx(dims, unscaled, marker="o", label="scores q·k")
ax.semilogx(dims, scaled, marker="o", label="scores q·k / √d")
ax.axhline(math.log(64), color="gray", linestyle=":", label="ln 64: uniform")
ax.set(xlabel="d", ylabel="entropy of the weights (nats)", title="Unscaled attention collapses as d grows")
ax.legend()
plt.show()

# %% [markdown]
# ## 3. A task that needs attention
#
# The input is a random sequence of digits; the target at position $t$ is the digit at position
# $t - 3$. No local rule helps: the model must learn to look exactly three steps back. A plain
# MLP on each position alone scores 10% at best. Our model:
#
# `ids (B, T)` → token embedding + **position embedding** `(B, T, E)` → one `TransformerBlock`
# (causal multi-head self-attention, then an MLP, each with a residual connection and layer
# norm) → `LayerNorm` → `Linear` `(B, T, 10)`.
#
# Without the position embedding, attention would see a *set* of tokens: it has no other way to
# tell "three back" from "five back".

# %%
LAG, LENGTH, VOCAB, EMBED = 3, 16, 10, 32


class TinyTransformer(nn.Module):
    def __init__(self):
        self.tokens = nn.Embedding(VOCAB, EMBED)
        self.positions = nn.Embedding(LENGTH, EMBED)
        self.block = nn.TransformerBlock(EMBED, num_heads=2)
        self.norm = nn.LayerNorm(EMBED)
        self.head = nn.Linear(EMBED, VOCAB)

    def embed(self, ids):
        return self.tokens(ids) + self.positions(np.arange(ids.shape[1]))  # (B, T, E) + (T, E)

    def forward(self, ids):
        return self.head(self.norm(self.block(self.embed(ids), causal=True)))  # (B, T, V)


def batch(size):
    ids = rng.integers(0, VOCAB, size=(size, LENGTH))
    return ids, ids[:, :-LAG]  # targets for positions LAG.. are the digits LAG steps earlier


def lag_loss_and_accuracy(model, ids, targets):
    logits = model(ids)[:, LAG:]  # (B, T - LAG, V): only positions with something to copy
    loss = cross_entropy(logits.reshape(-1, VOCAB), targets.reshape(-1))
    return loss, float((logits.data.argmax(axis=-1) == targets).mean())


model = TinyTransformer()
optimizer = optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
num_steps = 150 if FAST else 400
history = []
for _ in range(num_steps):
    loss, accuracy = lag_loss_and_accuracy(model, *batch(64))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    history.append((loss.item(), accuracy))

test_loss, test_accuracy = lag_loss_and_accuracy(model, *batch(512))
print(f"after {num_steps} steps: test loss {test_loss.item():.3f}, accuracy {test_accuracy:.1%}")
fig, ax = plt.subplots(figsize=(5.5, 3))
ax.plot([a for _, a in history])
ax.set(xlabel="step", ylabel="training accuracy", title=f"copy the digit {LAG} steps back")
plt.show()

# %% [markdown]
# ## 4. Where did it learn to look?
#
# We recompute the block's attention weights from its own parameters: the layer-normed input
# times the packed projection `in_proj_weight` `(3E, E)` gives queries and keys, split into two
# heads of size 16.

# %%
def attention_maps(model, ids):
    attention_layer = model.block.attention
    x = model.block.norm1(model.embed(ids)).data[0]  # (T, E), first sequence
    qkv = x @ attention_layer.in_proj_weight.data.T + attention_layer.in_proj_bias.data  # (T, 3E)
    q, k, _ = np.split(qkv, 3, axis=-1)
    heads = attention_layer.num_heads
    size = EMBED // heads
    return [attention(q[:, h * size : (h + 1) * size], k[:, h * size : (h + 1) * size], k, causal=True)[1] for h in range(heads)]


maps = attention_maps(model, batch(1)[0])
fig, axes = plt.subplots(1, len(maps), figsize=(7, 3.2))
for h, (ax, weights) in enumerate(zip(axes, maps)):
    ax.imshow(weights, cmap="Blues")
    ax.set(title=f"head {h}", xlabel="key position", ylabel="query position")
plt.show()
on_lag = max(float(np.mean([w[t, t - LAG] for t in range(LAG, LENGTH)])) for w in maps)
print(f"average weight on the position {LAG} back, best head: {on_lag:.2f}")

# %% [markdown]
# One head puts almost all of its weight on the diagonal three below the main one: the model
# learned "look three back" from examples alone, through the position embeddings. (The first
# three rows cannot look three back; their weights there are whatever the softmax settled on.)
#
# ## What to reproduce
#
# - Remove `self.positions` from `embed`: accuracy stays at chance. Why exactly?
# - Change `LAG` to 7, or make the target the *sum* of the digits 2 and 5 steps back.
# - The reference run `ldl run deep-dive.transformer` trains a two-block character
#   transformer on Tiny Shakespeare; compare its bits per character with the LSTM's.
# - Exercises: `dot_product_attention` (with masks and the backward pass) and
#   `multi_head_attention` (split, attend, merge; checked against PyTorch's layout).

# %%
report(
    lag_accuracy=test_accuracy,
    attention_on_lag=on_lag,
    unscaled_entropy_d1024=unscaled[-1],
    expect={"lag_accuracy": (">", 1 / VOCAB + 0.5), "attention_on_lag": (">", 1 / LAG)},  # 1/VOCAB: guessing
)
