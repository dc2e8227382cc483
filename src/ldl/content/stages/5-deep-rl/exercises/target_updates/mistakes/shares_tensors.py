"""Your hard update makes the target *share* the online network's tensors (for example
`target_net.load_state_dict(online_net.state_dict(), assign=True)` or assigning the Parameter
objects): the target then moves with every training step. Copy the values into the target's own
tensors: `target.copy_(online)` under torch.no_grad()."""

import torch


def hard_update(target_net, online_net):
    target_net.load_state_dict(online_net.state_dict(), assign=True)


def soft_update(target_net, online_net, tau=0.005):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.mul_(1.0 - tau).add_(online, alpha=tau)
