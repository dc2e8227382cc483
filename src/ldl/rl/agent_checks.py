"""Judging a learner's whole agent: train it on several seeds, watch its episodes, apply a threshold.

Stage 5's agent exercises (Q-learning on Taxi, DQN and PPO on CartPole) import this from their
`checks.py`. The learner writes `train(make_env, seed, total_steps)`; the grader hands it a
`make_env` whose environments are *watched*: every step is counted and every episode's return is
recorded by the grader itself, so what is judged is what the agent really did, not what it says.

A seed reaches the target when, within its budget of environment steps, the average return of
`window` consecutive episodes reaches `threshold`:

    reached(seed)  <=>  max_k  mean(G_k, ..., G_{k+window-1})  >=  threshold

and the agent passes when at least `needed` of the seeds reach it. RL results vary from seed to
seed (Henderson et al., 2018, "Deep RL that matters"), hence several seeds and a count, not one run.
Training stops as soon as a seed reaches the target (the watched env raises `TargetReached`) or
spends its budget (`BudgetSpent`), and no further seed runs once the verdict is decided.

With LDL_FAST=1 (the content self-check) a smaller setting applies: fewer seeds and steps and a
lower threshold, still far above what an agent that does not learn gets.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class AgentTarget:
    """What an agent must achieve, and with how much experience."""

    env_id: str
    """The Gymnasium environment (`make_env()` builds it)."""
    total_steps: int
    """Environment steps each seed may use (all of its environments together)."""
    window: int
    """Consecutive episodes whose average return is compared with the threshold."""
    threshold: float
    """The average return a seed must reach."""
    seeds: tuple[int, ...]
    """The seeds the agent is trained on, in order."""
    needed: int
    """How many seeds must reach the threshold."""


def fast_mode() -> bool:
    """True under LDL_FAST=1 (the content self-check in CI), as in `ldl.notebooks.lab.FAST`."""
    return os.environ.get("LDL_FAST", "") not in ("", "0", "false", "False")


def pick(full: AgentTarget, fast: AgentTarget) -> AgentTarget:
    """The full target for a learner's `ldl check`, the reduced one under LDL_FAST=1."""
    return fast if fast_mode() else full


class TargetReached(Exception):
    """Raised from `env.step` once the watched episodes reach the target: training may stop."""


class BudgetSpent(Exception):
    """Raised from `env.step` when the agent asks for a step beyond its budget."""


class Recorder:
    """Counts the steps of every environment of one seed and keeps each finished episode's return."""

    def __init__(self, target: AgentTarget):
        self.target = target
        self.steps = 0
        self.returns: list[float] = []

    def step(self, reward: float, ended: bool, running: list[float]) -> None:
        """Called by a watched env after each step; `running` is that env's return so far."""
        self.steps += 1
        running[0] += float(reward)
        if ended:
            self.returns.append(running[0])
            running[0] = 0.0
            if best_average(self.returns, self.target.window) >= self.target.threshold:
                raise TargetReached(f"the target was reached after {self.steps} steps")


def prepare(env_id: str) -> None:
    """Import Gymnasium and build `env_id` once, in the checks' trusted set-up: the grader's fence
    forbids imports the learner's code does not need (Gymnasium's pull in sockets, say)."""
    import gymnasium as gym

    gym.make(env_id).close()


def watched_env_factory(recorder: Recorder):
    """A `make_env()` for the learner: each call builds a new env whose steps `recorder` sees."""
    import gymnasium as gym

    class Watched(gym.Wrapper):
        def reset(self, **kwargs):
            self.running = [0.0]  # a reset abandons an unfinished episode, as a time limit would
            return self.env.reset(**kwargs)

        def step(self, action):
            if recorder.steps >= recorder.target.total_steps:
                raise BudgetSpent(f"the budget of {recorder.target.total_steps} steps is spent")
            obs, reward, terminated, truncated, info = self.env.step(action)
            recorder.step(reward, bool(terminated or truncated), self.running)
            return obs, reward, terminated, truncated, info

    def make_env():
        return Watched(gym.make(recorder.target.env_id))

    return make_env


def train_on_seeds(train, target: AgentTarget) -> dict[str, Any]:
    """Run `train(make_env, seed, total_steps)` on each seed until the verdict is decided.

    Returns plain data for the wire: the target and, per seed run, its episode returns and steps."""
    runs = []
    for seed in target.seeds:
        recorder = Recorder(target)
        try:
            train(watched_env_factory(recorder), seed, target.total_steps)
            stopped = "train returned"
        except TargetReached:
            stopped = "target reached"
        except BudgetSpent:
            stopped = "budget spent"
        runs.append({"seed": seed, "returns": [float(r) for r in recorder.returns], "steps": recorder.steps,
                     "stopped": stopped})  # fmt: skip
        passed = sum(best_average(run["returns"], target.window) >= target.threshold for run in runs)
        if passed >= target.needed or len(runs) - passed > len(target.seeds) - target.needed:
            break  # the verdict cannot change any more
    return {"target": {**asdict(target), "seeds": list(target.seeds)}, "runs": runs}


