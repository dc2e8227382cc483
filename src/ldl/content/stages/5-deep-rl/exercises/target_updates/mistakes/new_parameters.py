"""You replace the target's parameters with new tensors instead of changing their values. Anything
holding the old tensors (an optimiser, a hook, a compiled graph) no longer sees the target, and
the new tensors carry gradient history. Update in place: `target.mul_(1 - tau).add_(online, alpha=tau)`."""

import torch


def hard_update(target_net, online_net):
    with torch.no_grad():
        for target, online in zip(target_net.parameters(), online_net.parameters()):
            target.copy_(online)


def soft_update(target_net, online_net, tau=0.005):
    for (name, target), online in zip(list(target_net.named_parameters()), online_net.parameters()):
        module_name, _, attribute = name.rpartition(".")
        owner = target_net.get_submodule(module_name) if module_name else target_net
        setattr(owner, attribute, torch.nn.Parameter(tau * online + (1.0 - tau) * target))
