"""You use norm1's parameters in front of the MLP too. Each sublayer has its own layer norm with its
own learned scale and shift: norm1 before attention, norm2 (params["norm2.weight"], ["norm2.bias"])
before the MLP."""

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
    return a + _mlp(layer_norm(a, p["norm1.weight"], p["norm1.bias"]), p)
