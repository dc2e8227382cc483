"""Kaiming initialisation (in PyTorch's default mode) divides by fan_in, the number of inputs
each output sums over: that is what keeps the forward activations' variance constant."""

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
    return rng.uniform(-bound, bound, size=shape)


def kaiming_normal(
    shape: tuple[int, ...], rng: np.random.Generator, gain: float = math.sqrt(2.0)
) -> np.ndarray:
    """Var(W) = gain² / fan_in: keeps the forward variance of a ReLU network constant."""
    _, fan_in = fan_in_and_fan_out(shape)
    return rng.normal(0.0, gain / math.sqrt(fan_in), size=shape)
