"""You take the max of the clipped and unclipped terms: that is an *optimistic* bound, which
rewards pushing the ratio as far as possible. PPO takes the min, so moving beyond the clip range
gains nothing."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    log_ratio = new_log_probs - old_log_probs.detach()
    ratio, A = log_ratio.exp(), advantages.detach()
    loss = -torch.max(ratio * A, ratio.clamp(1 - clip_coef, 1 + clip_coef) * A).mean()
    with torch.no_grad():
        return (
            loss,
            ((ratio - 1).abs() > clip_coef).float().mean().item(),
            ((ratio - 1) - log_ratio).mean().item(),
        )
