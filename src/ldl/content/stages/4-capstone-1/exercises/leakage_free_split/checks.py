"""Checks for leakage_free_split: the worked example; users whose rows interleave in time (a row
split would cut through them); ties in start time; a tiny fraction (at least one group); float
times; and a property probe: no group on both sides, every test group starts last."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(12)
    groups = rng.integers(0, 20, size=200)  # 20 users, rows in random order
    times = rng.integers(0, 1000, size=200)
    tied = np.array([3, 3, 1, 1, 2, 2])
    return [
        Case(
            "the worked example",
            call="group_time_split",
            args=(np.array([5, 1, 2, 9, 3, 8]), np.array([7, 4, 4, 7, 9, 9]), 0.34),
        ),
        Case("20 users whose rows interleave in time", call="group_time_split", args=(times, groups, 0.25)),
        Case(
            "two groups start at the same time (ties by id)",
            call="group_time_split",
            args=(np.array([0, 5, 0, 6, 1, 7]), tied, 0.5),
        ),
        Case(
            "a tiny fraction still gives one test group", call="group_time_split", args=(times, groups, 0.001)
        ),
        Case(
            "float times",
            call="group_time_split",
            args=(times / 7.0, groups, 0.3),
        ),
        Case(
            "no group on both sides; test groups start last", probe="probe_no_leak", args=(times, groups, 0.4)
        ),
    ]


def probe_no_leak(module, times, groups, fraction):
    train, test = module.group_time_split(times.copy(), groups.copy(), fraction)
    train_groups, test_groups = set(groups[train].tolist()), set(groups[test].tolist())
    starts = {g: times[groups == g].min() for g in set(groups.tolist())}
    return {
        "shared groups": sorted(train_groups & test_groups),
        "every row once": sorted(np.concatenate([train, test]).tolist()) == list(range(len(groups))),
        "test starts last": min(starts[g] for g in test_groups) >= max(starts[g] for g in train_groups),
    }
