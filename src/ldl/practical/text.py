"""Reference run `practical.text`: a language model that writes, and a sentiment classifier.

Part 1, generation: a character-level LSTM (`ldl.practical.language_model`), trained with
fastai's Learner on fastai's `LMDataLoader`, learns to predict the next character of Tiny
Shakespeare, then writes new text by sampling one character at a time at a few temperatures
(`ldl.practical.sampling`).

Part 2, classification: 2,000 labelled review sentences (UCI). A from-scratch bag of words is
compared with a transferred model, MiniLM sentence embeddings plus a small fastai head, trained
on the same split for the same number of epochs (`ldl.practical.sentiment`). Target: the
transferred model >= 80% held-out accuracy, and better than the one from scratch.

    ldl run practical.text            # full: a few minutes on 2 cores
    ldl run practical.text --fast     # CI: 100,000 characters, 300 sentences, seconds
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ldl.practical.runs import RunResult, begin, quiet, stopped


@dataclass
class Config:
    """Hyperparameters of the text reference run."""

    fast: bool = False
    """CI mode: 100,000 characters and a narrower language model, 300 sentences."""
    seed: int = 0
    """Seeds Python, numpy and torch, the sentence split and the batch order."""
    lm_num_epochs: int = 2
    """Passes over the Shakespeare training characters."""
    lm_batch_size: int = 32
    """Parallel character streams per language-model step."""
    lm_seq_len: int = 64
    """Characters per stream per step (backpropagation through time stops here)."""
    lm_embedding_size: int = 64
    """Size of each character's learned vector."""
    lm_hidden_size: int = 256
    """Size of the LSTM's hidden state."""
    lm_num_layers: int = 2
    """Stacked LSTM layers."""
    lm_dropout: float = 0.1
    """Dropout between the LSTM layers and before the decoder."""
    lm_lr: float = 3e-3
    """Peak learning rate of the language model's one-cycle schedule."""
    prompt: str = "ROMEO:\n"
    """Text the samples start from."""
    sample_chars: int = 300
    """Characters generated per sample."""
    sentiment_num_epochs: int = 12
    """Epochs for each sentiment classifier (the same budget for both)."""
    sentiment_batch_size: int = 64
    """Sentences per sentiment training step."""
    sentiment_lr: float = 1e-2
    """Peak learning rate of both sentiment classifiers."""
    valid_fraction: float = 0.2
    """Share of the sentences held out to measure accuracy."""


def train_language_model(config: Config, text: str, run, phases, progress=None):
    """Fit the character LSTM with fastai's Learner (or, in a resumed run that had finished it,
    load its weights); returns (learn, vocab, metrics), metrics None if Ctrl-C stopped it."""
    from fastai.callback.rnn import ModelResetter
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.metrics import Perplexity, accuracy

    from ldl.practical.callbacks import RunLogger
    from ldl.practical.language_model import CharLSTM
    from ldl.practical.loaders import char_lm_dataloaders, char_vocab

    vocab = char_vocab(text)
    dls = char_lm_dataloaders(text, vocab, config.lm_seq_len, config.lm_batch_size, valid_fraction=0.1)
    embedding_size, hidden_size = (
        (32, 128) if config.fast else (config.lm_embedding_size, config.lm_hidden_size)
    )
    model = CharLSTM(len(vocab), embedding_size, hidden_size, config.lm_num_layers, config.lm_dropout)
    learn = Learner(
        dls, model, loss_func=CrossEntropyLossFlat(), metrics=[accuracy, Perplexity()], cbs=ModelResetter()
    )
    saved = phases.result("lm_", learn.model)
    if saved is not None:
        return learn, vocab, saved
    with quiet(learn, bar=progress is None):  # `ldl run` draws its own bar
        logger = RunLogger(run, prefix="lm_", checkpoint=False, progress=progress)
        if not phases.fit(learn, "lm_", config.lm_num_epochs, config.lm_lr, logger):
            return learn, vocab, None
        valid_loss, valid_accuracy, _ = learn.validate()
    metrics = {
        "lm_valid_loss": float(valid_loss),
        "lm_perplexity": math.exp(valid_loss),
        "lm_accuracy": float(valid_accuracy),
    }
    phases.done("lm_", metrics, learn.model)
    return learn, vocab, metrics


