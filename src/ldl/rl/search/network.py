"""AlphaZero's policy-value network: a small residual tower with two heads (Silver et al., 2017).

    planes (B, 3, rows, cols)
      -> conv 3x3 -> BN -> ReLU                                       the stem
      -> num_blocks x [conv 3x3 -> BN -> ReLU -> conv 3x3 -> BN, + input, ReLU]   residual blocks
      -> policy head: conv 1x1 (2 channels) -> BN -> ReLU -> linear -> logits (B, num_actions)
      -> value head:  conv 1x1 (1 channel) -> BN -> ReLU -> linear 64 -> ReLU -> linear 1 -> tanh (B,)

The value is the expected result for the player to move, in [-1, 1]; the logits become move
probabilities after a softmax (MCTS renormalises them over the legal moves).

The weights and activations are kept channels-last (NHWC in memory): on a CPU, PyTorch's convolutions
on these small boards run about 1.3x faster that way (benchmarks/alphazero_speed.py network).
"""

from __future__ import annotations

import torch
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (B, C, H, W) -> (B, C, H, W)
        out = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(x + self.bn2(self.conv2(out)))  # the skip lets gradients and signal through


class PolicyValueNet(nn.Module):
    """f(s) = (policy logits, value) for a game's encoded positions."""

    def __init__(self, game, channels: int = 32, num_blocks: int = 2, planes: int = 3):
        super().__init__()
        cells = game.rows * game.cols
        self.stem = nn.Sequential(
            nn.Conv2d(planes, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels), nn.ReLU()
        )
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(num_blocks)])
        self.policy_head = nn.Sequential(
            nn.Conv2d(channels, 2, 1, bias=False), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(),
            nn.Linear(2 * cells, game.num_actions),
        )  # fmt: skip
        self.value_head = nn.Sequential(
            nn.Conv2d(channels, 1, 1, bias=False), nn.BatchNorm2d(1), nn.ReLU(), nn.Flatten(),
            nn.Linear(cells, 64), nn.ReLU(), nn.Linear(64, 1), nn.Tanh(),
        )  # fmt: skip
        self.to(memory_format=torch.channels_last)  # conv weights; load_state_dict keeps the layout

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = x.contiguous(memory_format=torch.channels_last)  # same shape, NHWC in memory
        h = self.blocks(self.stem(x))  # (B, C, rows, cols)
        return self.policy_head(h), self.value_head(h).squeeze(1)  # (B, A), (B,)
