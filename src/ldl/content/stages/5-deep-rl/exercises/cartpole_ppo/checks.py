"""Checks for cartpole_ppo: the loss on its own with a small seeded actor-critic (its value and the
gradients; ratios on both sides of the clip range, with and without the value and entropy terms),
then the whole agent: your `train` runs on several seeds with watched CartPole environments, and
enough seeds must reach the target (ldl.rl.agent_checks says how; LDL_FAST=1 uses less)."""

import torch

from ldl.grading.spec import Case
from ldl.rl import agent_checks

FULL = agent_checks.AgentTarget("CartPole-v1", total_steps=50_000, window=20, threshold=195.0,
                                seeds=(0, 1, 2, 3, 4), needed=3)  # fmt: skip
FAST = agent_checks.AgentTarget("CartPole-v1", total_steps=12_000, window=10, threshold=100.0,
                                seeds=(0,), needed=1)  # fmt: skip
agent_checks.prepare("CartPole-v1")  # before the fence: Gymnasium's imports


class TinyActorCritic(torch.nn.Module):
    """observations (B, 4) -> (logits (B, 2), values (B,)), with seeded weights."""

    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.body, self.policy, self.value = (
            torch.nn.Linear(4, 6),
            torch.nn.Linear(6, 2),
            torch.nn.Linear(6, 1),
        )

    def forward(self, obs):
        hidden = torch.tanh(self.body(obs))  # (B, 6)
        return self.policy(hidden), self.value(hidden).squeeze(-1)


def batch(network, seed, size):
    g = torch.Generator().manual_seed(seed)
    observations = torch.randn(size, 4, generator=g)
    actions = torch.randint(0, 2, (size,), generator=g)
    with torch.no_grad():  # the old policy: the current one, nudged, so ratios spread over [0.5, 2]
        now = torch.distributions.Categorical(logits=network(observations)[0]).log_prob(actions)
    return {
        "observations": observations,
        "actions": actions,
        "old_log_probs": now + 0.4 * torch.randn(size, generator=g),
        "advantages": torch.randn(size, generator=g),
        "returns": torch.randn(size, generator=g),
    }


def loss(module, seed, size, clip_coef, value_coef, entropy_coef):
    network = TinyActorCritic(seed)
    value = module.ppo_loss(network, batch(network, seed + 100, size), clip_coef, value_coef, entropy_coef)
    value.backward()
    return {
        "loss": value.detach(),
        "gradients": [p.grad.clone() if p.grad is not None else None for p in network.parameters()],
    }


def agent(module):
    return agent_checks.train_on_seeds(module.train, agent_checks.pick(FULL, FAST))


def judge_agent(expected, got, case):
    return agent_checks.judge(got, agent_checks.pick(FULL, FAST))


def cases():
    target = agent_checks.pick(FULL, FAST)
    tol = {"rtol": 1e-5, "atol": 1e-6}
    return [
        Case("the whole loss, 16 samples", probe="loss", args=(0, 16, 0.2, 0.5, 0.01), **tol),
        Case("the policy term alone", probe="loss", args=(1, 16, 0.2, 0.0, 0.0), **tol),
        Case("a narrow clip range, no entropy", probe="loss", args=(2, 32, 0.1, 0.5, 0.0), **tol),
        Case("a large entropy bonus", probe="loss", args=(3, 16, 0.2, 0.0, 0.5), **tol),
        Case("a batch of 64", probe="loss", args=(4, 64, 0.2, 1.0, 0.01), **tol),
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