def write_samples(config: Config, model, vocab, run) -> dict[float, str]:
    """Sample from the model at three temperatures; save them as samples.txt in the run folder."""
    from ldl.practical.sampling import generate

    samples = {
        t: generate(model, vocab, config.prompt, config.sample_chars, t, config.seed) for t in (0.5, 0.8, 1.2)
    }
    lines = [f"--- temperature {t} ---\n{sample}\n" for t, sample in samples.items()]
    (run.dir / "samples.txt").write_text("\n".join(lines), encoding="utf-8")
    return samples


def fit_classifier(dls, model, config: Config, run, prefix: str, phases) -> float | None:
    """Train one sentiment classifier with fastai; return its held-out accuracy (None if Ctrl-C
    stopped it; in a resumed run that had finished it, the saved accuracy)."""
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.metrics import accuracy

    from ldl.practical.callbacks import RunLogger

    saved = phases.result(prefix)
    if saved is not None:
        return saved["accuracy"]
    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, wd=0.1)
    logger = RunLogger(run, every=10, prefix=prefix, checkpoint=False)
    with quiet(learn, bar=False):
        if not phases.fit(learn, prefix, config.sentiment_num_epochs, config.sentiment_lr, logger):
            return None
        result = float(learn.validate(dl=dls.valid)[1])
    phases.done(prefix, {"accuracy": result})
    return result


def compare_sentiment_models(config: Config, run, phases) -> dict[str, float] | None:
    """Train the bag of words and the MiniLM head on the same split; return both accuracies
    (None if Ctrl-C stopped the training)."""
    import torch

    from ldl.data import load
    from ldl.practical import sentiment
    from ldl.practical.loaders import random_split, tensor_dataloaders

    data = load("sentiment")
    sentences, labels = list(data.sentences), torch.as_tensor(data.labels, dtype=torch.long)
    if config.fast:
        sentences, labels = sentences[:300], labels[:300]
    train_index, valid_index = random_split(len(sentences), config.valid_fraction, config.seed)
    train_text = [sentences[i] for i in train_index]
    vocab = sentiment.build_vocab(train_text)  # words seen in training only: no peeking
    ids = torch.from_numpy(sentiment.encode_sentences(sentences, vocab))  # (N, 40)
    embeddings = torch.from_numpy(sentiment.minilm_embeddings(sentences))  # (N, 384)
    metrics = {}
    for prefix, x, model in (
        ("scratch_", ids, sentiment.bag_of_words_model(len(vocab))),
        ("transfer_", embeddings, sentiment.embedding_head()),
    ):
        train, valid = (x[train_index], labels[train_index]), (x[valid_index], labels[valid_index])
        dls = tensor_dataloaders(train, valid, config.sentiment_batch_size, config.seed)
        metrics[f"{prefix}accuracy"] = fit_classifier(dls, model, config, run, prefix, phases)
        if metrics[f"{prefix}accuracy"] is None:
            return None
    metrics["num_valid_sentences"] = len(valid_index)
    return metrics


def train(config: Config, root=None, progress=None, resume=None) -> RunResult:
    """Train the language model and write samples, then compare the two sentiment classifiers.

    `root`: where runs are written (default: the workspace's runs/); `progress`: called with an
    `ldl.tracking.Progress` after every language-model step; `resume`: a run to continue (see
    `ldl.practical.resume`).
    """
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, lr_find, no_bar)

    from ldl.data import load
    from ldl.practical.resume import Phases

    started = time.perf_counter()
    run = begin("text", config, root, resume)
    text = load("tiny-shakespeare")
    if config.fast:
        text = text[:100_000]
    with Phases(run) as phases:
        learn, vocab, metrics = train_language_model(config, text, run, phases, progress)
        if metrics is None:
            return stopped(run, phases)
        samples = write_samples(config, learn.model, vocab, run)
        sentiment = compare_sentiment_models(config, run, phases)
        if sentiment is None:
            return stopped(run, phases)
    metrics.update(sentiment)
    metrics["seconds"] = time.perf_counter() - started
    run.plot_metrics()
    run.finish(**metrics, sample=samples[0.8])
    return RunResult(metrics=metrics, run_dir=run.dir)
