"""Reference solution for ppo_clip_loss."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    """-mean(min(r A, clip(r, 1-c, 1+c) A)) with r = exp(new - old); plus clip fraction and approx KL."""
    log_ratio = new_log_probs - old_log_probs.detach()  # (B,)
    ratio = log_ratio.exp()
    A = advantages.detach()
    unclipped = ratio * A
    clipped = ratio.clamp(1.0 - clip_coef, 1.0 + clip_coef) * A
    loss = -torch.min(unclipped, clipped).mean()
    with torch.no_grad():
        clip_fraction = ((ratio - 1.0).abs() > clip_coef).float().mean().item()
        approx_kl = ((ratio - 1.0) - log_ratio).mean().item()
    return loss, clip_fraction, approx_kl
