"""Weight initialisation: choosing the scale so that signals neither vanish nor explode.

A layer computes y = W x with fan_in inputs per output. If the entries of W are independent with
variance s^2 and those of x have variance v, then Var(y_i) = fan_in * s^2 * v. Keeping the
variance steady through many layers asks for s^2 = 1 / fan_in, corrected for the activation:

- Xavier / Glorot (2010), for tanh and sigmoid: s^2 = 2 / (fan_in + fan_out), a compromise
  between the forward pass (fan_in) and the backward pass (fan_out).
- Kaiming / He (2015), for ReLU: s^2 = 2 / fan_in, because ReLU zeroes half of its inputs and so
  halves the variance.

A uniform distribution on [-a, a] has variance a^2 / 3, hence the sqrt(3) below. Functions ending
in `_` change the parameter in place, as in PyTorch.
"""

from __future__ import annotations

import math

import numpy as np

from ldl.engine.rng import get_rng
from ldl.engine.tensor import Tensor


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) of a weight: Linear (out, in); Conv2d (out, in, kh, kw) counts kh*kw too."""
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def _fill_uniform(tensor: Tensor, bound: float) -> Tensor:
    tensor.data[...] = get_rng().uniform(-bound, bound, size=tensor.shape)
    return tensor


def _fill_normal(tensor: Tensor, std: float) -> Tensor:
    tensor.data[...] = get_rng().normal(0.0, std, size=tensor.shape)
    return tensor


def xavier_uniform_(tensor: Tensor, gain: float = 1.0) -> Tensor:
    fan_in, fan_out = fans(tensor.shape)
    return _fill_uniform(tensor, gain * math.sqrt(6.0 / (fan_in + fan_out)))


def xavier_normal_(tensor: Tensor, gain: float = 1.0) -> Tensor:
    fan_in, fan_out = fans(tensor.shape)
    return _fill_normal(tensor, gain * math.sqrt(2.0 / (fan_in + fan_out)))


def kaiming_uniform_(tensor: Tensor, gain: float = math.sqrt(2.0)) -> Tensor:
    fan_in, _ = fans(tensor.shape)
    return _fill_uniform(tensor, gain * math.sqrt(3.0 / fan_in))


def kaiming_normal_(tensor: Tensor, gain: float = math.sqrt(2.0)) -> Tensor:
    fan_in, _ = fans(tensor.shape)
    return _fill_normal(tensor, gain / math.sqrt(fan_in))


def default_uniform(shape: tuple[int, ...], fan_in: int, dtype=np.float32) -> np.ndarray:
    """PyTorch's default for Linear/Conv/RNN weights and biases: U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    bound = 1.0 / math.sqrt(fan_in)
    return get_rng().uniform(-bound, bound, size=shape).astype(dtype)
