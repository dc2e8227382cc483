"""PPO's value loss, with and without clipping. See statement.md."""

import torch


def ppo_value_loss(
    values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor, clip_coef: float = 0.2, clip: bool = True
) -> torch.Tensor:
    """0.5 * mean(max((V - R)^2, (V_old + clip(V - V_old, -c, c) - R)^2)), or the plain MSE/2 if not clip."""
    raise NotImplementedError
