"""Checks for gradient_clipping: the global norm over arrays of mixed shapes, clipping that
happens and clipping that must not, in-place updates, the returned norm, and clipping by value."""

import numpy as np

from ldl.grading.spec import Case


def clip_norm(module, grads, max_norm):
    held = [g for g in grads]  # the caller keeps references to the same arrays
    returned = module.clip_grad_norm(grads, max_norm)
    return {"returned_norm": returned, "grads": held}


def clip_value(module, grads, clip_value):
    held = [g for g in grads]
    returned = module.clip_grad_value(grads, clip_value)
    return {"returned": returned, "grads": held}


def cases():
    rng = np.random.default_rng(16)
    mixed = [rng.normal(size=(4, 3)) * 5, rng.normal(size=3), rng.normal(size=(2, 2, 2))]
    example = [np.array([3.0, 0.0]), np.array([[4.0]])]
    return [
        Case("the global norm of the example", call="global_norm", args=(example,)),
        Case("the global norm of three arrays", call="global_norm", args=(mixed,)),
        Case("the worked example, max_norm 1", probe="clip_norm", args=(example, 1.0)),
        Case("three arrays clipped to norm 2", probe="clip_norm", args=(mixed, 2.0)),
        Case("a norm under the threshold: unchanged", probe="clip_norm", args=(mixed, 1000.0)),
        Case(
            "all zeros: no division by zero", probe="clip_norm", args=([np.zeros(3), np.zeros((2, 2))], 1.0)
        ),
        Case("clip by value 0.5", probe="clip_value", args=(mixed, 0.5)),
    ]
