"""Tabular reinforcement learning: planning with a known model (planning.py) and learning from
experience with a table of Q-values (td.py)."""

from ldl.rl.tabular.planning import (
    TabularModel,
    finite_horizon,
    finite_horizon_evaluation,
    policy_evaluation,
    policy_iteration,
    start_value,
    value_iteration,
)
from ldl.rl.tabular.td import TabularResult, monte_carlo_control, n_step_sarsa, td_control

__all__ = [
    "TabularModel",
    "TabularResult",
    "finite_horizon",
    "finite_horizon_evaluation",
    "monte_carlo_control",
    "n_step_sarsa",
    "policy_evaluation",
    "policy_iteration",
    "start_value",
    "td_control",
    "value_iteration",
]
