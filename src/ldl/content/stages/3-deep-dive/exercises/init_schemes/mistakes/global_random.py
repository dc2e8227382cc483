"""You drew from numpy's global generator (np.random.uniform / np.random.normal) instead of the
generator passed in, so the weights do not depend on the caller's seed and other code sharing the
global state is disturbed. Draw once from the argument: rng.uniform(-bound, bound, size=shape) and
rng.normal(0.0, std, size=shape)."""

import math

import numpy as np

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def fan_in_and_fan_out(shape: tuple[int, ...]) -> tuple[int, int]:
    """(in * prod(kernel), out * prod(kernel)) for a weight of shape (out, in, *kernel)."""
    if len(shape) < 2:
        raise ValueError(f"fans need a weight with at least 2 axes, got shape {shape}")
    receptive_field = int(np.prod(shape[2:]))  # 1 for a (out, in) matrix
    return shape[1] * receptive_field, shape[0] * receptive_field


def calculate_gain(nonlinearity: str) -> float:
    """1 for 'linear' and 'sigmoid', 5/3 for 'tanh', sqrt(2) for 'relu'."""
    if nonlinearity not in GAINS:
        raise ValueError(f"unknown nonlinearity {nonlinearity!r}; expected one of {sorted(GAINS)}")
    return GAINS[nonlinearity]


def xavier_uniform(shape: tuple[int, ...], rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    """Var(W) = gain² · 2 / (fan_in + fan_out); a uniform on [-a, a] has variance a²/3."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return np.random.uniform(-bound, bound, size=shape)


def kaiming_normal(
    shape: tuple[int, ...], rng: np.random.Generator, gain: float = math.sqrt(2.0)
) -> np.ndarray:
    """Var(W) = gain² / fan_in: keeps the forward variance of a ReLU network constant."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return np.random.normal(0.0, gain / math.sqrt(fan_in), size=shape)
