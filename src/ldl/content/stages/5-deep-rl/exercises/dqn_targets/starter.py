"""The DQN and Double DQN targets. See statement.md."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    """r + gamma * (1 - terminated) * max_a target_net(next_obs)[:, a], without gradients, (B,)."""
    raise NotImplementedError


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    """r + gamma * (1 - terminated) * target_net(next_obs)[i, argmax_a online_net(next_obs)[i, a]], (B,)."""
    raise NotImplementedError
