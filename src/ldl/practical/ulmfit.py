"""Reference run `practical.ulmfit`: ULMFiT's three steps, small enough for a laptop CPU.

ULMFiT (Howard and Ruder, 2018, https://arxiv.org/abs/1801.06146; fastbook chapter 10) fine-tunes
a *language model* into a classifier, with fastai's text API:

    (a) pretrain   an AWD-LSTM language model on a general corpus (Shakespeare's plays);
                   save its weights, its encoder and its vocabulary;
    (b) fine-tune  that language model on the target task's own text (the review sentences),
                   first only the embeddings and decoder, then every layer; save its encoder;
    (c) classify   `text_classifier_learner(...).load_encoder(...)`, trained with gradual
                   unfreezing (head, then one more layer group per stage) and discriminative
                   learning rates: group g of G gets lr_g = lo * (hi / lo) ** (g / (G - 1)).

On the same split it is compared with three peers: the same classifier from scratch (same
architecture and schedule, no pretrained encoder), MiniLM embeddings with a trained head (frozen
encoder, `ldl.practical.sentiment`) and MiniLM fine-tuned end to end.

    ldl run practical.ulmfit            # full: about 8 CPU-minutes on one thread
    ldl run practical.ulmfit --fast     # CI: 60,000 characters, 300 sentences, a tiny model
"""

from __future__ import annotations

import dataclasses
import pickle
import time
from dataclasses import dataclass

from ldl.practical.runs import RunResult, begin, quiet, stopped


@dataclass
class Config:
    """Hyperparameters of the ULMFiT reference run."""

    fast: bool = False
    """CI mode: 60,000 characters of Shakespeare, 300 sentences, a tiny AWD-LSTM, a few short fits."""
    seed: int = 0
    """Seeds Python, numpy and torch, the sentence split and the batch order."""
    embedding_size: int = 200
    """AWD-LSTM word-vector size (fastai's default is 400)."""
    hidden_size: int = 400
    """AWD-LSTM hidden size of every layer but the last (fastai's default is 1152)."""
    num_layers: int = 2
    """Stacked LSTM layers (fastai's default is 3)."""
    seq_len: int = 64
    """Tokens per stream per language-model step (backpropagation through time stops here)."""
    batch_size: int = 32
    """Parallel token streams per language-model step, and sentences per classifier step."""
    corpus_chars: int = 400_000
    """Step (a): characters of the Shakespeare corpus to pretrain on (all of it is about 1.1 million)."""
    pretrain_epochs: int = 2
    """Step (a): passes over those characters."""
    pretrain_lr: float = 3e-3
    """Step (a): peak learning rate of the one-cycle schedule."""
    finetune_epochs: int = 4
    """Step (b): passes over the review sentences with every layer trainable (after one frozen pass)."""
    finetune_lr: float = 2e-3
    """Step (b): peak learning rate once unfrozen (the frozen pass uses ten times more)."""
    stage_epochs: int = 3
    """Step (c): epochs per gradual-unfreezing stage while some layer groups are still frozen."""
    unfrozen_epochs: int = 6
    """Step (c): epochs of the last stage, every layer group trainable."""
    classifier_lr: float = 2e-2
    """Step (c): learning rate of the head in the first stage; halved at every later stage."""
    lr_ratio: float = 2.6**4
    """Discriminative LRs: the head's rate over the embeddings' (fastbook's 2.6**4: 2.6 per group of 5)."""
    minilm_epochs: int = 2
    """MiniLM fine-tuned end to end: passes over the training sentences."""
    minilm_lr: float = 1e-3
    """MiniLM fine-tuned end to end: the head's peak rate; the encoder's is `minilm_lr / 50`."""
    valid_fraction: float = 0.2
    """Share of the sentences held out to measure accuracy (the same split for every model)."""


def awd_lstm_config(config: Config) -> dict:
    """fastai's AWD-LSTM settings with our smaller sizes (fast mode: 64-wide, 128 hidden)."""
    from fastai.text.models.awdlstm import awd_lstm_lm_config

    emb, hidden = (64, 128) if config.fast else (config.embedding_size, config.hidden_size)
    return dict(awd_lstm_lm_config, emb_sz=emb, n_hid=hidden, n_layers=config.num_layers)


