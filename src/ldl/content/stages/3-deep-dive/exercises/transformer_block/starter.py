"""A pre-LN Transformer block from your own pieces. See statement.md."""

import numpy as np
from layer_norm import layer_norm  # your previous exercises
from multi_head_attention import multi_head_attention


def gelu(u: np.ndarray) -> np.ndarray:
    """0.5 u (1 + tanh(sqrt(2/pi) (u + 0.044715 u^3)))."""
    raise NotImplementedError


def transformer_block(x: np.ndarray, params: dict, num_heads: int, causal: bool = False) -> np.ndarray:
    """a = x + attention(norm1(x)); out = a + linear2(gelu(linear1(norm2(a)))). x: (B, T, C)."""
    raise NotImplementedError
