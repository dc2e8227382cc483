"""Checks for reinforce_loss: a small seeded policy and baseline network on a batch of 12 steps:
the two loss values and the gradients each loss sends to the policy's and to the baseline's
parameters (the policy loss must send none to the baseline); a batch of one step; and returns
equal to the baseline (zero advantage: no policy gradient)."""

import torch

from ldl.grading.spec import Case


def run(module, seed, size, returns_equal_baseline=False):
    torch.manual_seed(seed)
    policy = torch.nn.Linear(4, 3)
    baseline = torch.nn.Linear(4, 1)
    obs = torch.randn(size, 4)
    actions = torch.randint(0, 3, (size,))
    log_probs = torch.log_softmax(policy(obs), dim=1)[torch.arange(size), actions]
    values = baseline(obs).squeeze(1)
    returns = values.detach().clone() if returns_equal_baseline else torch.randn(size) * 3
    policy_loss, baseline_loss = module.reinforce_loss(log_probs, returns, values)
    out = {"policy_loss": policy_loss.detach(), "baseline_loss": baseline_loss.detach()}
    for name, loss in (("policy_loss", policy_loss), ("baseline_loss", baseline_loss)):
        params = [*policy.parameters(), *baseline.parameters()]
        grads = torch.autograd.grad(loss, params, retain_graph=True, allow_unused=True)
        flat = [torch.zeros(p.numel()) if g is None else g.flatten() for g, p in zip(grads, params)]
        out[f"{name} -> policy grads"] = torch.cat(flat[:2])  # an unused parameter counts as zero gradient
        out[f"{name} -> baseline grads"] = torch.cat(flat[2:])
    return out


def cases():
    return [
        Case(
            "12 steps: losses and where their gradients go", probe="run", args=(0, 12), rtol=1e-5, atol=1e-6
        ),
        Case("another seed, 40 steps", probe="run", args=(1, 40), rtol=1e-5, atol=1e-6),
        Case("a single step", probe="run", args=(2, 1), rtol=1e-5, atol=1e-6),
        Case(
            "returns equal the baseline: no policy gradient",
            probe="run",
            args=(3, 8),
            kwargs={"returns_equal_baseline": True},
            rtol=1e-5,
            atol=1e-6,
        ),
    ]
