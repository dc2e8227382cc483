"""The REINFORCE loss with a learned baseline. See statement.md."""

import torch


def reinforce_loss(
    log_probs: torch.Tensor, returns: torch.Tensor, baseline_values: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """policy_loss = -mean(log_probs * (returns - baseline.detach()));
    baseline_loss = 0.5 * mean((returns - baseline) ** 2)."""
    raise NotImplementedError
