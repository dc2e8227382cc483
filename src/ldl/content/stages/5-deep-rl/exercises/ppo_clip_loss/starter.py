"""PPO's clipped surrogate objective. See statement.md."""

import torch


def ppo_clip_loss(
    new_log_probs: torch.Tensor, old_log_probs: torch.Tensor, advantages: torch.Tensor, clip_coef: float = 0.2
) -> tuple[torch.Tensor, float, float]:
    """-mean(min(r A, clip(r, 1-c, 1+c) A)) with r = exp(new - old); plus clip fraction and approx KL."""
    raise NotImplementedError
