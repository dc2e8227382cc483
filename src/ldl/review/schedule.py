"""Which review cards are due, and what a rating does: the FSRS scheduler over the review log.

FSRS (the Free Spaced Repetition Scheduler, `fsrs` on PyPI, also Anki's scheduler) models each card's
memory with a *stability* (days until recall probability falls to 90%) and a *difficulty*, and
schedules the next review for when the predicted probability of recall falls to the desired
retention (default 0.9). A rating updates both: Again (1) means forgotten, Hard (2), Good (3) and
Easy (4) mean recalled with decreasing effort.

A card's state is never stored as the truth: it is *replayed* from the card's reviews in the
progress store, oldest first, with fuzzing switched off. Replaying is deterministic, survives any
crash between two writes, and follows a change of the desired retention at once.

Cards enter the schedule when their unit is started (in progress or done): a new card is due at
once, at most `new_per_day` new ones a day. Due cards come overdue-first (oldest due date first),
then new cards in curriculum order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 20


@dataclass(frozen=True)
class CardState:
    """Where one card stands: never reviewed (`new`) or with its FSRS memory state."""

    card_id: str
    new: bool
    due: datetime | None  # None for a new card (due as soon as its unit is started)
    stability: float | None = None  # days
    difficulty: float | None = None
    reviews: int = 0
    lapses: int = 0  # reviews rated Again


@dataclass(frozen=True)
class LoggedReview:
    """One review from the log: which card, its rating (1-4) and when."""

    card_id: str
    rating: int
    at: datetime


def scheduler(retention: float = DEFAULT_RETENTION, learning_steps: bool = True) -> fsrs.Scheduler:
    """An FSRS scheduler with `retention` as the target probability of recall (fuzzing off).

    `learning_steps=False` drops the same-day steps (1 and 10 minutes) that new and forgotten cards
    go through: recall exercises come back after days, never minutes."""
    if not 0.7 <= retention <= 0.99:
        raise ValueError(f"desired retention must be between 0.7 and 0.99, got {retention}")
    if learning_steps:
        return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
    return fsrs.Scheduler(
        desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    )


def replay(
    log: Iterable[LoggedReview], retention: float = DEFAULT_RETENTION, learning_steps: bool = True
) -> dict[str, fsrs.Card]:
    """{card_id: FSRS card} after applying every logged review in time order."""
    engine = scheduler(retention, learning_steps)
    cards: dict[str, fsrs.Card] = {}
    for review in sorted(log, key=lambda r: r.at):
        card = cards.get(review.card_id) or fsrs.Card(card_id=_numeric_id(review.card_id))
        cards[review.card_id], _ = engine.review_card(card, fsrs.Rating(review.rating), review.at)
    return cards


def rate(
    card: fsrs.Card | None,
    card_id: str,
    rating: int,
    at: datetime,
    retention: float,
    learning_steps: bool = True,
) -> fsrs.Card:
    """The card after one more review rated `rating` at `at` (a new card when `card` is None)."""
    if rating not in RATINGS:
        raise ValueError(f"a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), got {rating!r}")
    card = card or fsrs.Card(card_id=_numeric_id(card_id))
    updated, _ = scheduler(retention, learning_steps).review_card(card, fsrs.Rating(rating), at)
    return updated


def states(card_ids: Sequence[str], log: Sequence[LoggedReview], retention: float) -> dict[str, CardState]:
    """Every card's state, from the review log."""
    replayed = replay(log, retention)
    counts: dict[str, int] = {}
    lapses: dict[str, int] = {}
    for review in log:
        counts[review.card_id] = counts.get(review.card_id, 0) + 1
        lapses[review.card_id] = lapses.get(review.card_id, 0) + (review.rating == 1)
    out = {}
    for card_id in card_ids:
        card = replayed.get(card_id)
        if card is None:
            out[card_id] = CardState(card_id, new=True, due=None)
        else:
            out[card_id] = CardState(
                card_id,
                new=False,
                due=card.due,
                stability=card.stability,
                difficulty=card.difficulty,
                reviews=counts[card_id],
                lapses=lapses[card_id],
            )
    return out


def due(
    card_ids: Sequence[str],
    log: Sequence[LoggedReview],
    now: datetime,
    retention: float = DEFAULT_RETENTION,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> list[CardState]:
    """The cards to review now: those whose due time has come (oldest first), then new cards in
    the order given, minus the new cards already started today (at most `new_per_day` a day).

    `card_ids` are the cards of started units, in curriculum order."""
    all_states = states(card_ids, log, retention)
    overdue = sorted((s for s in all_states.values() if not s.new and s.due <= now), key=lambda s: s.due)
    first_seen: dict[str, datetime] = {}
    for review in sorted(log, key=lambda r: r.at):
        first_seen.setdefault(review.card_id, review.at)
    day_start = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    started_today = sum(1 for at in first_seen.values() if at >= day_start)
    room = max(new_per_day - started_today, 0)
    fresh = [all_states[c] for c in card_ids if all_states[c].new][:room]
    return overdue + fresh


def next_due(card_ids: Sequence[str], log: Sequence[LoggedReview], retention: float) -> datetime | None:
    """When the next already-reviewed card becomes due (None if none has been reviewed)."""
    dues = [s.due for s in states(card_ids, log, retention).values() if not s.new]
    return min(dues) if dues else None


def parse_time(stamp: str) -> datetime:
    """The store's ISO 8601 stamps as aware datetimes (UTC when no zone is given)."""
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def interval_text(delta: timedelta) -> str:
    """A short human interval: '10 min', '3 h', '4 d', '2.5 mo'."""
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{max(round(minutes), 1)} min"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)} h"
    days = minutes / (24 * 60)
    return f"{round(days)} d" if days < 60 else f"{days / 30.4:.1f} mo"


def _numeric_id(card_id: str) -> int:
    """FSRS wants an integer id; derive a stable one from the card's text id."""
    import zlib

    return zlib.crc32(card_id.encode("utf-8"))
