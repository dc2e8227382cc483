"""Gradients flow into the old log-probabilities and the advantages: they are constants recorded
during the rollout (or computed by the critic), and the policy loss must only move the current
policy. Detach them before use."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    log_ratio = new_log_probs - old_log_probs
    ratio = log_ratio.exp()
    loss = -torch.min(ratio * advantages, ratio.clamp(1 - clip_coef, 1 + clip_coef) * advantages).mean()
    with torch.no_grad():
        return (
            loss,
            ((ratio - 1).abs() > clip_coef).float().mean().item(),
            ((ratio - 1) - log_ratio).mean().item(),
        )
