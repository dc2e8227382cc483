"""Your approximate KL is mean(old - new), the naive estimator: it can be negative and is noisy.
Use mean((ratio - 1) - log ratio), which is never negative (Schulman, "Approximating KL
divergence")."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    log_ratio = new_log_probs - old_log_probs.detach()
    ratio, A = log_ratio.exp(), advantages.detach()
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_coef, 1 + clip_coef) * A).mean()
    with torch.no_grad():
        return loss, ((ratio - 1).abs() > clip_coef).float().mean().item(), (-log_ratio).mean().item()
