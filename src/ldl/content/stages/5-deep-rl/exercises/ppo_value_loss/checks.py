"""Checks for ppo_value_loss: a seeded value network moved away from the one that recorded the
rollout: the loss and its gradient with clipping (default and clip_coef = 0.5) and without;
values that have not moved (both forms agree); and constants that arrive with a graph."""

import torch

from ldl.grading.spec import Case


def run(module, seed, steps, **kwargs):
    torch.manual_seed(seed)
    critic = torch.nn.Linear(3, 1)
    obs = torch.randn(48, 3)
    old = critic(obs).squeeze(1).detach()
    returns = old + torch.randn(48)
    with torch.no_grad():
        for _ in range(steps):
            for p in critic.parameters():
                p.add_(0.2 * torch.randn_like(p))
    loss = module.ppo_value_loss(critic(obs).squeeze(1), old, returns, **kwargs)
    grads = torch.autograd.grad(loss, list(critic.parameters()))
    return {"loss": loss.detach(), "grad": torch.cat([g.flatten() for g in grads])}


def attached(module):
    torch.manual_seed(5)
    values = torch.randn(10, requires_grad=True)
    scale = torch.ones(1, requires_grad=True)
    loss = module.ppo_value_loss(values, torch.randn(10) * scale, torch.randn(10) * scale)
    loss.backward()
    return {
        "loss": loss.detach(),
        "grad into constants": scale.grad if scale.grad is not None else torch.zeros(1),
        "grad": values.grad,
    }


def cases():
    return [
        Case("clipped, default clip_coef", probe="run", args=(0, 3), rtol=1e-5, atol=1e-6),
        Case(
            "clipped, clip_coef = 0.5",
            probe="run",
            args=(1, 3),
            kwargs={"clip_coef": 0.5},
            rtol=1e-5,
            atol=1e-6,
        ),
        Case(
            "unclipped (clip=False)", probe="run", args=(2, 3), kwargs={"clip": False}, rtol=1e-5, atol=1e-6
        ),
        Case("values that have not moved", probe="run", args=(3, 0), rtol=1e-5, atol=1e-6),
        Case("constants that arrive with a graph", probe="attached", rtol=1e-5, atol=1e-6),
    ]
