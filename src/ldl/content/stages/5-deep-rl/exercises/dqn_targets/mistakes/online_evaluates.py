"""Your DQN target uses the online network for the next-state values. The target network exists
to keep the regression target still between its updates: use target_net(next_obs) in the target."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net, online_net=None):
    with torch.no_grad():
        net = online_net or target_net
        return rewards + gamma * (1.0 - terminated.float()) * net(next_obs).max(dim=1).values


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    with torch.no_grad():
        q = online_net(next_obs)
        return rewards + gamma * (1.0 - terminated.float()) * q.max(dim=1).values