def text_dataloaders(texts, config: Config, is_valid, labels=None, vocab=None, min_freq: int = 2):
    """fastai DataLoaders over `texts` (a list of documents) split by the boolean `is_valid`: a
    language model's (labels None: x (B, seq_len) tokens, y = x shifted by one) or a classifier's
    (x (B, L) tokens padded per batch, y (B,) labels). `vocab` None builds one from the training
    texts (words seen `min_freq` times); fastai's word tokenizer (spaCy rules) splits the words."""
    import pandas as pd
    from fastai.data.block import CategoryBlock, DataBlock
    from fastai.data.transforms import ColReader, ColSplitter
    from fastai.text.data import TextBlock

    table = pd.DataFrame({"text": list(texts), "is_valid": list(is_valid)})
    is_lm = labels is None
    if not is_lm:
        table["label"] = ["positive" if y else "negative" for y in labels]
    text = TextBlock.from_df("text", vocab=vocab, is_lm=is_lm, seq_len=config.seq_len, min_freq=min_freq)
    blocks = (text,) if is_lm else (text, CategoryBlock)
    block = DataBlock(
        blocks=blocks,
        get_x=ColReader("text"),
        get_y=None if is_lm else ColReader("label"),
        splitter=ColSplitter("is_valid"),
    )
    return block.dataloaders(table, bs=config.batch_size, seq_len=config.seq_len, num_workers=0)


def documents(corpus: str, words_per_document: int = 400) -> list[str]:
    """Cut a long corpus into documents of about `words_per_document` words at line ends."""
    docs, current, count = [], [], 0
    for line in corpus.splitlines():
        current.append(line)
        count += len(line.split())
        if count >= words_per_document:
            docs.append("\n".join(current))
            current, count = [], 0
    return docs + (["\n".join(current)] if current else [])


def fit_stage(learn, run, phases, prefix: str, num_epochs: int, lr, metric_names) -> dict | None:
    """One fit with checkpoints (`phases`): its validation metrics, the saved ones if a resumed run
    had finished it, or None if Ctrl-C stopped it."""
    from ldl.practical.callbacks import RunLogger

    saved = phases.result(prefix, learn.model)
    if saved is not None:
        return saved
    with quiet(learn, bar=False):
        logger = RunLogger(run, every=10, prefix=prefix, progress=phases.progress)
        if not phases.fit(learn, prefix, num_epochs, lr, logger):
            return None
        values = learn.validate()
    metrics = {f"{prefix}{name}": float(v) for name, v in zip(("valid_loss", *metric_names), values)}
    phases.done(prefix, metrics, learn.model)
    return metrics


def pretrain(config: Config, corpus: str, run, phases) -> dict | None:
    """Step (a): an AWD-LSTM language model on the corpus, from random weights. Saves
    models/pretrained_lm.pth (all weights), pretrained_encoder.pth and pretrained_vocab.pkl."""
    from fastai.metrics import Perplexity, accuracy
    from fastai.text.all import AWD_LSTM, language_model_learner

    docs = documents(corpus)
    is_valid = [k % 10 == 9 for k in range(len(docs))]  # every tenth document validates
    dls = text_dataloaders(docs, config, is_valid, min_freq=3)
    learn = language_model_learner(
        dls, AWD_LSTM, config=awd_lstm_config(config), pretrained=False, path=run.dir,
        metrics=[accuracy, Perplexity()],
    )  # fmt: skip
    metrics = fit_stage(learn, run, phases, "pretrain_", config.pretrain_epochs, config.pretrain_lr,
                        ("accuracy", "perplexity"))  # fmt: skip
    if metrics is None:
        return None
    learn.save("pretrained_lm", with_opt=False)
    learn.save_encoder("pretrained_encoder")
    with open(run.dir / "models" / "pretrained_vocab.pkl", "wb") as file:
        pickle.dump(list(dls.vocab), file)
    return {**metrics, "pretrain_vocab_size": len(dls.vocab)}


