"""The ULMFiT reference run, fast mode: the three steps end to end, the weights that flow from one
step to the next, and gradual unfreezing that really leaves the frozen layer groups alone."""

from __future__ import annotations

import math
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from ldl.data import load
from ldl.practical import ulmfit
from ldl.practical.loaders import random_split

FAST = ulmfit.Config(fast=True)
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def fast_run(tmp_path_factory):
    """One fast run shared by the tests below (conftest's autouse fixtures are per test, so this
    one points at the data mirror and pins torch to one thread itself)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    with pytest.MonkeyPatch.context() as patch:
        if not os.environ.get("LDL_DATA_MIRROR") and SHARED_DATA.is_dir():
            patch.setenv("LDL_DATA_MIRROR", str(SHARED_DATA))
        yield ulmfit.train(FAST, root=tmp_path_factory.mktemp("ulmfit"))
    torch.set_num_threads(threads)


def fast_sentences():
    """The fast run's sentences, labels and split (the same 300 sentences and seed)."""
    data = load("sentiment")
    sentences, labels = list(data.sentences)[:300], np.asarray(data.labels)[:300]
    train_index, valid_index = random_split(len(sentences), FAST.valid_fraction, FAST.seed)
    return sentences, labels, train_index, valid_index


def review_dataloaders():
    """The step (b) language-model DataLoaders of the fast run, rebuilt (same texts, same vocab)."""
    sentences, _, train_index, _ = fast_sentences()
    train_text = [sentences[i] for i in train_index]
    return ulmfit.text_dataloaders(train_text, FAST, [k % 10 == 9 for k in range(len(train_text))])


def classifier_dataloaders(path):
    sentences, labels, _, valid_index = fast_sentences()
    is_valid = np.isin(np.arange(len(sentences)), valid_index)
    dls = ulmfit.text_dataloaders(sentences, FAST, is_valid, labels=labels, vocab=review_dataloaders().vocab)
    dls.path = path
    return dls


def test_fast_run_goes_through_the_three_steps_and_the_peers(fast_run):
    metrics = fast_run.metrics
    models = fast_run.run_dir / "models"
    for name in (
        "pretrained_lm.pth",
        "pretrained_encoder.pth",
        "pretrained_vocab.pkl",
        "finetuned_encoder.pth",
    ):
        assert (models / name).is_file(), name
    # A language model that learned nothing predicts every word alike: loss log(vocabulary size).
    assert metrics["pretrain_valid_loss"] < math.log(metrics["pretrain_vocab_size"]) - 0.5
    for name in ("ulmfit", "scratch", "minilm_frozen", "minilm_finetuned"):
        assert 0.0 <= metrics[f"{name}_accuracy"] <= 1.0
    _, labels, _, valid_index = fast_sentences()
    majority = max(labels[valid_index].mean(), 1 - labels[valid_index].mean())
    assert metrics["minilm_frozen_accuracy"] > majority + 0.1  # the frozen encoder alone knows sentiment
    assert metrics["num_valid_sentences"] == len(valid_index) == 60


def test_step_b_starts_from_the_weights_step_a_saved(fast_run):
    import torch
    from fastai.text.all import AWD_LSTM, language_model_learner

    models = fast_run.run_dir / "models"
    saved = torch.load(models / "pretrained_lm.pth", weights_only=False)
    old_vocab = pickle.loads((models / "pretrained_vocab.pkl").read_bytes())
    dls = review_dataloaders()
    learn = language_model_learner(
        dls, AWD_LSTM, config=ulmfit.awd_lstm_config(FAST), pretrained=False, path=fast_run.run_dir,
        pretrained_fnames=("pretrained_lm", "pretrained_vocab"),
    )  # fmt: skip
    loaded = learn.model.state_dict()
    lstm = [key for key in saved if ".rnns." in key]
    assert lstm and all(torch.equal(loaded[key], saved[key]) for key in lstm)
    embeddings, old = loaded["0.encoder.weight"], saved["0.encoder.weight"]
    shared = [w for w in dls.vocab if w in old_vocab and not w.startswith("xxfake")]
    assert len(shared) > 50
    for word in shared:
        assert torch.equal(embeddings[dls.vocab.index(word)], old[old_vocab.index(word)])
    new_word = next(w for w in dls.vocab if w not in old_vocab and not w.startswith("xxfake"))
    assert torch.allclose(embeddings[dls.vocab.index(new_word)], old.mean(dim=0))  # new words: the mean


def test_step_c_loads_exactly_the_encoder_step_b_saved(fast_run):
    import torch

    saved = torch.load(fast_run.run_dir / "models" / "finetuned_encoder.pth", weights_only=False)
    dls = classifier_dataloaders(fast_run.run_dir)
    loaded = ulmfit.classifier_learner(dls, FAST, "finetuned_encoder").model[0].module.state_dict()
    fresh = ulmfit.classifier_learner(dls, FAST, None).model[0].module.state_dict()
    assert set(loaded) == set(saved)
    assert all(torch.equal(loaded[key], saved[key]) for key in saved)
    assert not torch.equal(fresh["encoder.weight"], saved["encoder.weight"])  # the check can fail


def test_gradual_unfreezing_leaves_frozen_groups_unchanged(fast_run):
    import torch

    torch.manual_seed(0)
    learn = ulmfit.classifier_learner(classifier_dataloaders(fast_run.run_dir), FAST, "finetuned_encoder")
    groups = learn.splitter(learn.model)
    assert len(groups) == 4  # embeddings, LSTM 1, LSTM 2, head

    def snapshot():
        return [[p.detach().clone() for p in group] for group in groups]

    def changed(before):
        return [any(not torch.equal(a, p) for a, p in zip(old, group)) for old, group in zip(before, groups)]

    for stage, expected in ((1, [False, False, False, True]), (2, [False, False, True, True])):
        learn.freeze_to(-stage)
        before = snapshot()
        with learn.no_bar(), learn.no_logging():
            learn.fit(1, slice(1e-3, 1e-2))
        assert changed(before) == expected, f"freeze_to(-{stage})"
    learn.unfreeze()
    before = snapshot()
    with learn.no_bar(), learn.no_logging():
        learn.fit(1, slice(1e-3, 1e-2))
    assert all(changed(before))


@pytest.mark.slow
def test_full_run_reaches_the_documented_figures(tmp_path):
    """The figures in docs/practical.md (about 8 CPU-minutes): both MiniLM models near 90%, a
    language model far better than uniform guessing over its vocabulary, and the ULMFiT and
    from-scratch AWD-LSTM classifiers at least above chance (they are well below MiniLM here)."""
    metrics = ulmfit.train(ulmfit.Config(), root=tmp_path).metrics
    assert metrics["num_valid_sentences"] == 400
    assert metrics["pretrain_perplexity"] < 0.1 * metrics["pretrain_vocab_size"]
    assert metrics["minilm_frozen_accuracy"] >= 0.85
    assert metrics["minilm_finetuned_accuracy"] >= 0.85
    for name in ("ulmfit", "scratch"):
        assert 0.5 < metrics[f"{name}_accuracy"] < metrics["minilm_frozen_accuracy"]
