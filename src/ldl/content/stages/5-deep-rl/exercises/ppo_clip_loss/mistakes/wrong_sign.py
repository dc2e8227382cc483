"""Your loss is +mean(min(...)): minimising it makes advantageous actions less likely. PPO
maximises the clipped objective, so the loss is its negative."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    log_ratio = new_log_probs - old_log_probs.detach()
    ratio, A = log_ratio.exp(), advantages.detach()
    loss = torch.min(ratio * A, ratio.clamp(1 - clip_coef, 1 + clip_coef) * A).mean()
    with torch.no_grad():
        return (
            loss,
            ((ratio - 1).abs() > clip_coef).float().mean().item(),
            ((ratio - 1) - log_ratio).mean().item(),
        )
