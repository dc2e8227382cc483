"""Reference solution for ppo_value_loss."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    """0.5 * mean(max((V - R)^2, (V_old + clip(V - V_old, -c, c) - R)^2)), or the plain MSE/2 if not clip."""
    old, R = old_values.detach(), returns.detach()
    unclipped = (values - R) ** 2
    if not clip:
        return 0.5 * unclipped.mean()
    clipped = (old + (values - old).clamp(-clip_coef, clip_coef) - R) ** 2
    return 0.5 * torch.max(unclipped, clipped).mean()  # element-wise max, then the mean
