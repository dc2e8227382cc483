"""Checks for huber_loss: the worked example; errors on both sides of delta, with the default and
a non-default delta; exactly |x| = delta; a 2-D batch; float32 errors (the gradient keeps the
dtype); all errors inside the quadratic regime (the loss equals half the mean squared error); and
huge errors (the gradient stays bounded)."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(59)
    x = rng.normal(scale=3.0, size=20)
    return [
        Case("the worked example", call="huber_loss", args=(np.array([0.5, -3.0]),)),
        Case("errors on both sides of delta = 1", call="huber_loss", args=(x,)),
        Case("delta = 2.5", call="huber_loss", args=(x,), kwargs={"delta": 2.5}),
        Case("exactly at |x| = delta", call="huber_loss", args=(np.array([1.0, -1.0, 0.0]),)),
        Case("a (4, 5) batch", call="huber_loss", args=(x.reshape(4, 5),), kwargs={"delta": 0.5}),
        Case("float32 errors", call="huber_loss", args=(x.astype(np.float32),)),
        Case("all inside: half the mean squared error", call="huber_loss", args=(x / 100,)),
        Case("huge errors: bounded gradients", call="huber_loss", args=(np.array([1e6, -1e8, 3.0]),)),
    ]
