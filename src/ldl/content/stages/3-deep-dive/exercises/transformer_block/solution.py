"""A pre-LN Transformer block (reference solution)."""

import numpy as np
from layer_norm import layer_norm
from multi_head_attention import multi_head_attention


def gelu(u: np.ndarray) -> np.ndarray:
    return 0.5 * u * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (u + 0.044715 * u**3)))


def transformer_block(x: np.ndarray, params: dict, num_heads: int, causal: bool = False) -> np.ndarray:
    p = params
    attention_in = layer_norm(x, p["norm1.weight"], p["norm1.bias"])  # (B, T, C)
    a = x + multi_head_attention(
        attention_in,
        p["self_attn.in_proj_weight"],
        p["self_attn.in_proj_bias"],
        p["self_attn.out_proj.weight"],
        p["self_attn.out_proj.bias"],
        num_heads,
        causal,
    )  # residual 1
    hidden = gelu(
        layer_norm(a, p["norm2.weight"], p["norm2.bias"]) @ p["linear1.weight"].T + p["linear1.bias"]
    )
    return a + hidden @ p["linear2.weight"].T + p["linear2.bias"]  # residual 2, (B, T, C)
