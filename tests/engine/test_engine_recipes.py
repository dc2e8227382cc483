"""The reference runs in fast mode, in-process, into a temporary runs folder; the full CNN run
(>= 89% test accuracy, ~20 minutes on a busy 2-core machine) is marked slow."""

from __future__ import annotations

import importlib
import math
import os
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
import yaml

import ldl

RUNS_YAML = Path(ldl.__file__).parent / "content" / "stages" / "3-deep-dive" / "runs.yaml"
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(autouse=True)
def offline_data(monkeypatch, tmp_path_factory):
    """Datasets from the machine (Fashion-MNIST's Debian package, the shared mirror), never the network."""
    monkeypatch.setenv("LDL_OFFLINE", "1")
    monkeypatch.setenv("LDL_DATA_DIR", str(tmp_path_factory.getbasetemp() / "data-cache"))
    if "LDL_DATA_MIRROR" not in os.environ and SHARED_DATA.is_dir():
        monkeypatch.setenv("LDL_DATA_MIRROR", str(SHARED_DATA))


def load_entry(name: str):
    entries = {entry["name"]: entry for entry in yaml.safe_load(RUNS_YAML.read_text())}
    entry = entries[name]
    module, attribute = entry["target"].split(":")
    config_module, config_name = entry["config"].split(":")
    return getattr(importlib.import_module(module), attribute), getattr(
        importlib.import_module(config_module), config_name
    )


def test_runs_yaml_entries_point_at_documented_configs():
    entries = yaml.safe_load(RUNS_YAML.read_text())
    assert {e["name"] for e in entries} == {
        f"deep-dive.{n}"
        for n in ("mlp", "cnn", "resnet", "char-lstm", "transformer", "lr-find", "word2vec", "seq2seq")
    }
    for entry in entries:
        train, config = load_entry(entry["name"])
        assert callable(train) and is_dataclass(config) and entry["stage"] == "deep-dive"
        assert "fast" in {f.name for f in fields(config)}
        source = Path(importlib.import_module(config.__module__).__file__).read_text()
        for f in fields(config):  # every field is documented by the docstring line under it
            assert f"{f.name}:" in source and '"""' in source.split(f"    {f.name}:", 1)[1].splitlines()[1], (
                f.name
            )


@pytest.mark.parametrize("name", ["deep-dive.mlp", "deep-dive.cnn"])
def test_image_recipes_learn_in_fast_mode(name, tmp_path):
    train, config = load_entry(name)
    result = train(config(fast=True), root=tmp_path)
    assert result.metrics["test_accuracy"] > 0.4  # chance is 0.1; this is after 8 steps on 1,024 images
    assert (result.run_dir / "summary.json").exists() and list((result.run_dir / "checkpoints").iterdir())


def test_the_resnet_learns_in_fast_mode(tmp_path):
    """Narrower than the real run (16/32 channels) to stay quick; 16 steps on 1,024 images."""
    train, config = load_entry("deep-dive.resnet")
    result = train(config(fast=True, channels=(16, 32)), root=tmp_path)
    assert result.metrics["test_accuracy"] > 0.25  # chance is 0.1
    assert result.metrics["steps"] == 16


def test_the_resnet_stages_hold_the_configured_blocks_and_shapes():
    """`blocks=(n1, n2)`: n1 blocks at 14 x 14, then n2 at 7 x 7 of which only the first strides."""
    import numpy as np

    from ldl.engine import Tensor, nn
    from ldl.engine.recipes import resnet

    model = resnet.make_model(resnet.Config(channels=(8, 16), blocks=(2, 3)))
    blocks = [layer for layer in model if isinstance(layer, nn.BasicBlock)]
    assert len(blocks) == 5
    assert [block.shortcut is not None for block in blocks] == [False, False, True, False, False]
    assert model(Tensor(np.zeros((2, 1, 28, 28), dtype=np.float32))).shape == (2, 10)


