"""The FSRS schedule over a review log: replay, due order, the daily cap on new cards, ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ldl.review import schedule
from ldl.review.schedule import LoggedReview

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_a_good_rating_pushes_the_card_further_than_again():
    good = schedule.rate(None, "c", 3, T0, 0.9)
    again = schedule.rate(None, "c", 1, T0, 0.9)
    assert good.due > again.due
    assert good.stability > again.stability


def test_successive_good_reviews_space_out():
    card, gaps, at = None, [], T0
    for _ in range(5):
        card = schedule.rate(card, "c", 3, at, 0.9)
        gaps.append(card.due - at)
        at = card.due
    assert all(later > earlier for earlier, later in zip(gaps[1:], gaps[2:]))  # after the learning steps
    assert gaps[-1] > timedelta(days=10)


def test_a_higher_desired_retention_reviews_sooner():
    log = [LoggedReview("c", 3, T0 + timedelta(days=d)) for d in (0, 0.01, 1, 4)]
    relaxed = schedule.replay(log, 0.8)["c"]
    strict = schedule.replay(log, 0.97)["c"]
    assert strict.due < relaxed.due


def test_replay_is_deterministic_and_order_independent():
    log = [
        LoggedReview("a", 3, T0),
        LoggedReview("b", 1, T0 + timedelta(hours=1)),
        LoggedReview("a", 4, T0 + timedelta(days=2)),
    ]
    one = schedule.replay(log, 0.9)
    two = schedule.replay(list(reversed(log)), 0.9)
    assert {k: v.due for k, v in one.items()} == {k: v.due for k, v in two.items()}


def test_due_lists_overdue_cards_oldest_first_then_new_cards_in_order():
    ids = ["a", "b", "c", "d"]
    log = [LoggedReview("b", 3, T0), LoggedReview("a", 3, T0 + timedelta(minutes=5))]
    later = T0 + timedelta(days=30)
    due = schedule.due(ids, log, later, 0.9, new_per_day=20)
    assert [s.card_id for s in due] == ["b", "a", "c", "d"]
    assert [s.new for s in due] == [False, False, True, True]


def test_cards_not_yet_due_are_left_out():
    log = [LoggedReview("a", 3, T0), LoggedReview("a", 3, T0 + timedelta(minutes=11))]
    card = schedule.replay(log, 0.9)["a"]
    assert schedule.due(["a"], log, card.due - timedelta(minutes=1), 0.9) == []
    assert [s.card_id for s in schedule.due(["a"], log, card.due + timedelta(minutes=1), 0.9)] == ["a"]


def test_new_cards_are_capped_per_day_counting_those_started_today():
    ids = [f"c{i}" for i in range(10)]
    now = datetime.now(UTC)
    log = [
        LoggedReview("c0", 3, now - timedelta(minutes=1)),
        LoggedReview("c1", 3, now - timedelta(minutes=1)),
    ]
    due = schedule.due(ids, log, now, 0.9, new_per_day=5)
    assert sum(s.new for s in due) == 3  # 5 a day, 2 already started today


@pytest.mark.parametrize("rating", [0, 5, "3"])
def test_a_rating_outside_one_to_four_is_refused(rating):
    with pytest.raises(ValueError, match="rating"):
        schedule.rate(None, "c", rating, T0, 0.9)


def test_a_desired_retention_outside_the_sensible_range_is_refused():
    with pytest.raises(ValueError, match="retention"):
        schedule.scheduler(0.5)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=4), "4 d"),
        (timedelta(days=91), "3.0 mo"),
    ],
)
def test_interval_text(delta, text):
    assert schedule.interval_text(delta) == text
