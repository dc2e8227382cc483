"""The text reference run, fast mode: a language model that writes, and two sentiment classifiers."""

from __future__ import annotations

import json

import pytest

from ldl.data import load
from ldl.practical import sentiment, text


def test_tokens_and_vocabulary():
    assert sentiment.tokenize("Not GOOD at all!! Don't go.") == [
        "not",
        "good",
        "at",
        "all",
        "!",
        "!",
        "don't",
        "go",
    ]
    vocab = sentiment.build_vocab(["good good bad", "good ok"])
    assert vocab[:2] == ["<pad>", "<unknown>"] and vocab[2] == "good"
    ids = sentiment.encode_sentences(["good awful"], vocab, max_len=4)
    assert ids.tolist() == [[vocab.index("good"), sentiment.UNKNOWN, sentiment.PAD, sentiment.PAD]]


def test_bag_of_words_ignores_padding():
    import torch

    model = sentiment.bag_of_words_model(vocab_size=10, embedding_size=4, dropout=0.0).eval()
    short = torch.tensor([[3, 4, 0, 0]])
    long = torch.tensor([[3, 4, 0, 0, 0, 0, 0]])
    assert torch.allclose(model(short), model(long))
    assert model(short).shape == (1, 2)


def unigram_entropy(characters: str) -> float:
    """Nats per character of a model that knows only how common each character is."""
    import numpy as np

    counts = np.unique(np.frombuffer(characters.encode("utf-32-le"), dtype=np.uint32), return_counts=True)[1]
    frequencies = counts / counts.sum()
    return float(-(frequencies * np.log(frequencies)).sum())


def lm_learned(valid_loss: float, characters: str) -> bool:
    """The fast check of the language model: clearly better than character frequencies alone."""
    return valid_loss < unigram_entropy(characters) - 0.2


def test_the_fast_lm_check_rejects_a_model_that_learned_nothing():
    import fastai.callback.all  # noqa: F401
    import torch
    from fastai.callback.rnn import ModelResetter
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat

    from ldl.practical.language_model import CharLSTM
    from ldl.practical.loaders import char_lm_dataloaders, char_vocab

    characters = load("tiny-shakespeare")[:100_000]
    vocab = char_vocab(characters)
    torch.manual_seed(0)
    dls = char_lm_dataloaders(characters, vocab, 64, 32, valid_fraction=0.1)
    learn = Learner(
        dls, CharLSTM(len(vocab), 32, 128, 2, 0.1), loss_func=CrossEntropyLossFlat(), cbs=ModelResetter()
    )
    with learn.no_bar(), learn.no_logging():
        untrained_loss = float(learn.validate()[0])
    assert not lm_learned(untrained_loss, characters)


def test_fast_run_writes_and_the_transferred_classifier_wins(tmp_path):
    result = text.train(text.Config(fast=True), root=tmp_path)
    metrics = result.metrics
    samples = (result.run_dir / "samples.txt").read_text(encoding="utf-8")
    assert samples.count(text.Config.prompt) == 3  # one sample per temperature
    vocab_size = len(set(load("tiny-shakespeare")[:100_000]))  # fast mode's text
    # Uniform guessing has perplexity vocab_size (~60); character frequencies alone give ~27.
    assert metrics["lm_perplexity"] < 0.35 * vocab_size
    assert lm_learned(metrics["lm_valid_loss"], load("tiny-shakespeare")[:100_000])
    assert metrics["transfer_accuracy"] > metrics["scratch_accuracy"]
    assert metrics["transfer_accuracy"] >= 0.75
    summary = json.loads((result.run_dir / "summary.json").read_text())
    assert summary["sample"].startswith(text.Config.prompt)


@pytest.mark.slow
def test_full_run_meets_the_sentiment_target(tmp_path):
    metrics = text.train(text.Config(), root=tmp_path).metrics
    assert metrics["transfer_accuracy"] >= 0.80
    assert metrics["transfer_accuracy"] > metrics["scratch_accuracy"]
    assert metrics["lm_perplexity"] < 8