def unigram_nats(fast: bool = True) -> float:
    """Validation nats per character of a model that learned only the training text's character
    frequencies: the bar a language model must clear to have learned anything about sequences."""
    import numpy as np

    from ldl.engine.recipes.text import shakespeare

    text = shakespeare(fast)
    train_freq = np.bincount(text.train, minlength=text.vocab_size) / len(text.train)
    valid_freq = np.bincount(text.valid, minlength=text.vocab_size) / len(text.valid)
    return float(-(valid_freq * np.log(np.maximum(train_freq, 1e-12))).sum())


LM_MARGIN = 0.1  # nats below the unigram model


@pytest.mark.parametrize("name", ["deep-dive.char-lstm", "deep-dive.transformer"])
def test_text_recipes_learn_and_sample_in_fast_mode(name, tmp_path):
    train, config = load_entry(name)
    result = train(config(fast=True), root=tmp_path)
    assert result.metrics["valid_loss"] < unigram_nats() - LM_MARGIN  # learned more than frequencies
    assert result.metrics["valid_bits_per_char"] == pytest.approx(result.metrics["valid_loss"] / math.log(2))
    assert result.sample.startswith("ROMEO:\n") and len(result.sample) == len("ROMEO:\n") + 40
    assert (result.run_dir / "sample.txt").read_text() == result.sample


@pytest.mark.parametrize("name", ["deep-dive.char-lstm", "deep-dive.transformer"])
def test_the_fast_lm_check_rejects_a_model_that_learned_nothing(name):
    """Untrained weights, scored exactly as a fast run scores its model, fail the check above."""
    from ldl.engine import manual_seed
    from ldl.engine.learner import Learner
    from ldl.engine.recipes import char_lstm, transformer
    from ldl.engine.recipes.text import WindowLoader, sequence_loss, shakespeare

    module = char_lstm if name.endswith("lstm") else transformer
    manual_seed(0)
    text = shakespeare(True)
    config = module.Config(fast=True)
    length = getattr(config, "length", getattr(config, "block_size", 64))
    valid = WindowLoader(text.valid, config.batch_size, length, 2, fixed=True)
    model = (
        module.CharLSTM(text.vocab_size, config)
        if module is char_lstm
        else module.TinyGPT(text.vocab_size, config)
    )
    untrained = Learner(model, [], valid, sequence_loss, optimizer=None).evaluate(valid)["valid_loss"]
    assert not untrained < unigram_nats() - LM_MARGIN


@pytest.mark.medium
def test_engine_mlp_one_epoch_reaches_80_percent(tmp_path):
    train, config = load_entry("deep-dive.mlp")
    assert train(config(num_epochs=1), root=tmp_path).metrics["test_accuracy"] >= 0.80


def test_lr_finder_suggests_a_rate_inside_the_sweep(tmp_path):
    train, config = load_entry("deep-dive.lr-find")
    cfg = config(fast=True)
    result = train(cfg, root=tmp_path)
    assert cfg.start_lr <= result.metrics["suggested_lr"] <= cfg.end_lr
    assert (result.run_dir / "plots" / "lr_find.png").exists()


@pytest.mark.slow
def test_full_resnet_beats_the_plain_cnn_trained_as_long(tmp_path):
    """Issue 15's target, measured fairly in one run: the residual network with augmentation ends with
    a higher test accuracy than the plain CNN trained for the same number of epochs (about an hour
    and a half on one core). Measured 2026-11-30, seed 0: 92.78% against 92.65% (docs/engine.md)."""
    train, config = load_entry("deep-dive.resnet")
    resnet = config()
    resnet_score = train(resnet, root=tmp_path).metrics["test_accuracy"]
    train, config = load_entry("deep-dive.cnn")
    cnn_score = train(config(num_epochs=resnet.num_epochs), root=tmp_path).metrics["test_accuracy"]
    assert resnet_score > cnn_score, (resnet_score, cnn_score)


@pytest.mark.slow
def test_full_cnn_reaches_89_percent(tmp_path):
    train, config = load_entry("deep-dive.cnn")
    result = train(config(), root=tmp_path)
    assert result.metrics["test_accuracy"] >= 0.89
