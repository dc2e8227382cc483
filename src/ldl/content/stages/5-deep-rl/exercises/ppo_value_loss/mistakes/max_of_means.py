"""You take the max of the two *mean* losses. The max is element by element, per sample, before
averaging: torch.max(unclipped, clipped).mean()."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    old, R = old_values.detach(), returns.detach()
    unclipped = ((values - R) ** 2).mean()
    if not clip:
        return 0.5 * unclipped
    clipped = ((old + (values - old).clamp(-clip_coef, clip_coef) - R) ** 2).mean()
    return 0.5 * torch.max(unclipped, clipped)
