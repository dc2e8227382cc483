"""Your split_heads reshaped the caller's x in place (`x.shape = ...`), so after the call their (B, T,
C) array has four axes. Use x.reshape(...), which returns a new view and leaves the caller's array
alone; your reshape-then-transpose is right."""

import numpy as np
from dot_product_attention import attention, causal_mask


def split_heads(x: np.ndarray, num_heads: int) -> np.ndarray:
    """(B, T, C) -> (B, num_heads, T, C // num_heads)."""
    b, t, c = x.shape
    x.shape = (b, t, num_heads, c // num_heads)
    return x.transpose(0, 2, 1, 3)  # features into heads


def merge_heads(x: np.ndarray) -> np.ndarray:
    """(B, H, T, D) -> (B, T, H * D)."""
    b, h, t, d = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, t, h * d)


def multi_head_attention(
    x: np.ndarray,
    in_proj_weight: np.ndarray,
    in_proj_bias: np.ndarray,
    out_proj_weight: np.ndarray,
    out_proj_bias: np.ndarray,
    num_heads: int,
    causal: bool = False,
) -> np.ndarray:
    """Self-attention of x (B, T, C) -> (B, T, C)."""
    qkv = x @ in_proj_weight.T + in_proj_bias  # (B, T, 3C)
    q, k, v = (split_heads(part, num_heads) for part in np.split(qkv, 3, axis=-1))  # (B, H, T, C/H) each
    mask = causal_mask(x.shape[1]) if causal else None  # (T, T), broadcast over B and H
    out, _ = attention(q, k, v, mask)  # (B, H, T, C/H)
    return merge_heads(out) @ out_proj_weight.T + out_proj_bias  # (B, T, C)
