"""Checks for dqn_targets: both targets on a batch of 16 with some terminal transitions, with two
small seeded networks (4 inputs, 3 actions); a batch where online and target networks disagree
on the best action (Double DQN must follow the online one); gamma = 0; all terminal; and, for
every case, that the target carries no gradient and that calling it leaves the networks'
gradients untouched."""

import torch

from ldl.grading.spec import Case


def networks(seed):
    torch.manual_seed(seed)
    online = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
    target = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
    return online, target


def batch(seed, size=16, all_terminal=False):
    g = torch.Generator().manual_seed(seed)
    rewards = torch.randn(size, generator=g)
    next_obs = torch.randn(size, 4, generator=g)
    terminated = torch.ones(size, dtype=torch.bool) if all_terminal else torch.rand(size, generator=g) < 0.25
    return rewards, next_obs, terminated


def run(module, which, seed, gamma, all_terminal=False):
    online, target = networks(seed)
    rewards, next_obs, terminated = batch(seed + 100, all_terminal=all_terminal)
    if which == "dqn":
        y = module.dqn_target(rewards, next_obs, terminated, gamma, target)
    else:
        y = module.double_dqn_target(rewards, next_obs, terminated, gamma, online, target)
    grads = [p.grad for p in [*online.parameters(), *target.parameters()]]
    return {
        "target": y.detach(),
        "requires_grad": bool(y.requires_grad),
        "dtype": str(y.dtype),
        "network_grads_untouched": all(g is None for g in grads),
    }


def cases():
    return [
        Case("DQN target, 16 transitions", probe="run", args=("dqn", 0, 0.99)),
        Case("Double DQN target, 16 transitions", probe="run", args=("double", 0, 0.99)),
        Case("Double DQN where the networks disagree", probe="run", args=("double", 7, 0.9)),
        Case("DQN target, gamma = 0", probe="run", args=("dqn", 3, 0.0)),
        Case(
            "Double DQN, every transition terminal",
            probe="run",
            args=("double", 4, 0.99),
            kwargs={"all_terminal": True},
        ),
    ]
