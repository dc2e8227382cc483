"""Reference solution for target_updates."""

import torch


def hard_update(target_net, online_net):
    """Copy the online parameters' values into the target's own parameters, in place."""
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.copy_(online)


def soft_update(target_net, online_net, tau=0.005):
    """target <- tau * online + (1 - tau) * target, in place, without gradient history."""
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.mul_(1.0 - tau).add_(online, alpha=tau)
