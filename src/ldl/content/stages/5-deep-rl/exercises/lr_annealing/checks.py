"""Checks for lr_annealing: the worked example; the first, middle and last updates and one past
the end; a floor (min_lr) that takes over near the end; a single update; integer base rates
(the result is still a float); and a 1,000-update schedule."""

from ldl.grading.spec import Case


def points(module, updates, num_updates, base_lr, **kwargs):
    return [module.annealed_lr(u, num_updates, base_lr, **kwargs) for u in updates]


def cases():
    return [
        Case("the worked example", call="lr_schedule", args=(4, 1e-3)),
        Case("first, middle, last, past the end", probe="points", args=([1, 50, 100, 101, 500], 100, 2.5e-4)),
        Case(
            "a floor: min_lr = 1e-5",
            probe="points",
            args=([1, 90, 99, 100, 120], 100, 2.5e-4),
            kwargs={"min_lr": 1e-5},
        ),
        Case("schedule with a floor", call="lr_schedule", args=(10, 3e-4), kwargs={"min_lr": 1e-4}),
        Case("a single update", call="lr_schedule", args=(1, 0.01)),
        Case("an integer base rate", probe="points", args=([1, 2, 3], 3, 1)),
        Case("1,000 updates", call="lr_schedule", args=(1000, 2.5e-4)),
    ]
