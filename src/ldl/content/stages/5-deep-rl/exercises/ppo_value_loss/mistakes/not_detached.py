"""Gradients flow into the recorded old values and returns. They are targets and anchors, not
things to optimise: detach them."""

import torch


def ppo_value_loss(values, old_values, returns, clip_coef=0.2, clip=True):
    unclipped = (values - returns) ** 2
    if not clip:
        return 0.5 * unclipped.mean()
    clipped = (old_values + (values - old_values).clamp(-clip_coef, clip_coef) - returns) ** 2
    return 0.5 * torch.max(unclipped, clipped).mean()
