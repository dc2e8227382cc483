"""You averaged into the *online* network instead of the target. The online network is only read
by these updates; it is the target that lags behind."""

import torch


def hard_update(target_net, online_net):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.copy_(online)


def soft_update(target_net, online_net, tau=0.005):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            online.mul_(1.0 - tau).add_(target, alpha=tau)
            target.copy_(online)
