"""You normalise AFTER each residual sum (out = norm(x + sublayer(x)), the original 2017 layout,
"post-LN"). This block is pre-LN: the norm goes in front of each sublayer and the residual adds the
sublayer's output to the unnormalised input, a = x + attention(norm1(x)). Pre-LN trains deep stacks
without a learning-rate warm-up, which is why GPT-2 moved it."""

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
    a = layer_norm(x + _attention(x, p, num_heads, causal), p["norm1.weight"], p["norm1.bias"])
    return layer_norm(a + _mlp(a, p), p["norm2.weight"], p["norm2.bias"])
