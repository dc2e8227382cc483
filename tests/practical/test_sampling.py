"""Temperature sampling: the probabilities, and the draws a seeded generator makes from them."""

from __future__ import annotations

import pytest
import torch

from ldl.practical.sampling import sample_next, temperature_probabilities

LOGITS = torch.tensor([2.0, 1.0, 0.0, -1.0])


def entropy(p):
    return float(-(p * p.clamp_min(1e-30).log()).sum())


def test_temperature_one_is_the_softmax():
    assert torch.allclose(temperature_probabilities(LOGITS, 1.0), torch.softmax(LOGITS, dim=0))


def test_low_temperature_sharpens_and_high_temperature_flattens():
    entropies = [entropy(temperature_probabilities(LOGITS, t)) for t in (0.25, 0.5, 1.0, 2.0, 8.0)]
    assert entropies == sorted(entropies)
    assert entropies[-1] < torch.log(torch.tensor(4.0)).item()


def test_temperature_zero_is_greedy():
    assert temperature_probabilities(LOGITS, 0.0).tolist() == [1.0, 0.0, 0.0, 0.0]
    assert {sample_next(LOGITS, 0.0) for _ in range(20)} == {0}


def test_negative_temperature_is_refused():
    with pytest.raises(ValueError):
        temperature_probabilities(LOGITS, -1.0)


def test_draws_follow_the_tempered_distribution():
    generator = torch.Generator().manual_seed(0)
    draws = torch.tensor([sample_next(LOGITS, 0.7, generator) for _ in range(4000)])
    frequencies = torch.bincount(draws, minlength=4).float() / len(draws)
    expected = temperature_probabilities(LOGITS, 0.7)
    assert torch.allclose(frequencies, expected, atol=0.03)
