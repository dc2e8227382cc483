"""Does the scheduler help? Simulated learners with a known forgetting curve, FSRS vs fixed intervals.

The simulated memory is deliberately *not* FSRS's own model, so FSRS gets no home advantage:

- each card has a true stability S (days); the probability of recalling it t days after the last
  review is R = exp(-t / S) (Ebbinghaus's exponential curve; FSRS assumes a power curve);
- a first exposure sets S to a random initial stability (log-normal around `initial_stability`);
- a successful recall multiplies S by (1.2 + growth * (1 - R)): reviews that come when the memory
  has faded help more (the spacing effect); a failure (forgotten) multiplies it by `lapse_factor`
  and the learner sees the answer again.

A policy only sees what a real scheduler sees: when each review happened and whether it was
recalled (rated Good) or not (Again). Measured per policy, over `days` days and `cards` cards
introduced `new_per_day` a day: reviews per card, the recall rate at reviews (after the first
exposure), and the time-averaged probability of recall (how much the learner knows on an average
day, the quantity a learner cares about).

    python -m ldl.review.simulate            # the table in docs/review.md
"""

from __future__ import annotations

import argparse
import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import fsrs
import numpy as np

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Learner:
    """The simulated memory (see the module docstring)."""

    initial_stability: float = 2.0  # days, median of the first exposure's stability
    spread: float = 0.5  # log-normal sigma of the initial stability (cards differ in difficulty)
    growth: float = 4.0
    lapse_factor: float = 0.3


@dataclass(frozen=True)
class Outcome:
    policy: str
    reviews_per_card: float
    recall_at_review: float  # recalled / reviews, first exposures excluded
    mean_retention: float  # time-averaged probability of recall, from each card's first exposure


class FsrsPolicy:
    def __init__(self, retention: float):
        self.name = f"FSRS, desired retention {retention:.2f}"
        self.scheduler = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)

    def start(self, card_id: int):
        return fsrs.Card(card_id=card_id)

    def after_review(self, state, at_days: float, recalled: bool):
        at = EPOCH + timedelta(days=at_days)
        state, _ = self.scheduler.review_card(state, fsrs.Rating.Good if recalled else fsrs.Rating.Again, at)
        return state, (state.due - EPOCH).total_seconds() / 86400


class FixedPolicy:
    def __init__(self, interval_days: float):
        self.name = f"every {interval_days:g} days"
        self.interval = interval_days

    def start(self, card_id: int):
        return None

    def after_review(self, state, at_days: float, recalled: bool):
        return state, at_days + self.interval


def simulate(policy, days: int = 365, cards: int = 200, new_per_day: int = 10, seed: int = 0,
             learner: Learner = Learner()) -> Outcome:  # fmt: skip
    """Run `policy` on `cards` simulated cards; the same seed gives every policy the same cards."""
    rng = np.random.default_rng(seed)
    initial = learner.initial_stability * np.exp(learner.spread * rng.standard_normal(cards))
    draws = np.random.default_rng(seed + 1)
    reviews = recalls = 0
    known_time = exposed_time = 0.0
    for i in range(cards):
        t = float(i // new_per_day)
        stability, last = float(initial[i]), t  # the first exposure: studied, remembered now
        state, due = policy.after_review(policy.start(i + 1), t, True)
        reviews += 1
        while due < days:
            elapsed = due - last
            known_time += stability * -math.expm1(-elapsed / stability)  # the integral of R over the gap
            recall_probability = math.exp(-elapsed / stability)
            recalled = bool(draws.random() < recall_probability)
            reviews += 1
            recalls += recalled
            if recalled:
                stability = min(stability * (1.2 + learner.growth * (1 - recall_probability)), 36500.0)
            else:
                stability = max(stability * learner.lapse_factor, float(initial[i]))  # relearned
            last = due
            state, due = policy.after_review(state, due, recalled)
        known_time += stability * -math.expm1(-(days - last) / stability)
        exposed_time += days - i // new_per_day
    later = reviews - cards
    return Outcome(policy.name, reviews / cards, recalls / later if later else 1.0, known_time / exposed_time)


def compare(
    retention: float = 0.9, fixed: tuple[float, ...] = (1, 2, 3, 5, 7, 10, 14, 21, 30), **kwargs
) -> dict:
    """FSRS at `retention` against fixed intervals; the cheapest fixed interval that matches FSRS's
    time-averaged retention, and how many more reviews it needs."""
    ours = simulate(FsrsPolicy(retention), **kwargs)
    others = [simulate(FixedPolicy(days), **kwargs) for days in fixed]
    matching = [o for o in others if o.mean_retention >= ours.mean_retention]
    cheapest = min(matching, key=lambda o: o.reviews_per_card) if matching else None
    return {
        "fsrs": asdict(ours),
        "fixed": [asdict(o) for o in others],
        "cheapest_matching_fixed": asdict(cheapest) if cheapest else None,
        "review_ratio": (cheapest.reviews_per_card / ours.reviews_per_card) if cheapest else None,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--retention", type=float, default=0.9)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    for seed in range(args.seeds):
        result = compare(args.retention, days=args.days, cards=args.cards, seed=seed)
        print(f"seed {seed}")
        print(f"  {'policy':34s} {'reviews/card':>12s} {'recall at review':>17s} {'mean retention':>15s}")
        for row in [result["fsrs"], *result["fixed"]]:
            print(f"  {row['policy']:34s} {row['reviews_per_card']:12.1f} {row['recall_at_review']:17.3f}"
                  f" {row['mean_retention']:15.3f}")  # fmt: skip
        cheapest = result["cheapest_matching_fixed"]
        if cheapest:
            print(f"  cheapest fixed schedule with at least FSRS's mean retention: {cheapest['policy']}, "
                  f"{result['review_ratio']:.2f}x FSRS's reviews")  # fmt: skip
        else:
            print("  no fixed schedule tried reaches FSRS's mean retention")


if __name__ == "__main__":
    main()
