"""You always clip, even when the caller passes clip=False: then the loss is the plain
0.5 * mean((V - R)^2)."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    old, R = old_values.detach(), returns.detach()
    clipped = (old + (values - old).clamp(-clip_coef, clip_coef) - R) ** 2
    return 0.5 * torch.max((values - R) ** 2, clipped).mean()
