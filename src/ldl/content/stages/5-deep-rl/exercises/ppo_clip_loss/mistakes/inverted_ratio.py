"""Your ratio is old / new. The importance weight re-weights the old policy's data for the *new*
policy: r = pi_new / pi_old = exp(new_log_probs - old_log_probs)."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    log_ratio = old_log_probs.detach() - new_log_probs
    ratio, A = log_ratio.exp(), advantages.detach()
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_coef, 1 + clip_coef) * A).mean()
    with torch.no_grad():
        return (
            loss,
            ((ratio - 1).abs() > clip_coef).float().mean().item(),
            ((ratio - 1) - log_ratio).mean().item(),
        )
