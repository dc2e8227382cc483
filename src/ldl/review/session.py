"""A review session against the progress store: which cards are due now, and recording ratings.

The CLI reads the learner's state, asks `review_queue` for the due cards, shows them one by one
and calls `record_rating` after each answer. Every rating is written to the store at once (one
row in `reviews`, with the card's new FSRS state), so a session stopped at any point (Ctrl-C, a
closed terminal) keeps every rating already given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ldl.curriculum.items import Card
from ldl.curriculum.path import Curriculum, Progress, UnitState, unit_states
from ldl.progress.store import ProgressStore
from ldl.review import schedule

RETENTION_SETTING = "review.retention"
NEW_PER_DAY_SETTING = "review.new_per_day"
STARTED = {UnitState.IN_PROGRESS, UnitState.DONE}


@dataclass(frozen=True)
class DueCard:
    """A card to review now, with what the learner sees and where its memory stands."""

    id: str
    unit: str
    question: str
    answer: str
    new: bool
    due: str | None  # ISO time it fell due (None for a new card)
    reviews: int
    lapses: int


@dataclass(frozen=True)
class ReviewQueue:
    """The cards due now, in the order they will be shown, and the schedule's settings."""

    cards: list[DueCard]
    retention: float
    new_per_day: int
    cards_in_schedule: int  # the cards of started units
    next_due: str | None  # when the next reviewed card falls due, if none is due now

    @property
    def due_count(self) -> int:
        return len(self.cards)


@dataclass(frozen=True)
class RatingResult:
    card_id: str
    rating: int
    rating_name: str
    next_due: str
    interval: str  # until the next review, e.g. "4 d"


def started_units(curriculum: Curriculum, progress: Progress, goal: str) -> set[str]:
    """Units the learner has started or finished: their cards are in the schedule."""
    return {unit for unit, state in unit_states(curriculum, progress, goal).items() if state in STARTED}


def cards_in_schedule(cards: Iterable[Card], curriculum: Curriculum, started: set[str]) -> list[Card]:
    """The cards of started units, in curriculum order (unit order, then file order)."""
    order = {unit.id: i for i, unit in enumerate(curriculum.syllabus.units)}
    chosen = [card for card in cards if card.unit in started]
    return sorted(chosen, key=lambda card: order.get(card.unit, len(order)))


def review_log(store: ProgressStore) -> list[schedule.LoggedReview]:
    """Every review the store holds, as the scheduler's log (at the time the rating was given)."""
    return [
        schedule.LoggedReview(
            r.card_id, int(r.grade), schedule.parse_time(r.schedule.get("reviewed_at", r.created_at))
        )
        for r in store.reviews()
    ]


def retention_of(store: ProgressStore) -> float:
    return float(store.get_setting(RETENTION_SETTING, schedule.DEFAULT_RETENTION))


def new_per_day_of(store: ProgressStore) -> int:
    return int(store.get_setting(NEW_PER_DAY_SETTING, schedule.DEFAULT_NEW_PER_DAY))


def review_queue(
    store: ProgressStore, cards: Sequence[Card], now: datetime | None = None, limit: int | None = None
) -> ReviewQueue:
    """The due cards among `cards` (already restricted to started units) at `now`."""
    now = now or datetime.now(UTC)
    retention, new_per_day = retention_of(store), new_per_day_of(store)
    by_id = {card.id: card for card in cards}
    log = [review for review in review_log(store) if review.card_id in by_id]
    due = schedule.due(list(by_id), log, now, retention, new_per_day)
    if limit is not None:
        due = due[:limit]
    upcoming = schedule.next_due(list(by_id), log, retention)
    return ReviewQueue(
        cards=[_due_card(by_id[state.card_id], state) for state in due],
        retention=retention,
        new_per_day=new_per_day,
        cards_in_schedule=len(by_id),
        next_due=upcoming.isoformat(timespec="minutes") if upcoming and not due else None,
    )


def record_rating(
    store: ProgressStore, card_id: str, rating: int, now: datetime | None = None
) -> RatingResult:
    """Rate one card (1 Again, 2 Hard, 3 Good, 4 Easy): write the review and its new state."""
    now = now or datetime.now(UTC)
    retention = retention_of(store)
    history = [r for r in review_log(store) if r.card_id == card_id]
    before = schedule.replay(history, retention).get(card_id)
    after = schedule.rate(before, card_id, rating, now, retention)
    state = {
        "scheduler": "fsrs",
        "reviewed_at": now.isoformat(),  # the time FSRS used (the row's created_at is the write time)
        "retention": retention,
        "due": after.due.isoformat(),
        "stability": after.stability,
        "difficulty": after.difficulty,
        "fsrs_state": int(after.state),
    }
    store.record_review(card_id, rating, schedule=state)
    return RatingResult(
        card_id=card_id,
        rating=rating,
        rating_name=schedule.RATINGS[rating],
        next_due=after.due.isoformat(timespec="minutes"),
        interval=schedule.interval_text(after.due - now),
    )


def _due_card(card: Card, state: schedule.CardState) -> DueCard:
    return DueCard(
        id=card.id,
        unit=card.unit,
        question=card.question,
        answer=card.answer,
        new=state.new,
        due=state.due.isoformat(timespec="minutes") if state.due else None,
        reviews=state.reviews,
        lapses=state.lapses,
    )
