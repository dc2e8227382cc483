"""Stateless building blocks: the layers in `nn` hold parameters and call these.

`linear`, `conv2d` and `max_pool2d` call fused primitives; everything else here is composed from
Tensor operations and so gets its gradient for free from the primitives it uses.
"""

from __future__ import annotations

import math

import numpy as np

from ldl.engine import functions as F
from ldl.engine import fused
from ldl.engine.rng import get_rng
from ldl.engine.tensor import Tensor


def linear(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """x (..., in) @ weight (out, in)^T + bias (out,) -> (..., out)."""
    return F.Linear.apply(x, weight) if bias is None else F.Linear.apply(x, weight, bias)


def conv2d(x: Tensor, weight: Tensor, bias: Tensor | None = None, stride: int = 1, padding: int = 0):
    """x (N, C, H, W) with weight (O, C, kh, kw) -> (N, O, Ho, Wo); see `fused.Conv2d`."""
    params = (x, weight) if bias is None else (x, weight, bias)
    return fused.Conv2d.apply(*params, stride=stride, padding=padding)


def max_pool2d(x: Tensor, kernel_size: int = 2, stride: int | None = None) -> Tensor:
    """Largest value of each kernel_size x kernel_size window: (N, C, H, W) -> (N, C, Ho, Wo)."""
    return fused.MaxPool2d.apply(x, kernel_size=kernel_size, stride=stride or kernel_size)


def avg_pool2d(x: Tensor, kernel_size: int = 2, stride: int | None = None) -> Tensor:
    """Mean of each window, composed: the sum of kernel_size^2 strided views, divided by their count."""
    stride = stride or kernel_size
    oh = fused.conv_output_size(x.shape[2], kernel_size, stride, 0)
    ow = fused.conv_output_size(x.shape[3], kernel_size, stride, 0)
    total = None
    for i in range(kernel_size):
        for j in range(kernel_size):
            view = x[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride]  # (N, C, Ho, Wo)
            total = view if total is None else total + view
    return total / (kernel_size * kernel_size)


def relu(x: Tensor) -> Tensor:
    return x.relu()


def gelu(x: Tensor) -> Tensor:
    """GELU(x) = x * Phi(x) ~ 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))  (the tanh form)."""
    return 0.5 * x * (1.0 + (math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)).tanh())


def dropout(x: Tensor, p: float, training: bool = True) -> Tensor:
    """Zero each entry with probability p and scale the rest by 1/(1-p), so E[output] = x."""
    if not training or p == 0.0:
        return x
    keep = (get_rng().random(x.shape) >= p).astype(x.dtype) / (1.0 - p)
    return x * keep


def embedding(indices, weight: Tensor) -> Tensor:
    """Row lookup: integer indices (...) into weight (V, D) -> (..., D)."""
    indices = indices.data if isinstance(indices, Tensor) else np.asarray(indices)
    return weight[indices]


def layer_norm(x: Tensor, weight: Tensor | None, bias: Tensor | None, eps: float = 1e-5) -> Tensor:
    """Normalise each example over its last axis: (x - mean) / sqrt(var + eps) * weight + bias."""
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out = centred / (var + eps).sqrt()
    if weight is not None:
        out = out * weight + bias
    return out


def batch_norm(x, weight, bias, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """Normalise each channel over the batch (and the spatial axes for images).

    x is (N, C) or (N, C, H, W). In training the batch's mean and (biased) variance are used and
    the running statistics move towards them (with the unbiased variance, as PyTorch does); in
    evaluation the running statistics are used instead.
    """
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, -1) if x.ndim == 2 else (1, -1, 1, 1)  # broadcast per channel
    if training:
        mean = x.mean(axis=axes, keepdims=True)
        centred = x - mean
        var = (centred * centred).mean(axis=axes, keepdims=True)
        count = x.size // x.shape[1]
        running_mean *= 1 - momentum
        running_mean += momentum * mean.data.reshape(-1)
        running_var *= 1 - momentum
        running_var += momentum * var.data.reshape(-1) * count / max(count - 1, 1)
    else:
        centred = x - Tensor(running_mean.reshape(shape))
        var = Tensor(running_var.reshape(shape))
    out = centred / (var + eps).sqrt()
    return out * weight.reshape(shape) + bias.reshape(shape)


def causal_mask(length: int, dtype=np.float32) -> np.ndarray:
    """(T, T) additive mask: 0 where query t may look at key s <= t, -inf above the diagonal."""
    return np.triu(np.full((length, length), -np.inf, dtype=dtype), k=1)


def scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor, causal: bool = False) -> Tensor:
    """softmax(Q K^T / sqrt(d) + mask) V.

    q (..., T, d), k (..., S, d), v (..., S, dv) -> (..., T, dv). Dividing by sqrt(d) keeps the
    scores' variance near 1 whatever the head size, so the softmax does not saturate.
    """
    scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(q.shape[-1]))  # (..., T, S)
    if causal:
        scores = scores + causal_mask(q.shape[-2], scores.dtype)[: q.shape[-2], : k.shape[-2]]
    return scores.softmax(axis=-1) @ v
