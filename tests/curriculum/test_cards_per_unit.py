"""Every unit of all six stages has review cards to revisit it by (issue: revisit concepts over time)."""

from __future__ import annotations

from collections import Counter

from ldl.curriculum.items import load_cards
from ldl.curriculum.syllabus import load_syllabus

MINIMUM = 5


def test_every_unit_has_at_least_five_cards():
    counts = Counter(card.unit for card in load_cards())
    thin = {unit.id: counts[unit.id] for unit in load_syllabus().units if counts[unit.id] < MINIMUM}
    assert not thin, f"units with fewer than {MINIMUM} review cards: {thin}"


def test_every_card_names_a_real_unit():
    units = {unit.id for unit in load_syllabus().units}
    assert not [card.id for card in load_cards() if card.unit not in units]
