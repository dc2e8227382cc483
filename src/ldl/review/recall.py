"""Recall exercises: an exercise you passed comes back, as a blank file, on a spaced schedule.

Cards check that you remember *why*; recall exercises check that you can still *do* it. Every
passed exercise is scheduled by the same FSRS scheduler and desired retention as the cards, as if
the pass were its first review:

- the first pass is rated Good, or Hard when you used hints for it, or Again when you gave up
  and read the solution before passing;
- each recall is rated from what happened: passed at the first check Good, passed after failed
  checks Hard, given up (`ldl recall give-up`) Again.

Unlike cards, recall exercises have no learning steps of minutes: a recall comes back after days
(FSRS's first interval after a Good is two days at 90% retention, then about eleven, growing with each
success). Recall outcomes are logged in the store's `reviews` table under the id `recall:<exercise>`,
so they count for the streak like any review; recall checks are logged as attempts under the same id,
never under the exercise's own id, so they can never undo a pass.

`ldl next` mixes them in by one documented rule (see `ldl.curriculum.next_step`): due cards first
when many are due, then at most one recall exercise a day, then new work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ldl.curriculum.items import Exercise
from ldl.progress.store import ProgressStore
from ldl.review import schedule
from ldl.review.session import retention_of

PREFIX = "recall:"
STARTED_SETTING = "recall.started"  # {exercise_id: ISO time the blank file was written}


def recall_id(exercise_id: str) -> str:
    """The id a recall of `exercise_id` is logged under (reviews and attempts)."""
    return PREFIX + exercise_id


@dataclass(frozen=True)
class DueRecall:
    """A passed exercise and where its recall schedule stands."""

    exercise_id: str
    title: str
    unit: str
    passed_at: str  # ISO time of the first pass
    due: str  # ISO time the next recall is (or was) due
    recalls: int  # recalls done so far (outcomes logged)
    is_due: bool
    in_progress: bool  # a blank file was handed out and not yet passed or given up


@dataclass(frozen=True)
class RecallQueue:
    due: list[DueRecall]  # due now, most overdue first
    upcoming: list[DueRecall]  # not due yet, soonest first
    done_today: int  # recall outcomes logged today (the rule in `ldl next` allows one a day first)
    retention: float


@dataclass(frozen=True)
class RecallOutcome:
    exercise_id: str
    rating: int
    rating_name: str
    next_due: str
    interval: str


def first_passes(store: ProgressStore) -> dict[str, datetime]:
    """{exercise_id: time of its first passing attempt} (recall attempts excluded)."""
    passes: dict[str, datetime] = {}
    for attempt in store.attempts():
        if attempt.verdict == "pass" and not attempt.exercise_id.startswith(PREFIX):
            passes.setdefault(attempt.exercise_id, schedule.parse_time(attempt.created_at))
    return passes


def first_rating(store: ProgressStore, exercise_id: str) -> int:
    """How the first pass counts: Again after giving up, Hard with hints, Good on your own."""
    if store.gave_up(exercise_id):
        return 1
    return 2 if store.hints_used(exercise_id) else 3


def recall_log(store: ProgressStore, passes: dict[str, datetime]) -> list[schedule.LoggedReview]:
    """The scheduler's log for recalls: each first pass as a review, then every logged recall."""
    log = [schedule.LoggedReview(recall_id(e), first_rating(store, e), at) for e, at in passes.items()]
    for review in store.reviews():
        if review.card_id.startswith(PREFIX):
            at = schedule.parse_time(review.schedule.get("reviewed_at", review.created_at))
            log.append(schedule.LoggedReview(review.card_id, int(review.grade), at))
    return log


def recall_queue(
    store: ProgressStore, exercises: Sequence[Exercise], now: datetime | None = None
) -> RecallQueue:
    """Every passed exercise of `exercises` with its next recall, split into due and upcoming."""
    now = now or datetime.now(UTC)
    retention = retention_of(store)
    passes = first_passes(store)
    log = recall_log(store, passes)
    cards = schedule.replay(log, retention, learning_steps=False)
    counts: dict[str, int] = {}
    for review in log:
        counts[review.card_id] = counts.get(review.card_id, 0) + 1
    started = store.get_setting(STARTED_SETTING, {}) or {}
    rows = []
    for exercise in exercises:
        if exercise.id not in passes:
            continue
        card = cards[recall_id(exercise.id)]
        rows.append(
            DueRecall(
                exercise_id=exercise.id,
                title=exercise.title,
                unit=exercise.unit,
                passed_at=passes[exercise.id].isoformat(timespec="minutes"),
                due=card.due.isoformat(timespec="minutes"),
                recalls=counts[recall_id(exercise.id)] - 1,
                is_due=card.due <= now,
                in_progress=exercise.id in started,
            )
        )
    day_start = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    done_today = sum(1 for r in log[len(passes) :] if r.at >= day_start)
    due = sorted((r for r in rows if r.is_due), key=lambda r: (not r.in_progress, r.due))
    upcoming = sorted((r for r in rows if not r.is_due), key=lambda r: r.due)
    return RecallQueue(due=due, upcoming=upcoming, done_today=done_today, retention=retention)


def mark_started(store: ProgressStore, exercise_id: str, now: datetime | None = None) -> None:
    """Remember that the blank file was handed out (failed checks from then on make it Hard)."""
    started = dict(store.get_setting(STARTED_SETTING, {}) or {})
    started.setdefault(exercise_id, (now or datetime.now(UTC)).isoformat())
    store.set_setting(STARTED_SETTING, started)


def started_at(store: ProgressStore, exercise_id: str) -> datetime | None:
    stamp = (store.get_setting(STARTED_SETTING, {}) or {}).get(exercise_id)
    return schedule.parse_time(stamp) if stamp else None


def failed_checks_since_start(store: ProgressStore, exercise_id: str) -> int:
    """Failed recall checks since the blank file was handed out."""
    since = started_at(store, exercise_id)
    return sum(
        1
        for attempt in store.attempts(recall_id(exercise_id))
        if attempt.verdict != "pass" and (since is None or schedule.parse_time(attempt.created_at) >= since)
    )


def record_outcome(
    store: ProgressStore, exercise_id: str, passed: bool, now: datetime | None = None
) -> RecallOutcome:
    """Log a finished recall: passed (Good, or Hard after failed checks) or given up (Again)."""
    now = now or datetime.now(UTC)
    rating = (2 if failed_checks_since_start(store, exercise_id) else 3) if passed else 1
    retention = retention_of(store)
    passes = first_passes(store)
    history = [r for r in recall_log(store, passes) if r.card_id == recall_id(exercise_id)]
    before = schedule.replay(history, retention, learning_steps=False).get(recall_id(exercise_id))
    after = schedule.rate(before, recall_id(exercise_id), rating, now, retention, learning_steps=False)
    state = {"scheduler": "fsrs-recall", "reviewed_at": now.isoformat(), "retention": retention}
    state |= {"due": after.due.isoformat(), "stability": after.stability, "difficulty": after.difficulty}
    store.record_review(recall_id(exercise_id), rating, schedule=state)
    started = dict(store.get_setting(STARTED_SETTING, {}) or {})
    started.pop(exercise_id, None)
    store.set_setting(STARTED_SETTING, started)
    return RecallOutcome(
        exercise_id=exercise_id,
        rating=rating,
        rating_name=schedule.RATINGS[rating],
        next_due=after.due.isoformat(timespec="minutes"),
        interval=schedule.interval_text(after.due - now),
    )
