"""Reference solution for dqn_targets."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    """r + gamma * (1 - terminated) * max_a target_net(next_obs)[:, a], without gradients, (B,)."""
    with torch.no_grad():  # the target is a constant for this update
        next_value = target_net(next_obs).max(dim=1).values  # (B,)
        return rewards + gamma * (1.0 - terminated.float()) * next_value


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    """r + gamma * (1 - terminated) * target_net(next_obs)[i, argmax_a online_net(next_obs)[i, a]], (B,)."""
    with torch.no_grad():
        best = online_net(next_obs).argmax(dim=1, keepdim=True)  # (B, 1): the online net chooses
        next_value = target_net(next_obs).gather(1, best).squeeze(1)  # (B,): the target net evaluates
        return rewards + gamma * (1.0 - terminated.float()) * next_value
