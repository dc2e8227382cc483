"""Checks for gradient_clipping: the global norm over arrays of mixed shapes (also an empty list and
an empty array among others); clipping that happens, clipping that must not, a norm exactly at
the threshold, all zeros, in-place updates and the returned norm; clipping by value. clip_grad_norm
and clip_grad_value must change the caller's arrays (declared with `mutates`); global_norm must
not."""

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


IN_PLACE = "the statement asks for clipping in place: the optimiser reads the caller's own arrays"


def cases():
    rng = np.random.default_rng(16)
    mixed = [rng.normal(size=(4, 3)) * 5, rng.normal(size=3), rng.normal(size=(2, 2, 2))]

    def example():
        return [np.array([3.0, 0.0]), np.array([[4.0]])]

    def fresh():  # each in-place case gets its own arrays
        return [g.copy() for g in mixed]

    return [
        Case("the global norm of the example", call="global_norm", args=(example(),)),
        Case("the global norm of three arrays", call="global_norm", args=(mixed,)),
        Case("the global norm of no arrays is 0", call="global_norm", args=([],)),
        Case("an empty array among others", call="global_norm", args=([np.zeros(0), *example()],)),
        Case(
            "the worked example, max_norm 1",
            probe="clip_norm",
            args=(example(), 1.0),
            mutates=("grads",),
            reason=IN_PLACE,
        ),
        Case(
            "three arrays clipped to norm 2",
            probe="clip_norm",
            args=(fresh(), 2.0),
            mutates=("grads",),
            reason=IN_PLACE,
        ),
        Case(
            "a norm under the threshold: unchanged",
            probe="clip_norm",
            args=(fresh(), 1000.0),
            mutates=("grads",),
            reason=IN_PLACE,
        ),
        Case(
            "a norm exactly at the threshold (5.0)",
            probe="clip_norm",
            args=(example(), 5.0),
            mutates=("grads",),
            reason=IN_PLACE,
        ),
        Case(
            "all zeros: no division by zero",
            probe="clip_norm",
            args=([np.zeros(3), np.zeros((2, 2))], 1.0),
            mutates=("grads",),
            reason=IN_PLACE,
        ),
        Case(
            "clip by value 0.5", probe="clip_value", args=(fresh(), 0.5), mutates=("grads",), reason=IN_PLACE
        ),
    ]
