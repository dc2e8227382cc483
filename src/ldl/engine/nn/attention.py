"""Multi-head self-attention and a pre-norm Transformer block (as in GPT-2).

Attention lets every position look at every other (or, with `causal`, every earlier) position
and take a weighted average of their values, the weights coming from how well its query matches
their keys. Several heads do this in parallel on slices of the embedding.
"""

from __future__ import annotations

import numpy as np

from ldl.engine.nn import functional as fn
from ldl.engine.nn.init import xavier_uniform_
from ldl.engine.nn.layers import GELU, Dropout, LayerNorm, Linear
from ldl.engine.nn.module import Module, Parameter, Sequential
from ldl.engine.tensor import Tensor


class MultiheadAttention(Module):
    """Self-attention with `num_heads` heads over x (B, T, E).

    Parameters match `torch.nn.MultiheadAttention(E, num_heads, batch_first=True)`: one packed
    input projection `in_proj_weight` (3E, E) for queries, keys and values, and `out_proj`.
    """

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0, dtype=np.float32):
        if embed_dim % num_heads:
            raise ValueError(f"embed_dim {embed_dim} is not divisible by num_heads {num_heads}")
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.in_proj_weight = xavier_uniform_(Parameter(np.zeros((3 * embed_dim, embed_dim), dtype=dtype)))
        self.in_proj_bias = Parameter(np.zeros(3 * embed_dim, dtype=dtype))
        self.out_proj = Linear(embed_dim, embed_dim, dtype=dtype)
        self.out_proj.bias.data[...] = 0
        self.dropout = Dropout(dropout)

    def forward(self, x: Tensor, causal: bool = False) -> Tensor:
        batch, length, embed = x.shape
        heads, head_dim = self.num_heads, embed // self.num_heads
        qkv = fn.linear(x, self.in_proj_weight, self.in_proj_bias)  # (B, T, 3E)
        qkv = qkv.reshape(batch, length, 3, heads, head_dim).permute(2, 0, 3, 1, 4)  # (3, B, h, T, d)
        q, k, v = qkv[0], qkv[1], qkv[2]  # each (B, h, T, d)
        out = fn.scaled_dot_product_attention(q, k, v, causal=causal)  # (B, h, T, d)
        out = out.permute(0, 2, 1, 3).reshape(batch, length, embed)  # (B, T, E): heads side by side
        return self.dropout(self.out_proj(out))


class TransformerBlock(Module):
    """x + attention(norm(x)), then x + MLP(norm(x)): the residual path carries the signal and
    the gradient straight through, each sub-layer adds a correction to it."""

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0, dtype=np.float32):
        self.norm1 = LayerNorm(embed_dim, dtype=dtype)
        self.attention = MultiheadAttention(embed_dim, num_heads, dropout, dtype=dtype)
        self.norm2 = LayerNorm(embed_dim, dtype=dtype)
        self.mlp = Sequential(
            Linear(embed_dim, 4 * embed_dim, dtype=dtype),
            GELU(),
            Linear(4 * embed_dim, embed_dim, dtype=dtype),
            Dropout(dropout),
        )

    def forward(self, x: Tensor, causal: bool = True) -> Tensor:
        x = x + self.attention(self.norm1(x), causal=causal)  # (B, T, E)
        return x + self.mlp(self.norm2(x))