def best_average(returns: list[float], window: int) -> float:
    """The best mean of `window` consecutive returns (-inf with fewer than `window` episodes)."""
    if len(returns) < window:
        return float("-inf")
    sums = np.convolve(np.asarray(returns, dtype=float), np.ones(window), mode="valid")  # (E - window + 1,)
    return float(sums.max() / window)


def sparkline(returns: list[float], width: int = 40, top: float | None = None) -> str:
    """The learning curve in `width` characters: the episodes split into `width` bins, each drawn by
    its mean return, on a scale from the lowest bin to the highest (or to `top`, the target, when
    the curve stays below it: a flat curve far under the target then looks flat)."""
    if not returns:
        return "(no finished episode)"
    chunks = np.array_split(np.asarray(returns, dtype=float), min(width, len(returns)))
    bins = [chunk.mean() for chunk in chunks]
    low, high = min(bins), max(bins) if top is None else max(max(bins), top)
    scale = (high - low) or 1.0
    bars = "".join(BARS[int(round((b - low) / scale * (len(BARS) - 1)))] for b in bins)
    return f"{bars}  (episodes 1-{len(returns)}; bars from {low:.0f} to {high:.0f})"


def judge(got: Any, target: AgentTarget) -> str | None:
    """The verdict on an agent case, in the grader's process: None (pass) or the reason for a fail.

    Recomputes every seed's result from the recorded returns and says, per seed: its best and last
    averages, whether it reached the target, its steps and its learning curve."""
    if not isinstance(got, dict) or not isinstance(got.get("runs"), list) or not got["runs"]:
        return "the agent check sent no record of the training runs"
    if got.get("target") != {**asdict(target), "seeds": list(target.seeds)}:
        return "the agent check ran under another target than the grader's (LDL_FAST differs?)"
    lines, passed = [], 0
    for run in got["runs"]:
        returns, window = run["returns"], target.window
        best = best_average(returns, window)
        reached = best >= target.threshold
        passed += reached
        last = float(np.mean(returns[-window:])) if returns else float("nan")
        best_text = f"{best:.1f}" if np.isfinite(best) else f"n/a (fewer than {window} episodes)"
        lines.append(
            f"seed {run['seed']}: {'reached' if reached else 'NOT reached'}; best {window}-episode average "
            f"{best_text}, last {last:.1f}; {len(returns)} episodes, {run['steps']} steps "
            f"({run['stopped']})\n"
            f"    {sparkline(returns, top=target.threshold)}"
        )
    if passed >= target.needed:
        return None
    skipped = len(target.seeds) - len(got["runs"])
    lines.append(
        f"{passed} of {len(target.seeds)} seeds reached an average of {target.threshold:g} over "
        f"{target.window} consecutive episodes within {target.total_steps} steps; {target.needed} must."
        + (f" ({skipped} seed(s) not run: the verdict was already decided.)" if skipped else "")
    )
    lines.append(_diagnosis(got["runs"], target))
    return "\n".join(line for line in lines if line)


def _diagnosis(runs: list[dict], target: AgentTarget) -> str:
    """A nudge from the curves' shape: no episode at all, no learning at all, or learning then forgetting."""
    if all(not run["returns"] for run in runs):
        return ("No episode finished: does `train` step the environments it gets from make_env() "
                "and call reset() when an episode ends?")  # fmt: skip
    if any(run["stopped"] == "train returned" and run["steps"] < target.total_steps // 2 for run in runs):
        return "Some runs used less than half of their budget: train for the total_steps you are given."
    starts = [np.mean(run["returns"][: target.window]) for run in runs if run["returns"]]
    ends = [np.mean(run["returns"][-target.window :]) for run in runs if run["returns"]]
    bests = [best_average(run["returns"], target.window) for run in runs]
    if np.mean(ends) <= np.mean(starts) + 0.1 * (target.threshold - np.mean(starts)):
        if max(bests) > np.mean(starts) + 0.5 * (target.threshold - np.mean(starts)):
            return ("The agent learned, then lost it: look at the learning rate, the target network's "
                    "updates, or the exploration schedule.")  # fmt: skip
        return ("The curves stay where they started: the agent is not learning. Check the sign of your "
                "loss, that the update uses the target (not a copy that never changes), and that "
                "exploration decays.")  # fmt: skip
    return "The agent improves, but too slowly for the budget: tune the learning rate or the exploration."
