"""Checks for target_updates: a hard update copies the values (and the target stays independent
when the online network is trained afterwards); soft updates with the default tau and with
tau = 0.5, once and ten times; tau = 1 equals a hard update; the target keeps its own parameter
tensors (same objects, no shared storage); the online network is unchanged; and no gradient
history is recorded."""

import torch

from ldl.grading.spec import Case


def pair(seed):
    torch.manual_seed(seed)
    make = lambda: torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 2))  # noqa: E731
    return make(), make()


def report(target, online, ids_before, online_before):
    return {
        "target": [p.detach().clone() for p in target.parameters()],
        "same_tensor_objects": [id(p) for p in target.parameters()] == ids_before,
        "shares_storage": any(
            t.data_ptr() == o.data_ptr() for t, o in zip(target.parameters(), online.parameters())
        ),
        "online_unchanged": all(torch.equal(a, b) for a, b in zip(online.parameters(), online_before)),
        "no_history": all(p.grad_fn is None and p.is_leaf for p in target.parameters()),
    }


def hard_then_train(module, seed):
    target, online = pair(seed)
    ids = [id(p) for p in target.parameters()]
    module.hard_update(target, online)
    before = [p.detach().clone() for p in online.parameters()]
    out = report(target, online, ids, before)
    with torch.no_grad():  # one "training step" of the online net afterwards ...
        for p in online.parameters():
            p.add_(1.0)
    out["target_after_online_moved"] = [
        p.detach().clone() for p in target.parameters()
    ]  # ... must not move it
    return out


def soft(module, seed, times, **kwargs):
    target, online = pair(seed)
    ids = [id(p) for p in target.parameters()]
    before = [p.detach().clone() for p in online.parameters()]
    for _ in range(times):
        module.soft_update(target, online, **kwargs)
    return report(target, online, ids, before)


def cases():
    return [
        Case("a hard update copies values into the target's own tensors", probe="hard_then_train", args=(0,)),
        Case("one soft update, default tau", probe="soft", args=(1, 1), rtol=1e-6, atol=1e-7),
        Case(
            "ten soft updates, tau = 0.5",
            probe="soft",
            args=(2, 10),
            kwargs={"tau": 0.5},
            rtol=1e-6,
            atol=1e-7,
        ),
        Case("tau = 1 is a hard update", probe="soft", args=(3, 1), kwargs={"tau": 1.0}),
    ]
