"""You call backward() (or leave gradients) on the networks while computing the target, which
changes their .grad before the real update. A target is computed without any gradient work:
`with torch.no_grad():`."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    q = target_net(next_obs).max(dim=1).values
    q.sum().backward()
    return (rewards + gamma * (1.0 - terminated.float()) * q).detach()


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    scores = online_net(next_obs)
    scores.sum().backward()
    best = scores.argmax(dim=1, keepdim=True)
    with torch.no_grad():
        return rewards + gamma * (1.0 - terminated.float()) * target_net(next_obs).gather(1, best).squeeze(1)