def fine_tune_language_model(config: Config, sentences, is_valid, run, phases, pretrained: bool = True):
    """Step (b): the language model on the review sentences (training split only), starting from
    step (a)'s weights (`load_pretrained` maps its embeddings onto the new vocabulary: shared
    words keep their vectors, new words start at the mean vector). One pass trains only the
    embeddings and decoder, then every layer. Saves models/finetuned_encoder.pth.
    Returns (vocab, metrics), metrics None if Ctrl-C stopped it."""
    from fastai.metrics import Perplexity, accuracy
    from fastai.text.all import AWD_LSTM, language_model_learner

    dls = text_dataloaders(sentences, config, is_valid, min_freq=2)
    learn = language_model_learner(
        dls, AWD_LSTM, config=awd_lstm_config(config), pretrained=False, path=run.dir,
        metrics=[accuracy, Perplexity()],
        pretrained_fnames=("pretrained_lm", "pretrained_vocab") if pretrained else None,
    )  # fmt: skip
    names = ("accuracy", "perplexity")
    learn.freeze()  # the last layer group: embeddings (tied to the decoder) and the decoder's bias
    frozen = fit_stage(learn, run, phases, "finetune_frozen_", 1, config.finetune_lr * 10, names)
    if frozen is None:
        return dls.vocab, None
    learn.unfreeze()
    metrics = fit_stage(learn, run, phases, "finetune_", config.finetune_epochs, config.finetune_lr, names)
    if metrics is None:
        return dls.vocab, None
    learn.save_encoder("finetuned_encoder")
    return dls.vocab, metrics


def gradual_unfreezing(learn, config: Config, run, phases, prefix: str) -> float | None:
    """Step (c): stage s trains the last s+1 layer groups (`freeze_to(-(s+1))`; the last stage
    unfreezes all), at discriminative rates slice(lr / lr_ratio, lr), lr halving per stage.
    Returns the held-out accuracy (None if Ctrl-C stopped it)."""
    lr = config.classifier_lr
    metrics = None
    num_stages = len(learn.splitter(learn.model))  # layer groups: embeddings, each LSTM, head
    for stage in range(num_stages):
        if stage == num_stages - 1:
            learn.unfreeze()
            num_epochs = config.unfrozen_epochs
        else:
            learn.freeze_to(-(stage + 1))
            num_epochs = config.stage_epochs
        lrs = lr if stage == 0 else slice(lr / config.lr_ratio, lr)
        metrics = fit_stage(learn, run, phases, f"{prefix}stage{stage + 1}_", num_epochs, lrs, ("accuracy",))
        if metrics is None:
            return None
        lr /= 2
    return metrics[f"{prefix}stage{num_stages}_accuracy"]


def classifier_learner(dls, config: Config, encoder: str | None):
    """fastai's AWD-LSTM classifier (concat pooling head); `encoder` names a saved encoder to load."""
    from fastai.metrics import accuracy
    from fastai.text.all import AWD_LSTM, awd_lstm_clas_config, text_classifier_learner

    lm = awd_lstm_config(config)
    clas = dict(awd_lstm_clas_config, **{k: lm[k] for k in ("emb_sz", "n_hid", "n_layers")})
    learn = text_classifier_learner(dls, AWD_LSTM, config=clas, pretrained=False, metrics=accuracy)
    learn.path = dls.path
    return learn.load_encoder(encoder) if encoder else learn


def fit_tensor_classifier(dls, model, run, phases, prefix: str, num_epochs: int, lr: float):
    """Train a MiniLM classifier with fastai; a model with two parts (`encoder`, `head`) gets
    discriminative rates slice(lr / 50, lr). Returns its metrics (None if Ctrl-C stopped it)."""
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.metrics import accuracy
    from fastai.torch_core import params

    if hasattr(model, "encoder"):
        learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, wd=0.01,
                        splitter=lambda m: [params(m.encoder), params(m.head)])  # fmt: skip
        lr = slice(lr / 50, lr)
    else:
        learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), metrics=accuracy, wd=0.1)
    return fit_stage(learn, run, phases, prefix, num_epochs, lr, ("accuracy",))


