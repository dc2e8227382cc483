"""Checks for dropout: exact seeded masks and the scaling (the worked example, p = 0.2 and 0.9, a
3-D input, an empty batch), evaluation mode and the edge probabilities p = 0 and p = 1 (which must
not touch the generator; in evaluation mode and with p = 0 the output may be x itself, as in
PyTorch), backward with the same mask, and the mean being preserved on a large input. The probes
hand the caller's x and grad_output straight to your functions, so changing them in place fails."""

import numpy as np

from ldl.grading.spec import Case


def forward(module, x, p, seed, training=True):
    rng = np.random.default_rng(seed)
    out, mask = module.dropout_forward(x, p, rng, training)
    return {"out": out, "mask": mask, "next_draw": rng.random()}  # shows how much rng was used


def forward_backward(module, x, p, seed, grad_output):
    out, mask = module.dropout_forward(x, p, np.random.default_rng(seed))
    return {"out": out, "grad_x": module.dropout_backward(grad_output, mask)}


def mean_preserved(module, p, seed):
    x = np.full((200, 500), 3.0)
    out, _ = module.dropout_forward(x, p, np.random.default_rng(seed))
    return {"mean_close_to_3": bool(abs(out.mean() - 3.0) < 0.05), "fraction_zero": float(np.mean(out == 0))}


def cases():
    rng = np.random.default_rng(9)
    x, grad_output = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    return [
        Case("the worked example", probe="forward", args=(np.ones(4), 0.5, 0)),
        Case("p = 0.2 on (4, 6)", probe="forward", args=(x, 0.2, 1)),
        Case("p = 0.9 on (4, 6)", probe="forward", args=(x, 0.9, 2)),
        Case("a 3-D input (2, 3, 4)", probe="forward", args=(rng.normal(size=(2, 3, 4)), 0.5, 3)),
        Case("an empty batch (0, 6)", probe="forward", args=(np.zeros((0, 6)), 0.5, 3)),
        Case(
            "evaluation mode: identity, no draw",
            probe="forward",
            args=(x, 0.5, 4, False),
            may_alias=True,
            reason="in evaluation mode dropout is the identity and may return x itself, as PyTorch does",
        ),
        Case(
            "p = 0: identity, no draw",
            probe="forward",
            args=(x, 0.0, 5),
            may_alias=True,
            reason="with p = 0 dropout is the identity and may return x itself, as PyTorch does",
        ),
        Case("p = 1: all dropped, no draw, no division by zero", probe="forward", args=(x, 1.0, 6)),
        Case("backward uses the same mask", probe="forward_backward", args=(x, 0.3, 7, grad_output)),
        Case(
            "the mean is preserved on 100,000 entries",
            probe="mean_preserved",
            args=(0.4, 8),
            rtol=0.0,
            atol=0.01,
        ),
    ]
