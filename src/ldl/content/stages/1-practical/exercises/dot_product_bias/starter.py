"""A dot-product-with-biases recommender. See statement.md (`ldl` shows it)."""

import torch
from torch import nn


class DotProductBias(nn.Module):
    """r_hat(u, i) = low + (high - low) * sigmoid(p_u . q_i + b_u + c_i).

    Attributes (nn.Embedding): user_factors (n_users, n_factors), item_factors (n_items, n_factors),
    user_bias (n_users, 1), item_bias (n_items, 1); y_range = (low, high).
    """

    def __init__(self, n_users: int, n_items: int, n_factors: int, y_range=(0.0, 5.5)):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (B, 2) int64, columns (user, item) -> (B,) predicted ratings."""
        raise NotImplementedError
