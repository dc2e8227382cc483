"""Your predictions leave y_range. The raw sum p_u . q_i + b_u + c_i can be any number; squash it
with `low + (high - low) * torch.sigmoid(raw)` so that every prediction is a plausible rating."""

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
        return dot + self.user_bias(users).squeeze(1) + self.item_bias(items).squeeze(1)
