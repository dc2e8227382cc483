"""You take the min of the clipped and unclipped errors. The clipped value loss is pessimistic like
the policy's: the *larger* error counts, element by element (torch.max)."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    old, R = old_values.detach(), returns.detach()
    unclipped = (values - R) ** 2
    if not clip:
        return 0.5 * unclipped.mean()
    clipped = (old + (values - old).clamp(-clip_coef, clip_coef) - R) ** 2
    return 0.5 * torch.min(unclipped, clipped).mean()
