"""A review session against a real progress store: due cards, ratings kept, a stopped session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ldl.curriculum.items import Card
from ldl.curriculum.path import Progress, load_curriculum
from ldl.progress.store import ProgressStore
from ldl.review import session


def cards(n: int, unit: str = "math.calculus") -> list[Card]:
    return [Card(id=f"{unit}.c{i}", unit=unit, question=f"q{i}", answer=f"a{i}") for i in range(n)]


def test_only_cards_of_started_units_are_scheduled():
    curriculum = load_curriculum()
    progress = Progress(unit_statuses={"math.calculus": "in_progress", "practical.getting-started": "done"})
    started = session.started_units(curriculum, progress, curriculum.syllabus.default_goal)
    assert {"math.calculus", "practical.getting-started"} <= started
    assert "deep-rl.ppo" not in started
    deck = [*cards(2, "deep-rl.ppo"), *cards(2, "math.calculus"), *cards(1, "practical.getting-started")]
    chosen = session.cards_in_schedule(deck, curriculum, started)
    assert [c.unit for c in chosen] == ["practical.getting-started", "math.calculus", "math.calculus"]


def test_ratings_are_recorded_at_once_and_move_cards_out_of_the_queue(tmp_path):
    deck = cards(3)
    t0 = datetime(2026, 5, 1, 8, tzinfo=UTC)
    with ProgressStore(tmp_path / "p.sqlite") as store:
        queue = session.review_queue(store, deck, now=t0)
        assert queue.due_count == 3 and all(c.new for c in queue.cards)
        result = session.record_rating(store, deck[0].id, 3, now=t0)
        assert result.rating_name == "Good"
        after = session.review_queue(store, deck, now=t0 + timedelta(seconds=5))
        assert [c.id for c in after.cards] == [deck[1].id, deck[2].id]
    # a new process (a new store object) sees the same: the rating was written, not kept in memory
    with ProgressStore(tmp_path / "p.sqlite") as store:
        reviews = store.reviews()
        assert [(r.card_id, r.grade) for r in reviews] == [(deck[0].id, 3)]
        assert reviews[0].schedule["scheduler"] == "fsrs"
        later = session.review_queue(store, deck, now=t0 + timedelta(days=60))
        assert deck[0].id in [c.id for c in later.cards] and not later.cards[0].new


def test_the_desired_retention_setting_changes_the_schedule(tmp_path):
    deck = cards(1)
    t0 = datetime(2026, 5, 1, 8, tzinfo=UTC)
    dues = {}
    for retention in (0.8, 0.95):
        with ProgressStore(tmp_path / f"{retention}.sqlite") as store:
            store.set_setting(session.RETENTION_SETTING, retention)
            at = t0
            for _ in range(4):
                result = session.record_rating(store, deck[0].id, 3, now=at)
                at = datetime.fromisoformat(result.next_due)
            dues[retention] = at
    assert dues[0.95] < dues[0.8]


def test_nothing_due_reports_when_the_next_card_falls_due(tmp_path):
    deck = cards(1)
    t0 = datetime(2026, 5, 1, 8, tzinfo=UTC)
    with ProgressStore(tmp_path / "p.sqlite") as store:
        session.record_rating(store, deck[0].id, 4, now=t0)
        queue = session.review_queue(store, deck, now=t0 + timedelta(seconds=1))
        assert queue.due_count == 0 and queue.next_due is not None
