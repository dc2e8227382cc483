"""word2vec (skip-gram with negative sampling) in ldl.engine.recipes.word2vec: the loss's gradients
against central differences and against the exercise's reference solution, the sparse update
against the dense one, the sampling pieces, exact resume, and the reference run in fast mode
(the full run, with its related-words margin, is marked slow)."""

from __future__ import annotations

import importlib.util
import math
import os
from pathlib import Path

import numpy as np
import pytest

import ldl
from ldl.engine.recipes import word2vec as w2v

EXERCISE = Path(ldl.__file__).parent / "content/stages/3-deep-dive/exercises/skipgram_negative_sampling"
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
NO_LEARNING_LOSS = 6 * math.log(2)  # every score 0: -log σ(0) for the pair and each of K = 5 negatives


@pytest.fixture(autouse=True)
def offline_data(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("LDL_OFFLINE", "1")
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    monkeypatch.setenv("LDL_DATA_DIR", str(tmp_path_factory.getbasetemp() / "data-cache"))
    if "LDL_DATA_MIRROR" not in os.environ and SHARED_DATA.is_dir():
        monkeypatch.setenv("LDL_DATA_MIRROR", str(SHARED_DATA))


def batch(seed=0, vocab=7, dim=4, size=6, k=3):
    rng = np.random.default_rng(seed)
    center, context = rng.normal(size=(2, vocab, dim)) * 0.5  # float64, (V, d) each
    centers = np.array([0, 1, 1, 3, 0, 5])[:size]  # repeats on purpose
    contexts = np.array([2, 2, 4, 0, 6, 1])[:size]
    negatives = rng.integers(0, vocab, size=(size, k))
    negatives[0, :2] = 2  # the same word as a context and twice as a negative in one batch
    return center, context, centers, contexts, negatives


def test_sgns_gradients_match_central_differences():
    center, context, *ids = batch()
    _, grad_center, grad_context = w2v.skipgram_loss_and_grads(center, context, *ids)
    h = 1e-6
    for matrix, grad in ((center, grad_center), (context, grad_context)):
        numeric = np.zeros_like(matrix)
        for index in np.ndindex(matrix.shape):
            saved = matrix[index]
            matrix[index] = saved + h
            up = w2v.skipgram_loss_and_grads(center, context, *ids)[0]
            matrix[index] = saved - h
            down = w2v.skipgram_loss_and_grads(center, context, *ids)[0]
            matrix[index] = saved
            numeric[index] = (up - down) / (2 * h)
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)
    assert np.abs(grad_context[2]).sum() > 0 and np.all(grad_center[[2, 4, 6]] == 0)  # only used rows


def test_sgns_agrees_with_the_exercise_solution():
    spec = importlib.util.spec_from_file_location("sgns_solution", EXERCISE / "solution.py")
    solution = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(solution)
    for seed in range(3):
        args = batch(seed)
        ours, theirs = w2v.skipgram_loss_and_grads(*args), solution.skipgram_loss_and_grads(*args)
        assert ours[0] == pytest.approx(theirs[0], rel=1e-12)
        np.testing.assert_allclose(ours[1], theirs[1], atol=1e-12)
        np.testing.assert_allclose(ours[2], theirs[2], atol=1e-12)


def test_the_sparse_sgd_step_equals_the_dense_update():
    center, context, *ids = batch(1)
    _, grad_center, grad_context = w2v.skipgram_loss_and_grads(center, context, *ids)
    lr, size = 0.1, len(ids[0])  # sgd_step takes lr per pair: the mean's gradient times the batch size
    expected = center - lr * size * grad_center, context - lr * size * grad_context
    w2v.sgd_step(center, context, *ids, lr=lr)  # in place
    np.testing.assert_allclose(center, expected[0], atol=1e-12)
    np.testing.assert_allclose(context, expected[1], atol=1e-12)


