"""You bootstrap from the next state even when the transition was terminal. Multiply the
next-state value by (1 - terminated): after the end, nothing more is earned."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    with torch.no_grad():
        return rewards + gamma * target_net(next_obs).max(dim=1).values


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    with torch.no_grad():
        best = online_net(next_obs).argmax(dim=1, keepdim=True)
        return rewards + gamma * target_net(next_obs).gather(1, best).squeeze(1)
