"""Fans, gains, Xavier-uniform and Kaiming-normal initialisation. See statement.md."""

import math

import numpy as np


def fan_in_and_fan_out(shape: tuple[int, ...]) -> tuple[int, int]:
    """(in * prod(kernel), out * prod(kernel)) for a weight of shape (out, in, *kernel).

    Raises ValueError for shapes with fewer than 2 axes.
    """
    raise NotImplementedError


def calculate_gain(nonlinearity: str) -> float:
    """1 for 'linear' and 'sigmoid', 5/3 for 'tanh', sqrt(2) for 'relu'; ValueError otherwise."""
    raise NotImplementedError


def xavier_uniform(shape: tuple[int, ...], rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    """rng.uniform(-a, a, size=shape) with a = gain * sqrt(6 / (fan_in + fan_out))."""
    raise NotImplementedError


def kaiming_normal(shape: tuple[int, ...], rng: np.random.Generator, gain: float = math.sqrt(2.0)) -> np.ndarray:
    """rng.normal(0.0, std, size=shape) with std = gain / sqrt(fan_in)."""
    raise NotImplementedError
