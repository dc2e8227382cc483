"""Checks for learning_rate_from_finder: the learner's choice is judged against each curve (see
statement.md), so any sensible rule passes, not only the reference's. Five synthetic curves, with
their minimum and blow-up at different places and two noise levels; the caller's `lrs` and
`losses` must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case

# (log10 lr where the loss falls fastest, log10 lr where it starts to explode, noise, seed)
CURVES = [
    (-4.0, -2.0, 0.01, 0),
    (-3.0, -1.0, 0.01, 1),
    (-2.5, -0.8, 0.01, 2),
    (-5.0, -3.2, 0.01, 3),
    (-3.5, -1.5, 0.03, 4),
]


def lr_find_curve(center, explode, noise, seed, num_points=100):
    """A synthetic lr_find curve: flat, falling, a minimum, then a blow-up (capped at 10)."""
    rng = np.random.default_rng(seed)
    x = np.linspace(-7, 1, num_points)  # log10 of the learning rate
    fall = 1.6 / (1 + np.exp(-(x - center) / 0.35))
    blow_up = 0.05 * np.exp(3.0 * (x - explode))
    losses = 2.3 - fall + blow_up + rng.normal(size=num_points) * noise
    return 10.0**x, np.minimum(losses, 10.0)


def cases():
    return [
        Case(
            f"curve {k + 1}: falls fastest near 1e{c:g}", probe="probe_choice", args=lr_find_curve(c, e, n, s)
        )
        for k, (c, e, n, s) in enumerate(CURVES)
    ]


def probe_choice(module, lrs, losses):
    """Judge the suggested learning rate against the curve; returns the verdict on each rule."""
    lr = module.suggest_lr(lrs, losses)
    if not isinstance(lr, (float, np.floating)) or not np.isfinite(lr) or lr <= 0:
        return {"a positive float": False, "value": repr(lr)[:60]}
    lowest = int(np.argmin(losses))
    start = float(losses[:5].mean())
    nearest = int(np.argmin(np.abs(np.log(lrs) - np.log(lr))))
    dropped = (start - losses[nearest]) / (start - losses[lowest])
    return {
        "a positive float": True,
        "within the range tried": bool(lrs[0] <= lr <= lrs[-1]),
        "before the minimum": bool(lr <= lrs[lowest] / 2),
        "the loss had started falling": bool(dropped >= 0.1),
    }
