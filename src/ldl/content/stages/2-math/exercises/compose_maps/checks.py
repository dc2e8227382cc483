"""Checks for compose_maps: rotations by known angles (including the integer angle 0), a single
map, orders that matter (2x2 and three random 3x3 maps), and rotate–stretch–rotate back. The
composed matrix must be a new array, and the caller's list of maps must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(7)
    stretch = np.diag([2.0, 1.0])
    shear = np.array([[1.0, 1.5], [0.0, 1.0]])
    randoms = [rng.normal(size=(3, 3)) for _ in range(3)]
    return [
        Case("rotation by π/6", call="rotation", args=(np.pi / 6,)),
        Case("rotation by -2.5", call="rotation", args=(-2.5,)),
        Case("rotation by the integer 0 is the identity", call="rotation", args=(0,)),
        Case(
            "a quarter turn, then a stretch",
            call="compose",
            args=([np.array([[0.0, -1.0], [1.0, 0.0]]), stretch],),
        ),
        Case("a single map is itself", call="compose", args=([shear],)),
        Case("stretch, then shear", call="compose", args=([stretch, shear],)),
        Case("three random 3x3 maps", call="compose", args=(randoms,)),
        Case("rotate, stretch, rotate back", probe="probe_conjugate", args=(0.8,)),
    ]


def probe_conjugate(module, theta):
    """Rotating by θ, stretching, and rotating back stretches along the direction at angle -θ."""
    maps = [module.rotation(theta), np.diag([3.0, 0.5]), module.rotation(-theta)]
    return module.compose(maps)
