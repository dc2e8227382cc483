"""Checks for neuron_grad: the worked example, a random batch with both active and inactive
examples, a batch where the neuron is off for every example (a zero gradient), a batch of one,
integer inputs, and the gradient against central differences of the loss. The caller's arrays
must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import gradient


def _batch(seed):
    rng = np.random.default_rng(seed)
    w, b, X, y = rng.normal(size=4), 0.3, rng.normal(size=(9, 4)), rng.normal(size=9)
    z = X @ w + b
    X[np.abs(z) < 0.05] *= 1.5  # keep every example clear of the kink at z = 0
    return w, b, X, y


def cases():
    example = (np.array([1.0, -1.0]), 0.5, np.array([[2.0, 1.0], [0.0, 3.0]]), np.array([1.0, 0.0]))
    batch = _batch(16)
    integers = (np.array([1, 2]), 1, np.array([[1, 1], [2, -3], [0, 1]]), np.array([2, 0, 5]))
    return [
        Case("loss, worked example", call="neuron_loss", args=example),
        Case("gradient, worked example", call="neuron_grad", args=example),
        Case("loss, a batch of 9", call="neuron_loss", args=batch),
        Case("gradient, a batch of 9", call="neuron_grad", args=batch),
        Case(
            "gradient, the neuron off everywhere",
            call="neuron_grad",
            args=(batch[0], -50.0, batch[2], batch[3]),
        ),
        Case(
            "gradient, a batch of one",
            call="neuron_grad",
            args=(batch[0], batch[1], batch[2][:1], batch[3][:1]),
        ),
        Case("loss, integer inputs", call="neuron_loss", args=integers),
        Case("gradient, integer inputs", call="neuron_grad", args=integers),
        Case("gradient agrees with central differences", probe="probe_numerical", args=batch),
    ]


def probe_numerical(module, w, b, X, y):
    def loss(params):  # params = [w..., b]
        return np.mean((np.maximum(0.0, X @ params[:-1] + params[-1]) - y) ** 2)

    expected = gradient(loss, np.append(w, b))
    grad_w, grad_b = module.neuron_grad(w, b, X, y)
    got = np.append(np.asarray(grad_w, dtype=np.float64), float(grad_b))
    return {"agree": bool(got.shape == expected.shape and np.allclose(got, expected, atol=1e-7))}
