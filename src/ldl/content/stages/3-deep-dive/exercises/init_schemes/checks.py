"""Checks for init_schemes: fans of linear, conv1d, conv2d and all-ones weights, the four gains, the
exact draws (default and other gains, conv weights, drawn from the generator passed in, never from
numpy's global one), the errors, and what the initialisation is for: activations keeping their
scale through a deep ReLU stack."""

import numpy as np

from ldl.grading.spec import Case


def raises_value_error(module, function, *args):
    try:
        getattr(module, function)(*args)
    except ValueError:
        return "ValueError"
    except Exception as exc:  # noqa: BLE001 - the name of the wrong exception is the feedback
        return type(exc).__name__
    return "no exception"


def draw(module, function, shape, seed, *gain):
    return getattr(module, function)(tuple(shape), np.random.default_rng(seed), *gain)


def deep_relu_scale(module, depth, width, seed):
    """The std of the activations after each of `depth` Kaiming-initialised Linear+ReLU layers."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(256, width))
    stds = []
    for _ in range(depth):
        x = np.maximum(x @ module.kaiming_normal((width, width), rng).T, 0.0)
        stds.append(float(x.std()))
    return {"last_over_first_within_2x": bool(0.5 < stds[-1] / stds[0] < 2.0), "stds": np.array(stds)}


def cases():
    return [
        Case("fans of a (3, 5) linear weight", call="fan_in_and_fan_out", args=((3, 5),)),
        Case("fans of a (16, 3, 5, 5) conv weight", call="fan_in_and_fan_out", args=((16, 3, 5, 5),)),
        Case("fans of a (4, 2, 3) conv1d weight", call="fan_in_and_fan_out", args=((4, 2, 3),)),
        Case(
            "fans of a 1-D shape raise ValueError",
            probe="raises_value_error",
            args=("fan_in_and_fan_out", (7,)),
        ),
        Case("fans of a (1, 1, 1, 1) weight", call="fan_in_and_fan_out", args=((1, 1, 1, 1),)),
        Case("gain for linear", call="calculate_gain", args=("linear",)),
        Case("gain for relu", call="calculate_gain", args=("relu",)),
        Case("gain for tanh", call="calculate_gain", args=("tanh",)),
        Case("gain for sigmoid", call="calculate_gain", args=("sigmoid",)),
        Case(
            "an unknown nonlinearity raises ValueError",
            probe="raises_value_error",
            args=("calculate_gain", "swish"),
        ),
        Case("xavier_uniform (20, 30)", probe="draw", args=("xavier_uniform", (20, 30), 0)),
        Case(
            "xavier_uniform with the tanh gain", probe="draw", args=("xavier_uniform", (8, 4), 1, 5.0 / 3.0)
        ),
        Case("xavier_uniform of a conv weight", probe="draw", args=("xavier_uniform", (6, 3, 3, 3), 2)),
        Case("kaiming_normal (20, 30)", probe="draw", args=("kaiming_normal", (20, 30), 3)),
        Case("kaiming_normal of a conv weight", probe="draw", args=("kaiming_normal", (6, 3, 3, 3), 4)),
        Case("kaiming_normal with gain 1", probe="draw", args=("kaiming_normal", (5, 50), 5, 1.0)),
        Case(
            "20 Kaiming ReLU layers keep the activations' scale", probe="deep_relu_scale", args=(20, 128, 6)
        ),
    ]
