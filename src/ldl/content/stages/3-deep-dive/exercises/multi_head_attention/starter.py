"""Multi-head self-attention with PyTorch's packed projections. See statement.md."""

import numpy as np

from dot_product_attention import attention, causal_mask  # your previous exercise


def split_heads(x: np.ndarray, num_heads: int) -> np.ndarray:
    """(B, T, C) -> (B, num_heads, T, C // num_heads)."""
    raise NotImplementedError


def merge_heads(x: np.ndarray) -> np.ndarray:
    """(B, H, T, D) -> (B, T, H * D)."""
    raise NotImplementedError


def multi_head_attention(
    x: np.ndarray,
    in_proj_weight: np.ndarray,
    in_proj_bias: np.ndarray,
    out_proj_weight: np.ndarray,
    out_proj_bias: np.ndarray,
    num_heads: int,
    causal: bool = False,
) -> np.ndarray:
    """Self-attention of x (B, T, C): project to q, k, v (one (3C, C) weight), split heads, attend,
    merge heads, project out with (C, C). Returns (B, T, C)."""
    raise NotImplementedError
