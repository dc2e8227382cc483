"""Your soft update weights the two networks the wrong way round: tau is the share of the
*online* weights, target <- tau * online + (1 - tau) * target. With tau = 0.005 the target should
barely move."""

import torch


def hard_update(target_net, online_net):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.copy_(online)


def soft_update(target_net, online_net, tau=0.005):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.mul_(tau).add_(online, alpha=1.0 - tau)
