"""Checks for cartpole_dqn: the loss on its own (16 transitions, all terminal, gamma = 0, a batch
of 64; its value, the online network's gradients, and no gradient in the target network), then the
whole agent: your `train` runs on several seeds with watched CartPole environments, and enough seeds
must reach the target (ldl.rl.agent_checks says how; LDL_FAST=1 uses a smaller setting)."""

import torch

from ldl.grading.spec import Case
from ldl.rl import agent_checks

FULL = agent_checks.AgentTarget("CartPole-v1", total_steps=30_000, window=20, threshold=175.0,
                                seeds=(0, 1, 2, 3, 4), needed=3)  # fmt: skip
FAST = agent_checks.AgentTarget("CartPole-v1", total_steps=6_000, window=10, threshold=100.0,
                                seeds=(0,), needed=1)  # fmt: skip
agent_checks.prepare("CartPole-v1")  # before the fence: Gymnasium's imports


def networks(seed):
    torch.manual_seed(seed)
    make = lambda: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 2))  # noqa: E731
    return make(), make()  # online, target: different weights


def batch(seed, size, all_terminal=False):
    g = torch.Generator().manual_seed(seed)
    terminated = torch.ones(size) if all_terminal else (torch.rand(size, generator=g) < 0.25).float()
    return {
        "observations": torch.randn(size, 4, generator=g),
        "actions": torch.randint(0, 2, (size,), generator=g),
        "rewards": torch.randn(size, generator=g),
        "next_observations": torch.randn(size, 4, generator=g),
        "terminated": terminated,
    }


def loss(module, seed, size, gamma, all_terminal=False):
    online, target = networks(seed)
    value = module.dqn_loss(online, target, batch(seed + 100, size, all_terminal), gamma)
    value.backward()
    return {
        "loss": value.detach(),
        "online_gradients": [p.grad.clone() if p.grad is not None else None for p in online.parameters()],
        "target_network_has_gradients": any(p.grad is not None for p in target.parameters()),
    }


def agent(module):
    return agent_checks.train_on_seeds(module.train, agent_checks.pick(FULL, FAST))


def judge_agent(expected, got, case):
    return agent_checks.judge(got, agent_checks.pick(FULL, FAST))


def cases():
    target = agent_checks.pick(FULL, FAST)
    return [
        Case("the loss on 16 transitions", probe="loss", args=(0, 16, 0.99), rtol=1e-5, atol=1e-6),
        Case(
            "every transition terminal",
            probe="loss",
            args=(1, 16, 0.99),
            kwargs={"all_terminal": True},
            rtol=1e-5,
            atol=1e-6,
        ),  # fmt: skip
        Case("gamma = 0", probe="loss", args=(2, 16, 0.0), rtol=1e-5, atol=1e-6),
        Case("a batch of 64", probe="loss", args=(3, 64, 0.9), rtol=1e-5, atol=1e-6),
        Case(
            f"the agent: {target.needed} of {len(target.seeds)} seeds average {target.threshold:g} over "
            f"{target.window} episodes within {target.total_steps} steps",
            probe="agent",
            compare="judge_agent",
            reference=False,
            show_input=False,
            memory_factor=None,
            global_random=True,
            fp_warnings=False,
            reason="a whole agent is judged by its results (agent_checks.judge), not against a reference run",
        ),
    ]
