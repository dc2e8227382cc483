# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: sequence_models
#     title: "Sequence models: a character-level RNN and LSTM on Shakespeare"
#     unit: deep-dive.sequence-models
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 75
#     fast_timeout: 150
# ---

# %% [markdown]
# # Sequence models: a character-level RNN and LSTM on Shakespeare
#
# A language model predicts what comes next. At the level of characters, it reads "ROMEO:\nBut
# sof" and should bet on "t". Trained on a million characters of Shakespeare, even a small
# recurrent network learns spelling, punctuation, the layout of a play and a little grammar,
# which makes it the classic first sequence model (Karpathy's
# [*The Unreasonable Effectiveness of Recurrent Neural Networks*](https://karpathy.github.io/2015/05/21/rnn-effectiveness/)).
# This lab builds one with the engine, compares a plain RNN with an LSTM, and measures why the
# LSTM wins: how far back the gradient reaches.
#
# **Accompanies:** [Dive into Deep Learning, chapter 9](https://d2l.ai/chapter_recurrent-neural-networks/index.html)
# (9.3 language models, 9.5 [RNN from scratch](https://d2l.ai/chapter_recurrent-neural-networks/rnn-scratch.html),
# 9.7 backpropagation through time) and [10.1 LSTM](https://d2l.ai/chapter_recurrent-modern/lstm.html);
# Deep Learning Specialization, course 5 ([Sequence Models](https://www.coursera.org/learn/nlp-sequence-models)),
# week 1; [MIT 6.S191](http://introtodeeplearning.com/) lecture 2, deep sequence modelling.

# %%
import math
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl.engine import Tensor, manual_seed, nn, no_grad, optim
from ldl.engine.recipes.text import WindowLoader, bits, sample, sequence_loss, shakespeare
from ldl.notebooks.lab import FAST, report

manual_seed(0)
threadpool_limits(1)  # the engine's matrices are small: one BLAS thread is fastest (docs/engine.md)

# %% [markdown]
# ## 1. Text as numbers
#
# Tiny Shakespeare (`ldl.data.load("tiny-shakespeare")`) is 1.1 million characters of plays. Each
# of its 65 distinct characters gets an integer id; a training example is a window of $T$ ids
# `x` and the same window shifted by one, `y`: at every position the target is the next character.

# %%
text = shakespeare(fast=FAST)  # the first 200,000 characters in fast mode
print(f"{len(text.train):,} training and {len(text.valid):,} validation characters, {text.vocab_size} symbols")
print(repr(text.decode(text.train[:120])))
x, y = next(iter(WindowLoader(text.train, batch_size=1, length=16, num_batches=1)))
print("x:", repr(text.decode(x[0])), "\ny:", repr(text.decode(y[0])))

# %% [markdown]
# A model that knew nothing would give each symbol probability 1/65: a loss of
# $\ln 65 \approx 4.17$ nats, or 6.02 bits, per character. Guessing by letter frequency alone
# gets about 3.3 nats. Everything below that is learned structure.
#
# ## 2. The model: embedding → recurrent layer → classifier
#
# `ids (B, T)` → `nn.Embedding` `(B, T, E)` → `nn.RNN` or `nn.LSTM` `(B, T, H)` → `nn.Linear`
# `(B, T, 65)`: at every step, scores for the next character. The recurrent layer carries its
# state from step to step; sampling feeds the state back in so that each new character costs one
# step.

# %%
class CharModel(nn.Module):
    def __init__(self, cell: str, vocab_size: int, embed_size: int = 32, hidden_size: int = 128):
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.recurrent = (nn.LSTM if cell == "lstm" else nn.RNN)(embed_size, hidden_size)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, ids, state=None, return_state=False):
        outputs, state = self.recurrent(self.embedding(ids), state)  # (B, T, H)
        logits = self.head(outputs)  # (B, T, V)
        return (logits, state) if return_state else logits

    def next_logits(self, ids, state):
        """For sampling: read the prompt once, then only the newest character."""
        logits, state = self(ids if state is None else ids[:, -1:], state, return_state=True)
        return logits.data[0, -1], state


# %% [markdown]
# ## 3. How far back does the gradient reach?
#
# Before training anything: feed a 64-character window through a fresh RNN and a fresh LSTM,
# take the loss at the **last** position only, and measure the gradient with respect to the
# input at every earlier position. That gradient is how much the model *can learn* from a
# character $k$ steps back.

# %%
def gradient_through_time(cell: str, length: int = 64):
    manual_seed(1)
    model = CharModel(cell, text.vocab_size)
    ids, targets = next(iter(WindowLoader(text.train, batch_size=16, length=length, num_batches=1)))
    embedded = Tensor(model.embedding(ids).data, requires_grad=True)  # a leaf, so it gets a .grad
    outputs, _ = model.recurrent(embedded)
    logits = model.head(outputs[:, -1])  # (B, V): the last position only
    loss = sequence_loss(logits.reshape(16, 1, -1), targets[:, -1:])
    loss.backward()
    return np.linalg.norm(embedded.grad, axis=(0, 2))  # (T,): one norm per position


distance = np.arange(63, -1, -1)  # steps back from the last position
fig, ax = plt.subplots(figsize=(6, 3.5))
for cell in ("rnn", "lstm"):
    norms = gradient_through_time(cell)
    ax.semilogy(distance, norms, label=cell.upper())
