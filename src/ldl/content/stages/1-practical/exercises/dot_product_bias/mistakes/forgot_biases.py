"""The biases are missing from the prediction: add `self.user_bias(users)` and
`self.item_bias(items)` (squeezed to shape (B,)) to the dot product before the sigmoid. They are
what lets the model say "this movie is liked by everyone" or "this user rates everything high"."""

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
        low, high = self.y_range
        return torch.sigmoid(dot) * (high - low) + low
