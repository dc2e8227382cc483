"""You clip the new values around the *returns*. The clip limits how far the value estimate moves
from the value recorded in the rollout: V_old + clip(V - V_old, -c, c)."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    R = returns.detach()
    unclipped = (values - R) ** 2
    if not clip:
        return 0.5 * unclipped.mean()
    clipped = (R + (values - R).clamp(-clip_coef, clip_coef) - R) ** 2
    return 0.5 * torch.max(unclipped, clipped).mean()
