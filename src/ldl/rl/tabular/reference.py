"""The tabular reference runs for `ldl run`: planning on FrozenLake or Taxi, and Q-learning against
SARSA on CliffWalking. Both take seconds, so they checkpoint only their final tables."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ldl.rl.envs import make_env
from ldl.rl.tabular.planning import (
    TabularModel,
    finite_horizon,
    finite_horizon_evaluation,
    start_value,
    value_iteration,
)
from ldl.rl.tabular.td import td_control
from ldl.tracking import Progress, start_run


@dataclass
class PlanningConfig:
    """Value iteration on a toy-text environment."""

    env_id: str = "FrozenLake-v1"
    """FrozenLake-v1, Taxi-v4 or CliffWalking-v1."""
    seed: int = 0
    """Seeds the episodes of the check on the real environment and the GIF."""
    check_episodes: int = 1000
    """Episodes played with the planned policy to check its value on the real environment."""
    fast: bool = False
    """A quick check: 50 episodes."""


@dataclass
class TaxiPlanningConfig(PlanningConfig):
    """Value iteration on Taxi-v4 (other fields as in PlanningConfig)."""

    env_id: str = "Taxi-v4"
    """The taxi picks up a passenger and drops them at their destination."""


@dataclass
class Result:
    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def _play(env, act: Callable[[int, int], int], episodes: int, seed: int) -> list[float]:
    """Returns of `episodes` episodes with act(state, t) -> action."""
    returns = []
    for episode in range(episodes):
        state, _ = env.reset(seed=seed + episode)
        total, done, t = 0.0, False, 0
        while not done:
            state, reward, terminated, truncated, _ = env.step(act(state, t))
            total, done, t = total + float(reward), terminated or truncated, t + 1
        returns.append(total)
    return returns


def plan(config: PlanningConfig, root: str | Path | None = None, progress=None) -> Result:
    """Plan with the model; under a time limit, plan over exactly that many steps (gamma = 1)."""
    from ldl.rl.evaluate import record_gif

    run = start_run("deep-rl", "value-iteration", config, root=root)
    env = make_env(config.env_id)
    model = TabularModel.from_env(env)
    horizon = env.spec.max_episode_steps
    started = time.perf_counter()
    if horizon:
        values, policies = finite_horizon(model, horizon)
        optimum = start_value(model, values[horizon])
        act = lambda state, t: int(policies[horizon - 1 - t][state])
        for k in range(1, horizon + 1):
            run.log(step=k, start_value=start_value(model, values[k]))
    else:
        values, policy, _ = value_iteration(model, gamma=1.0)
        optimum = start_value(model, values)
        act = lambda state, t: int(policy[state])
    seconds = time.perf_counter() - started
    episodes = 50 if config.fast else config.check_episodes
    returns = _play(env, act, episodes, config.seed)
    if progress:
        progress(Progress(1, 1, 0, {"optimum": optimum}))
    record_gif(make_env(config.env_id, render_mode="rgb_array"), _Timed(act), run.dir / "plots" / "agent.gif",
               seed=config.seed, fps=4)  # fmt: skip
    if horizon:
        run.plot_metrics()
    run.checkpoints.save({"values": values}, 0)
    summary = {"optimum": optimum, "planning_seconds": seconds, "check_mean_return": float(np.mean(returns)),
               "check_episodes": episodes}  # fmt: skip
    run.finish(**summary)
    return Result(summary, run.dir)


class _Timed:
    """Adapts act(state, t) to the policy(observation) that record_gif calls, counting steps."""

    def __init__(self, act):
        self.act, self.t = act, 0

    def __call__(self, state):
        action = self.act(int(state), self.t)
        self.t += 1
        return action


@dataclass
class CliffConfig:
    """Q-learning against SARSA on CliffWalking (Sutton & Barto, example 6.6)."""

    seed: int = 0
    """Seeds the exploration."""
    num_episodes: int = 500
    """Training episodes of each agent."""
    alpha: float = 0.5
    """Step size."""
    epsilon: float = 0.1
    """Exploration rate (fixed: the comparison is about learning *while* exploring)."""
    fast: bool = False
    """A quick check: 100 episodes."""


def cliff(config: CliffConfig, root: str | Path | None = None, progress=None) -> Result:
    """Both agents learn; the curve shows returns while learning, the summary each greedy path."""
    from ldl.rl.evaluate import record_gif

    run = start_run("deep-rl", "cliff-q-vs-sarsa", config, root=root)
    episodes = 100 if config.fast else config.num_episodes
    model = TabularModel.from_env(make_env("CliffWalking-v1"))
    results = {}
    for method in ("q_learning", "sarsa"):
        env = make_env("CliffWalking-v1", max_episode_steps=1000)
        results[method] = td_control(env, method, episodes, config.alpha, 1.0, config.epsilon, config.seed)
    for episode in range(episodes):  # 10-episode moving averages, as in the book's figure
        window = slice(max(0, episode - 9), episode + 1)
        run.log(
            step=episode + 1,
            **{f"{m}_return": float(np.mean(r.episode_returns[window])) for m, r in results.items()},
        )
    if progress:
        progress(Progress(episodes, episodes, 0, {}))
    run.plot_metrics()
    summary = {}
    for method, result in results.items():
        summary[f"{method}_greedy_return"] = start_value(
            model, finite_horizon_evaluation(model, result.policy, 1000)
        )
        summary[f"{method}_mean_return_while_learning"] = float(np.mean(result.episode_returns[-100:]))
        policy = result.policy
        gif = make_env("CliffWalking-v1", render_mode="rgb_array", max_episode_steps=100)
        record_gif(gif, lambda s, p=policy: int(p[int(s)]), run.dir / "plots" / f"{method}.gif", fps=4)
    run.checkpoints.save({m: r.q for m, r in results.items()}, episodes)
    run.finish(**summary)
    return Result(summary, run.dir)
