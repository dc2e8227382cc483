"""Your gelu is the exact one, u * Φ(u) with the error function. This block (like GPT-2) uses the
tanh approximation 0.5 u (1 + tanh(√(2/π) (u + 0.044715 u³))); the two differ by up to about
5e-4, enough to fail a comparison at 1e-5. Use the formula in the statement."""

import math

import numpy as np
from layer_norm import layer_norm
from multi_head_attention import multi_head_attention


def gelu(u):
    u = np.asarray(u, dtype=np.float64)
    return 0.5 * u * (1.0 + np.vectorize(math.erf)(u / math.sqrt(2.0)))


def transformer_block(x, params, num_heads, causal=False):
    p = params
    attention_in = layer_norm(x, p["norm1.weight"], p["norm1.bias"])
    a = x + multi_head_attention(
        attention_in,
        p["self_attn.in_proj_weight"],
        p["self_attn.in_proj_bias"],
        p["self_attn.out_proj.weight"],
        p["self_attn.out_proj.bias"],
        num_heads,
        causal,
    )
    hidden = gelu(
        layer_norm(a, p["norm2.weight"], p["norm2.bias"]) @ p["linear1.weight"].T + p["linear1.bias"]
    )
    return a + hidden @ p["linear2.weight"].T + p["linear2.bias"]
