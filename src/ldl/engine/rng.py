"""The engine's random numbers: one seeded numpy Generator for weights and dropout masks.

`manual_seed(0)` makes every initialisation and dropout mask that follows reproducible, like
`torch.manual_seed`. Data shuffling has its own seed (`DataLoader(seed=...)`), so changing the
model does not change the order the data arrives in.
"""

from __future__ import annotations

import numpy as np

_generator = np.random.default_rng(0)


def manual_seed(seed: int) -> None:
    """Restart the engine's random stream from `seed`."""
    global _generator
    _generator = np.random.default_rng(seed)


def get_rng() -> np.random.Generator:
    """The generator that layers draw from."""
    return _generator
