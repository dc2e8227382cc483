"""Checks for ppo_clip_loss: a seeded policy network after a few gradient steps away from the
policy that collected the data (so ratios leave the clip range), with advantages of both signs:
the loss, its gradient on the policy's parameters, the clip fraction and the approximate KL; the
first minibatch (ratio exactly 1: nothing clipped, KL 0); a non-default clip_coef; old
log-probabilities and advantages that arrive with a graph attached (no gradient may flow into
them); and log-probabilities so small that dividing probabilities would underflow."""

import torch

from ldl.grading.spec import Case


def setting(seed, size, steps):
    torch.manual_seed(seed)
    policy = torch.nn.Linear(5, 4)
    obs = torch.randn(size, 5)
    actions = torch.randint(0, 4, (size,))
    logp = lambda: torch.log_softmax(policy(obs), dim=1)[torch.arange(size), actions]  # noqa: E731
    old = logp().detach()
    with torch.no_grad():  # move the policy away from the one that collected the data
        for _ in range(steps):
            for p in policy.parameters():
                p.add_(0.3 * torch.randn_like(p))
    return policy, logp, old, torch.randn(size)


def run(module, seed, size, steps, **kwargs):
    policy, logp, old, advantages = setting(seed, size, steps)
    loss, clip_fraction, approx_kl = module.ppo_clip_loss(logp(), old, advantages, **kwargs)
    grads = torch.autograd.grad(loss, list(policy.parameters()))
    return {
        "loss": loss.detach(),
        "grad": torch.cat([g.flatten() for g in grads]),
        "clip_fraction": clip_fraction,
        "approx_kl": approx_kl,
    }


def attached(module, seed):
    """old_log_probs and advantages come from graphs (a value network, an old copy of the policy)."""
    policy, logp, old, advantages = setting(seed, 16, 2)
    scale = torch.ones(1, requires_grad=True)
    loss, _, _ = module.ppo_clip_loss(logp(), old * scale, advantages * scale)
    loss.backward()
    return {
        "loss": loss.detach(),
        "grad into old and advantages": scale.grad if scale.grad is not None else torch.zeros(1),
    }


def tiny_probabilities(module):
    new = torch.tensor([-800.0, -900.0, -1.0], requires_grad=True)
    old = torch.tensor([-800.1, -899.5, -1.0])
    loss, clip_fraction, approx_kl = module.ppo_clip_loss(new, old, torch.tensor([1.0, -1.0, 0.5]))
    loss.backward()
    return {"loss": loss.detach(), "grad": new.grad, "clip_fraction": clip_fraction, "approx_kl": approx_kl}


def cases():
    return [
        Case("64 steps after 3 updates", probe="run", args=(0, 64, 3), rtol=1e-5, atol=1e-6),
        Case("the first minibatch: ratio 1, KL 0", probe="run", args=(1, 32, 0), rtol=1e-5, atol=1e-6),
        Case(
            "clip_coef = 0.1", probe="run", args=(2, 64, 2), kwargs={"clip_coef": 0.1}, rtol=1e-5, atol=1e-6
        ),
        Case("constants that arrive with a graph", probe="attached", args=(3,), rtol=1e-5, atol=1e-6),
        Case("tiny probabilities: use log-ratios", probe="tiny_probabilities", rtol=1e-5, atol=1e-6),
    ]
