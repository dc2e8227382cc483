"""Layers with parameters (Linear, Conv2d, Embedding, norms) and without (activations, pooling).

Parameter names and shapes match PyTorch's, and so do the default initialisations, so a model
built here and its PyTorch twin can share one state dict.
"""

from __future__ import annotations

import numpy as np

from ldl.engine.nn import functional as fn
from ldl.engine.nn.init import default_uniform
from ldl.engine.nn.module import Module, Parameter
from ldl.engine.rng import get_rng
from ldl.engine.tensor import Tensor


class Linear(Module):
    """y = x W^T + b with W (out_features, in_features), b (out_features,)."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True, dtype=np.float32):
        self.weight = Parameter(default_uniform((out_features, in_features), in_features, dtype))
        self.bias = Parameter(default_uniform((out_features,), in_features, dtype)) if bias else None

    def forward(self, x: Tensor) -> Tensor:
        return fn.linear(x, self.weight, self.bias)


class Conv2d(Module):
    """2-D convolution over (N, C, H, W) images; weight (out_channels, in_channels, k, k)."""

    def __init__(
        self, in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True, dtype=np.float32
    ):
        fan_in = in_channels * kernel_size * kernel_size
        shape = (out_channels, in_channels, kernel_size, kernel_size)
        self.weight = Parameter(default_uniform(shape, fan_in, dtype))
        self.bias = Parameter(default_uniform((out_channels,), fan_in, dtype)) if bias else None
        self.stride, self.padding = stride, padding

    def forward(self, x: Tensor) -> Tensor:
        return fn.conv2d(x, self.weight, self.bias, self.stride, self.padding)


class MaxPool2d(Module):
    def __init__(self, kernel_size: int = 2, stride: int | None = None):
        self.kernel_size, self.stride = kernel_size, stride or kernel_size

    def forward(self, x: Tensor) -> Tensor:
        return fn.max_pool2d(x, self.kernel_size, self.stride)


class AvgPool2d(Module):
    def __init__(self, kernel_size: int = 2, stride: int | None = None):
        self.kernel_size, self.stride = kernel_size, stride or kernel_size

    def forward(self, x: Tensor) -> Tensor:
        return fn.avg_pool2d(x, self.kernel_size, self.stride)


class Flatten(Module):
    """(N, d1, d2, ...) -> (N, d1*d2*...)."""

    def forward(self, x: Tensor) -> Tensor:
        return x.flatten(1)


class ReLU(Module):
    def forward(self, x: Tensor) -> Tensor:
        return x.relu()


class Tanh(Module):
    def forward(self, x: Tensor) -> Tensor:
        return x.tanh()


class Sigmoid(Module):
    def forward(self, x: Tensor) -> Tensor:
        return x.sigmoid()


class GELU(Module):
    def forward(self, x: Tensor) -> Tensor:
        return fn.gelu(x)


class Dropout(Module):
    """Randomly zero a fraction p of activations while training (a cheap ensemble of subnetworks)."""

    def __init__(self, p: float = 0.5):
        self.p = p

    def forward(self, x: Tensor) -> Tensor:
        return fn.dropout(x, self.p, self.training)


class Embedding(Module):
    """A learnable table of num_embeddings vectors of size embedding_dim, initialised N(0, 1)."""

    def __init__(self, num_embeddings: int, embedding_dim: int, dtype=np.float32):
        self.weight = Parameter(get_rng().normal(size=(num_embeddings, embedding_dim)).astype(dtype))

    def forward(self, indices) -> Tensor:
        return fn.embedding(indices, self.weight)


class LayerNorm(Module):
    """Normalise over the last axis of size `normalized_shape`, then scale and shift."""

    def __init__(self, normalized_shape: int, eps: float = 1e-5, dtype=np.float32):
        self.weight = Parameter(np.ones(normalized_shape, dtype=dtype))
        self.bias = Parameter(np.zeros(normalized_shape, dtype=dtype))
        self.eps = eps

    def forward(self, x: Tensor) -> Tensor:
        return fn.layer_norm(x, self.weight, self.bias, self.eps)


class _BatchNorm(Module):
    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5, dtype=np.float32):
        self.weight = Parameter(np.ones(num_features, dtype=dtype))
        self.bias = Parameter(np.zeros(num_features, dtype=dtype))
        self.register_buffer("running_mean", np.zeros(num_features, dtype=dtype))
        self.register_buffer("running_var", np.ones(num_features, dtype=dtype))
        self.momentum, self.eps = momentum, eps

    def forward(self, x: Tensor) -> Tensor:
        return fn.batch_norm(
            x,
            self.weight,
            self.bias,
            self.running_mean,
            self.running_var,
            self.training,
            self.momentum,
            self.eps,
        )


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of (N, C) features (Ioffe & Szegedy, 2015)."""


class BatchNorm2d(_BatchNorm):
    """Batch normalisation of (N, C, H, W) feature maps, one mean and variance per channel."""
