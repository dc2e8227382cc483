"""The date-normalisation seq2seq in ldl.engine.recipes.seq2seq: the generated task, the attention
decoder's gradients against central differences, greedy decoding against beam search on one
briefly trained model, and the reference run in fast mode (the full run is marked slow)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from ldl.engine import Tensor, manual_seed
from ldl.engine.recipes import seq2seq as s2s
from ldl.engine.recipes.text import sequence_loss


@pytest.fixture(autouse=True)
def one_thread(monkeypatch):
    """One BLAS thread, as the recipes use: small matrices on a busy machine are many times slower
    with more (measured here: the trained-model fixture took minutes instead of seconds)."""
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    with threadpool_limits(1):
        yield


def test_every_style_of_the_same_date():
    date = dt.date(1998, 3, 3)
    styles = [s2s.human_date(date, style) for style in range(9)]
    assert styles[:4] == ["3rd of March 1998", "March 3, 1998", "03/03/98", "3 Mar 1998"]
    assert "Tuesday, 3 March 1998" in styles and "tue, 3 mar 98" in styles  # 3 March 1998 was a Tuesday
    assert [s2s.ordinal(d) for d in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st",
    ]  # fmt: skip


def test_the_generated_task_is_seeded_and_consistent():
    first, again, other = (
        s2s.make_dates(300, seed=5),
        s2s.make_dates(300, seed=5),
        s2s.make_dates(300, seed=6),
    )
    assert first == again and first != other
    for text, iso in first:
        date = dt.date.fromisoformat(iso)
        assert 1950 <= date.year <= 2049 and len(text) <= s2s.SOURCE_LENGTH
        assert text in [s2s.human_date(date, style) for style in range(9)]
    assert len({text for text, _ in first}) > 290  # dates and styles vary


def test_encoding_pads_on_the_left_and_round_trips():
    source = s2s.encode_source(["3/3/1998"])
    assert (
        source.shape == (1, s2s.SOURCE_LENGTH) and np.all(source[0, :-8] == 0) and np.all(source[0, -8:] > 0)
    )
    decoder_in, targets = s2s.encode_target(["1998-03-03"])
    assert s2s.TARGET_CHARS[decoder_in[0, 0]] == s2s.START and np.array_equal(
        decoder_in[0, 1:], targets[0, :-1]
    )
    assert s2s.decode_target(targets[0]) == "1998-03-03"


def tiny_model(dtype=np.float64):
    manual_seed(3)
    model = s2s.DateTranslator(s2s.Config(embed_size=4, hidden_size=5))
    for p in model.parameters():
        p.data = p.data.astype(dtype)
    return model


def test_attention_weights_are_a_distribution_over_the_real_characters():
    x, _ = s2s.date_arrays(s2s.make_dates(4, seed=0))
    model = tiny_model()
    memory = model.encode(x[:, : s2s.SOURCE_LENGTH])
    _, _, weights = model.decode(x[:, s2s.SOURCE_LENGTH :], memory, memory[3])  # (B, T, S)
    np.testing.assert_allclose(weights.data.sum(axis=-1), 1.0)
    padding = x[:, None, : s2s.SOURCE_LENGTH] == 0
    assert np.all(weights.data[np.broadcast_to(padding, weights.shape)] < 1e-12)


def test_the_attention_decoders_gradients_match_central_differences():
    x, y = s2s.date_arrays(s2s.make_dates(3, seed=1))
    model = tiny_model()
    loss = sequence_loss(model(Tensor(x)), y)
    loss.backward()
    rng = np.random.default_rng(0)
    names = [
        "attention.weight",
        "combine.weight",
        "decoder.weight_hh_l0",
        "encoder.weight_ih_l0",
        "head.bias",
    ]
    params = dict(model.named_parameters())
    h = 1e-6
    for name in names:
        p = params[name]
        for index in [tuple(rng.integers(0, n) for n in p.data.shape) for _ in range(4)]:
            saved = p.data[index]
            p.data[index] = saved + h
            up = sequence_loss(model(Tensor(x)), y).item()
            p.data[index] = saved - h
            down = sequence_loss(model(Tensor(x)), y).item()
            p.data[index] = saved
            assert p.grad[index] == pytest.approx((up - down) / (2 * h), rel=1e-4, abs=1e-8), (name, index)


def test_gradient_clipping_caps_the_global_norm():
    model = tiny_model(np.float32)
    params = model.parameters()
    for p in params:
        p.grad = np.full_like(p.data, 10.0)
    optimizer = s2s.ClippedAdamW(params, max_norm=1.0, lr=0.0)
    optimizer.step()
    assert math.sqrt(sum(float(np.sum(p.grad.astype(np.float64) ** 2)) for p in params)) == pytest.approx(1.0)


@pytest.fixture(scope="module")
def trained():
    """A small model after 80 steps on 2,000 dates: good enough to decode sensibly, not perfect."""
    with threadpool_limits(1):
        return train_small_model()


def train_small_model():
    manual_seed(0)
    config = s2s.Config(embed_size=16, hidden_size=48)
    model = s2s.DateTranslator(config)
    x, y = s2s.date_arrays(s2s.make_dates(2000, seed=0))
    optimizer = s2s.ClippedAdamW(model.parameters(), 1.0, lr=1e-2, weight_decay=0.0)
    rng = np.random.default_rng(0)
    for _ in range(80):
        rows = rng.integers(0, len(x), size=48)
        loss = sequence_loss(model(Tensor(x[rows])), y[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    return model, s2s.make_dates(24, seed=77)


def test_beam_width_one_is_greedy_decoding(trained):
    model, pairs = trained
    source = s2s.encode_source([text for text, _ in pairs])
    greedy_ids, greedy_scores, _ = s2s.greedy_decode(model, source)
    for row, ids, score in zip(source, greedy_ids, greedy_scores, strict=True):
        tokens, beam_score = s2s.beam_search(model, row, beam_width=1)
        assert s2s.decode_target(tokens) == s2s.decode_target(ids)
        assert beam_score == pytest.approx(score, abs=1e-4)


def test_wider_beams_never_score_below_greedy(trained):
    """Not a theorem (a beam can prune the greedy path and end lower), but what a working beam
    search does on a sensible model; every example here is checked, none skipped."""
    model, pairs = trained
    source = s2s.encode_source([text for text, _ in pairs])
    _, greedy_scores, _ = s2s.greedy_decode(model, source)
    for width in (2, 4):
        beam_scores = [score for _, score in s2s.beam_search_all(model, source, beam_width=width)]
        assert np.all(np.array(beam_scores) >= greedy_scores - 1e-4), width


def target_unigram_nats(pairs) -> float:
    """Cross-entropy per character of always predicting the target characters' frequencies: the
    score of a model that learned nothing about the source."""
    _, targets = s2s.encode_target([iso for _, iso in pairs])
    freq = np.bincount(targets.ravel(), minlength=len(s2s.TARGET_CHARS)) / targets.size
    return float(-np.sum(freq[freq > 0] * np.log(freq[freq > 0])))


def test_the_fast_run_learns_and_reports_both_decoders(tmp_path):
    result = s2s.train(s2s.Config(fast=True), root=tmp_path)
    baseline = target_unigram_nats(s2s.make_dates(200, seed=999))  # ~2.0 nats; the fast run ~1.0
    assert result.metrics["valid_loss"] < 0.8 * baseline
    assert (
        0.0 <= result.metrics["greedy_exact_match"] <= 1.0
        and 0.0 <= result.metrics["beam_exact_match"] <= 1.0
    )
    assert "->" in (result.run_dir / "sample.txt").read_text()


@pytest.mark.slow
def test_the_full_run_normalises_dates(tmp_path):
    result = s2s.train(s2s.Config(), root=tmp_path)
    metrics = result.metrics  # measured: 1.0 and 1.0 (every one of 1,000 test dates)
    assert metrics["greedy_exact_match"] > 0.97 and metrics["beam_exact_match"] > 0.97
