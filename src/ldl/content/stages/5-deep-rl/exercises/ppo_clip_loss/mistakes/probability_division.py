"""You divide probabilities, exp(new) / exp(old): for log-probabilities around -800 both underflow
to 0 and the ratio is nan. Subtract the log-probabilities first, then exponentiate once:
exp(new - old)."""

import torch


def ppo_clip_loss(new_log_probs, old_log_probs, advantages, clip_coef=0.2):
    ratio = new_log_probs.exp() / old_log_probs.detach().exp()
    A = advantages.detach()
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_coef, 1 + clip_coef) * A).mean()
    with torch.no_grad():
        return (
            loss,
            ((ratio - 1).abs() > clip_coef).float().mean().item(),
            ((ratio - 1) - ratio.log()).mean().item(),
        )
