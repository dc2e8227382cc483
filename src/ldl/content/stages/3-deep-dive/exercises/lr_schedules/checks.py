"""Checks for lr_schedules: each schedule over every step of a short run (so the boundaries are
covered: the last warm-up step, the peak, the final step), with default and custom options
(min_lr; pct_start, div_factor and final_div_factor), step decay where the step is not a multiple
of step_size, a single warm-up step, and a one-cycle run of 8 steps."""

import numpy as np

from ldl.grading.spec import Case


def curve(module, name, num_steps, *args, **kwargs):
    schedule = getattr(module, name)
    return np.array([schedule(step, *args, **kwargs) for step in range(num_steps)], dtype=float)


def cases():
    return [
        Case("step_decay: x0.1 every 30 steps", probe="curve", args=("step_decay", 100, 0.1, 30, 0.1)),
        Case("step_decay: x0.5 every 4 steps, 11 steps", probe="curve", args=("step_decay", 11, 2.0, 4, 0.5)),
        Case("step_decay: halve every step", probe="curve", args=("step_decay", 6, 1.0, 1, 0.5)),
        Case(
            "warmup_cosine: 10 warm-up steps of 100",
            probe="curve",
            args=("warmup_cosine", 100, 3e-3, 100, 10),
        ),
        Case("warmup_cosine: down to min_lr", probe="curve", args=("warmup_cosine", 50, 1.0, 50, 5, 0.1)),
        Case("warmup_cosine: a single warm-up step", probe="curve", args=("warmup_cosine", 12, 0.2, 12, 1)),
        Case("warmup_cosine: no warm-up", probe="curve", args=("warmup_cosine", 20, 0.5, 20, 0)),
        Case("one_cycle: 100 steps, defaults", probe="curve", args=("one_cycle", 100, 1.0, 100)),
        Case("one_cycle: a short run of 8 steps", probe="curve", args=("one_cycle", 8, 0.1, 8)),
        Case(
            "one_cycle: 37 steps, pct_start 0.3",
            probe="curve",
            args=("one_cycle", 37, 0.01, 37),
            kwargs={"pct_start": 0.3, "div_factor": 10.0, "final_div_factor": 100.0},
        ),
    ]