ax.set(xlabel="steps back from the predicted character", ylabel="gradient norm", title="Vanishing gradients at initialisation")
ax.legend()
plt.show()

# %% [markdown]
# The RNN's gradient shrinks geometrically with distance: every step multiplies it by
# $W_{hh}^\top$ and by $\tanh' \le 1$. At initialisation the LSTM is not much better: its
# forget gates start near $\sigma(0) = 0.5$, so its memory, and the gradient along it, roughly
# halves at every step. What the LSTM adds is a path that *training can open*: the memory cell
# is updated additively, $c_t = f \odot c_{t-1} + i \odot g$, so where the network learns to
# keep a forget gate near 1, memory and gradient pass through many steps almost unchanged. A
# plain RNN has no such path.
#
# ## 4. Training both, same budget
#
# Each model gets the same number of AdamW steps on random 64-character windows, with gradient
# clipping at norm 1 (section 9.5 of d2l explains why recurrent networks need it).

# %%
def clip_grad_norm(parameters, max_norm):
    norm = math.sqrt(sum(float((p.grad**2).sum()) for p in parameters if p.grad is not None))
    if norm > max_norm:
        for p in parameters:
            if p.grad is not None:
                p.grad = p.grad * (max_norm / norm)
    return norm


num_steps, eval_every = (12, 6) if FAST else (1500, 100)
valid_batches = list(WindowLoader(text.valid, batch_size=32, length=64, num_batches=2 if FAST else 10, fixed=True))


def validation_loss(model):
    model.eval()
    with no_grad():
        loss = np.mean([sequence_loss(model(x), y).item() for x, y in valid_batches])
    model.train()
    return float(loss)


models, curves, timings = {}, {}, {}
for cell in ("rnn", "lstm"):
    manual_seed(0)
    model = CharModel(cell, text.vocab_size)
    optimizer = optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    train_loader = WindowLoader(text.train, batch_size=32, length=64, num_batches=num_steps, seed=0)
    curve, started = [(0, validation_loss(model))], time.perf_counter()
    for step, (x, y) in enumerate(train_loader, start=1):
        loss = sequence_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        clip_grad_norm(model.parameters(), 1.0)
        optimizer.step()
        if step % eval_every == 0:
            curve.append((step, validation_loss(model)))
    timings[cell] = time.perf_counter() - started
    models[cell], curves[cell] = model, curve
    print(f"{cell.upper():4} validation {curve[-1][1]:.3f} nats = {bits(curve[-1][1]):.2f} bits per character ({timings[cell]:.0f} s)")

fig, ax = plt.subplots(figsize=(6, 3.5))
for cell, curve in curves.items():
    steps, losses = zip(*curve)
    ax.plot(steps, losses, marker=".", label=cell.upper())
ax.axhline(math.log(text.vocab_size), color="gray", linestyle=":", label="ln 65: uniform guess")
ax.set(xlabel="step", ylabel="validation loss (nats per character)")
ax.legend()
plt.show()

# %% [markdown]
# ## 5. Sampling
#
# To generate, feed a prompt, turn the last position's scores into probabilities (divided by a
# *temperature*: below 1 sharpens them, above 1 flattens them), draw a character, feed it back,
# repeat. After the full run the LSTM writes line breaks and capitals where a play has them, and
# many real words in a rough iambic shuffle; in fast mode, expect letter soup.

# %%
for temperature in (0.5, 1.0):
    print(f"--- LSTM, temperature {temperature}")
    print(sample(models["lstm"], text, "ROMEO:\n", 60 if FAST else 300, temperature=temperature, seed=0))

# %% [markdown]
# ## What to reproduce
#
# - Run the full lab (about six minutes on one core): we measured 1.73 nats (2.49 bits) per
#   character for the LSTM and 1.80 (2.60 bits) for the RNN after 1,500 steps each. The gap widens
#   with longer training; the reference run `ldl run deep-dive.char-lstm` trains a bigger LSTM
#   for longer.
# - Repeat section 3 with windows of 256 characters. Then initialise the LSTM's forget-gate
#   biases (rows `H:2H` of `bias_ih_l0`) to 1, as many practitioners do, and look again.
# - Exercises: `embedding`, `rnn_cell` (with backpropagation through time), `lstm_cell`,
#   `gradient_clipping`.

# %%
# A model that learned only how common each character is (in the training text) scores this many
# bits per character on the validation text: the bar any sequence model must clear.
train_freq = np.bincount(text.train, minlength=text.vocab_size) / len(text.train)
valid_freq = np.bincount(text.valid, minlength=text.vocab_size) / len(text.valid)
unigram_bits = float(-(valid_freq * np.log2(np.maximum(train_freq, 1e-12))).sum())
report(
    lstm_valid_bits_per_char=bits(curves["lstm"][-1][1]),
    rnn_valid_bits_per_char=bits(curves["rnn"][-1][1]),
    lstm_seconds=timings["lstm"],
    unigram_bits_per_char=unigram_bits,
    expect={  # a model that learned only the character frequencies scores unigram_bits
        "lstm_valid_bits_per_char": ("<", unigram_bits - 0.05),
        "rnn_valid_bits_per_char": ("<", unigram_bits - 0.2),
    },
)
