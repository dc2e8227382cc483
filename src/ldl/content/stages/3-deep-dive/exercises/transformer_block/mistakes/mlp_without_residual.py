"""Your block returns the MLP's output alone; the second sublayer needs its residual connection
too: out = a + mlp(norm2(a)). Without it the block throws away what attention computed, and a deep
stack loses the gradient highway the residuals provide."""

import numpy as np
from layer_norm import layer_norm
from multi_head_attention import multi_head_attention


def gelu(u):
    return 0.5 * u * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (u + 0.044715 * u**3)))


def _attention(x, p, num_heads, causal):
    return multi_head_attention(
        x,
        p["self_attn.in_proj_weight"],
        p["self_attn.in_proj_bias"],
        p["self_attn.out_proj.weight"],
        p["self_attn.out_proj.bias"],
        num_heads,
        causal,
    )


def _mlp(x, p):
    return gelu(x @ p["linear1.weight"].T + p["linear1.bias"]) @ p["linear2.weight"].T + p["linear2.bias"]


def transformer_block(x, params, num_heads, causal=False):
    p = params
    a = x + _attention(layer_norm(x, p["norm1.weight"], p["norm1.bias"]), p, num_heads, causal)
    return _mlp(layer_norm(a, p["norm2.weight"], p["norm2.bias"]), p)
