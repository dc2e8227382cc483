"""The evidence that scheduling helps, on simulated learners (docs/review.md has the full table)."""

from __future__ import annotations

from ldl.review.simulate import FixedPolicy, FsrsPolicy, compare, simulate


def test_fsrs_needs_far_fewer_reviews_than_a_fixed_schedule_with_the_same_retention():
    result = compare(0.9, fixed=(1, 2, 3, 5, 7), days=180, cards=60, seed=0)
    fsrs, cheapest = result["fsrs"], result["cheapest_matching_fixed"]
    assert cheapest is not None
    assert cheapest["mean_retention"] >= fsrs["mean_retention"]
    assert (
        result["review_ratio"] > 3
    )  # the cheapest fixed schedule that keeps up costs 3x the reviews or more


def test_fsrs_keeps_recall_near_the_desired_level_and_follows_it():
    """FSRS's default parameters assume a power forgetting curve; this memory forgets exponentially,
    so recall at review lands a little under the target (within 0.1), and moves with it."""
    strict = simulate(FsrsPolicy(0.95), days=180, cards=60, seed=1)
    relaxed = simulate(FsrsPolicy(0.8), days=180, cards=60, seed=1)
    assert 0.7 <= relaxed.recall_at_review < strict.recall_at_review <= 1.0
    assert strict.reviews_per_card > relaxed.reviews_per_card
    assert 0.8 <= simulate(FsrsPolicy(0.9), days=180, cards=60, seed=1).recall_at_review <= 0.95


def test_the_simulated_memory_forgets_without_reviews():
    rare = simulate(FixedPolicy(60), days=180, cards=60, seed=2)
    daily = simulate(FixedPolicy(1), days=180, cards=60, seed=2)
    assert rare.mean_retention < 0.2 < 0.9 < daily.mean_retention