def test_scatter_add_adds_repeated_rows():
    matrix = np.zeros((4, 3), dtype=np.float32)
    rows = np.array([[1, 1], [3, 1]])  # row 1 three times
    w2v.scatter_add(matrix, rows, np.ones((2, 2, 3)))
    np.testing.assert_array_equal(matrix, [[0] * 3, [3] * 3, [0] * 3, [1] * 3])


def test_noise_distribution_and_subsampling():
    counts = np.array([1000, 100, 10, 1])
    noise = w2v.noise_distribution(counts)
    assert noise.sum() == pytest.approx(1.0)
    assert noise[0] / noise[1] == pytest.approx(10**0.75)  # flatter than the counts (10x)
    keep = w2v.keep_probabilities(counts, t=1e-3)
    assert keep[0] < keep[1] < 1.0 and keep[-1] == 1.0  # frequent words dropped most, rare ones kept
    assert np.all(w2v.keep_probabilities(counts, t=0) == 1.0)


def test_skipgram_pairs_stay_inside_the_window():
    ids = np.arange(50)  # each word once, so a pair's distance is the difference of its ids
    centres, contexts = w2v.skipgram_pairs(ids, np.ones(50), window=3, rng=np.random.default_rng(0))
    distance = np.abs(centres - contexts)
    assert distance.min() == 1 and distance.max() == 3
    assert 2 * 49 <= len(centres) <= 2 * (49 + 48 + 47)  # every neighbour pair, far ones sometimes
    one, _ = w2v.skipgram_pairs(ids, np.ones(50), window=1, rng=np.random.default_rng(0))
    assert len(one) == 2 * 49


def test_tokenize_keeps_inner_apostrophes():
    assert w2v.tokenize("O'er the Moon, thou'rt 'tis") == ["o'er", "the", "moon", "thou'rt", "tis"]


class StopAt:
    def __init__(self, calls):
        self.calls = calls

    @property
    def requested(self):
        self.calls -= 1
        return self.calls < 0


def test_an_interrupted_fit_resumes_to_the_same_vectors(tmp_path):
    """Stopped in its second epoch, saved as a run's checkpoint, loaded back, resumed: the same
    vectors and history as a run never stopped (epoch e's pairs depend on (seed, e) alone)."""
    from ldl.tracking import start_run

    text = (Path(ldl.__file__).parent / "data/texts/hamlet.txt").read_text(encoding="utf-8")[:25_000]
    config = w2v.Config(num_epochs=2, batch_size=256, min_count=3)
    plain = w2v.fit_vectors(config, text=text)
    first_epoch_steps = math.ceil(plain.history[0]["pairs"] / config.batch_size)
    stopped = w2v.fit_vectors(config, text=text, interrupt=StopAt(first_epoch_steps + 10))  # in epoch 2
    assert stopped.interrupted and stopped.checkpoint["epoch"] == 1
    run = start_run("deep-dive", "word2vec", config, root=tmp_path)
    run.checkpoints.save(stopped.checkpoint, stopped.checkpoint["step"])
    run.close("interrupted")
    state = start_run("deep-dive", "word2vec", config, root=tmp_path, resume=True).resumed.state
    resumed = w2v.fit_vectors(config, text=text, state=state)
    np.testing.assert_array_equal(resumed.vectors, plain.vectors)
    assert resumed.history == plain.history


def test_the_fast_run_learns_and_writes_its_run(tmp_path):
    result = w2v.train(w2v.Config(fast=True), root=tmp_path)
    assert result.metrics["final_loss"] < 0.8 * NO_LEARNING_LOSS  # measured ~2.7 against 4.16
    assert result.metrics["vocabulary"] > 500 and result.metrics["pairs"] >= 15
    assert (result.run_dir / "plots" / "projection.png").exists()
    assert "thou:" in (result.run_dir / "sample.txt").read_text()


@pytest.mark.slow
def test_the_full_run_puts_related_words_closer(tmp_path):
    result = w2v.train(w2v.Config(), root=tmp_path)
    assert result.metrics["margin"] > 0.2 and result.metrics["pair_accuracy"] > 0.85  # measured 0.254, 0.915