def train(config: Config, root=None, progress=None, resume=None) -> RunResult:
    """Steps (a), (b), (c), then the from-scratch classifier and the two MiniLM peers, all on the
    same split. `root`: where runs are written; `progress`: called after every reported step;
    `resume`: a run to continue (see `ldl.practical.resume`)."""
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, no_bar)
    import numpy as np
    import torch

    from ldl.data import load
    from ldl.data.fallbacks import load_text_corpus
    from ldl.practical import sentiment
    from ldl.practical.loaders import random_split, tensor_dataloaders
    from ldl.practical.resume import Phases

    started = time.perf_counter()
    if config.fast:
        config = dataclasses.replace(
            config, pretrain_epochs=3, pretrain_lr=1e-2, finetune_epochs=2, stage_epochs=1, unfrozen_epochs=1,
            minilm_epochs=1,
        )  # fmt: skip
    run = begin("ulmfit", config, root, resume)
    corpus = load_text_corpus(fast=config.fast)
    data = load("sentiment")
    sentences, labels = list(data.sentences), np.asarray(data.labels)
    if config.fast:
        corpus, sentences, labels = corpus[:60_000], sentences[:300], labels[:300]
    corpus = corpus[: config.corpus_chars]
    train_index, valid_index = random_split(len(sentences), config.valid_fraction, config.seed)
    is_valid = np.zeros(len(sentences), dtype=bool)
    is_valid[valid_index] = True
    metrics: dict = {"num_valid_sentences": len(valid_index)}
    with Phases(run, progress) as phases:
        found = pretrain(config, corpus, run, phases)
        if found is None:
            return stopped(run, phases)
        metrics.update(found)
        train_text = [sentences[i] for i in train_index]  # the LM sees no held-out sentence
        lm_valid = [k % 10 == 9 for k in range(len(train_text))]
        vocab, found = fine_tune_language_model(config, train_text, lm_valid, run, phases)
        if found is None:
            return stopped(run, phases)
        metrics.update(found)
        clas_dls = text_dataloaders(sentences, config, is_valid, labels=labels, vocab=vocab)
        clas_dls.path = run.dir
        for prefix, encoder in (("ulmfit_", "finetuned_encoder"), ("scratch_", None)):
            torch.manual_seed(config.seed)
            learn = classifier_learner(clas_dls, config, encoder)
            metrics[f"{prefix}accuracy"] = gradual_unfreezing(learn, config, run, phases, prefix)
            if metrics[f"{prefix}accuracy"] is None:
                return stopped(run, phases)
        y = torch.as_tensor(labels, dtype=torch.long)
        embeddings = torch.from_numpy(sentiment.minilm_embeddings(sentences))  # (N, 384)
        ids = sentiment.minilm_token_ids(sentences)  # (N, L)
        for prefix, x, model, lr, num_epochs in (
            ("minilm_frozen_", embeddings, sentiment.embedding_head(), 1e-2, 12),
            ("minilm_finetuned_", ids, sentiment.minilm_classifier(), config.minilm_lr, config.minilm_epochs),
        ):
            # fast mode fine-tunes MiniLM on 64 sentences: enough to prove the code path, not to learn
            fit_index = train_index[:64] if config.fast and prefix == "minilm_finetuned_" else train_index
            dls = tensor_dataloaders((x[fit_index], y[fit_index]), (x[valid_index], y[valid_index]),
                                     config.batch_size, config.seed)  # fmt: skip
            found = fit_tensor_classifier(dls, model, run, phases, prefix, num_epochs, lr)
            if found is None:
                return stopped(run, phases)
            metrics[f"{prefix}accuracy"] = found[f"{prefix}accuracy"]
    metrics["seconds"] = time.perf_counter() - started
    run.plot_metrics()
    run.finish(**metrics)
    return RunResult(metrics=metrics, run_dir=run.dir)
