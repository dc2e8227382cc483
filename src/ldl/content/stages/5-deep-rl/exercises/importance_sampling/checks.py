"""Checks for importance_sampling: the worked examples; a 12-step trajectory; a step the target
policy would never take (all earlier products become 0); identical policies (every ratio 1);
integer probabilities (1 and 0); both estimators on 50 episodes; and weights that are all 0."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(62)
    pi, b = rng.uniform(0.1, 1.0, size=12), rng.uniform(0.1, 1.0, size=12)
    never = pi.copy()
    never[7] = 0.0
    w, G = rng.exponential(size=50), rng.normal(size=50)
    return [
        Case(
            "the worked example",
            call="per_decision_ratios",
            args=(np.array([1.0, 0.5, 1.0]), np.array([0.5, 0.5, 0.25])),
        ),
        Case("12 steps", call="per_decision_ratios", args=(pi, b)),
        Case("an action the target policy never takes", call="per_decision_ratios", args=(never, b)),
        Case("identical policies", call="per_decision_ratios", args=(b, b)),
        Case(
            "integer probabilities",
            call="per_decision_ratios",
            args=(np.array([1, 1, 0, 1]), np.array([1, 1, 1, 1])),
        ),
        Case("ordinary IS, 50 episodes", call="ordinary_is", args=(w, G)),
        Case("weighted IS, 50 episodes", call="weighted_is", args=(w, G)),
        Case(
            "weighted IS, the worked example",
            call="weighted_is",
            args=(np.array([0.0, 2.0]), np.array([5.0, 1.0])),
        ),
        Case("weighted IS, all weights 0", call="weighted_is", args=(np.zeros(3), np.array([1.0, 2.0, 3.0]))),
    ]
