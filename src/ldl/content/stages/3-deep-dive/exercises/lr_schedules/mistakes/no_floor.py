"""Step decay is a staircase: the rate stays flat for step_size steps, then drops by gamma at once.
`step / step_size` is true division (7 / 4 = 1.75), which turns it into a smooth exponential decay.
Count whole periods with floor division: gamma ** (step // step_size)."""

import math


def _cosine(start: float, end: float, pct: float) -> float:
    """Cosine annealing from start (pct = 0) to end (pct = 1)."""
    return end + (start - end) * (1 + math.cos(math.pi * pct)) / 2


def step_decay(step: int, lr: float, step_size: int, gamma: float) -> float:
    """lr * gamma ** (step // step_size)."""
    return lr * gamma ** (step / step_size)


def warmup_cosine(
    step: int, max_lr: float, total_steps: int, warmup_steps: int, min_lr: float = 0.0
) -> float:
    """Linear warm-up, then cosine from max_lr to min_lr."""
    if step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    return _cosine(max_lr, min_lr, (step - warmup_steps) / (total_steps - warmup_steps))


def one_cycle(
    step: int,
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.25,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
) -> float:
    """Cosine up to max_lr, then cosine down to a tiny rate (PyTorch's OneCycleLR, two phases)."""
    initial = max_lr / div_factor
    final = initial / final_div_factor
    peak = pct_start * total_steps - 1  # a float, as in PyTorch
    if step <= peak:
        return _cosine(initial, max_lr, step / peak)
    return _cosine(max_lr, final, (step - peak) / (total_steps - 1 - peak))
