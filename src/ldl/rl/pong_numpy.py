"""Pong from pixels with a policy gradient, in NumPy: Karpathy's "Deep Reinforcement Learning: Pong
from Pixels" (2016), importable, checkpointed, and resumable exactly.

    frame (210, 160, 3) -> crop, downsample, erase the background -> x (6400,) in {0, 1}
    input = x_t - x_{t-1}            (a difference frame: it shows which way the ball moves)
    h = relu(W1 @ input)             W1 (H, 6400)
    p = sigmoid(W2 @ h)              W2 (H,); p = probability of moving UP
    action = UP with probability p, else DOWN

REINFORCE: after each episode, every step's log-probability gradient d log pi(a|s) / d logit
= y - p (y = 1 for UP) is weighted by the discounted return from that step, where the sum
*restarts at every point scored* (a rally's outcome says nothing about the next rally), then
standardised. Gradients of `batch_size` episodes are summed and applied with RMSProp (ascent).

Each episode i starts from env.reset(seed=seed * 1_000_003 + i), so a checkpoint taken between
episodes (weights, RMSProp cache, gradient buffer, the action sampler's state, counters) is all a
resume needs to continue exactly. The original needed about 8,000 episodes (several nights on a
laptop CPU) to draw level with the built-in player; with a learning rate of 1e-3 (the original's is
1e-4) ldl's run got there after 1,136 games, 1.4 hours on one core (docs/rl.md).
`ldl run deep-rl.pong-numpy` trains 10,000 games, checkpointing, and resumes where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ldl.rl.envs import make_env
from ldl.rl.returns import discount_cumsum
from ldl.tracking import GracefulInterrupt, Progress, start_run

UP, DOWN = 2, 3  # ALE Pong's actions


@dataclass
class Config:
    """Hyperparameters of Karpathy's Pong agent."""

    RESUME_MAY_CHANGE: ClassVar[tuple[str, ...]] = ("num_episodes",)
    """`ldl run deep-rl.pong-numpy --resume RUN --set num_episodes=20000` trains a run on."""

    seed: int = 0
    """Seeds the weights, the action sampling and every episode's start."""
    num_episodes: int = 10_000
    """Episodes (games to 21 points) to train for; the running mean passed 0 after 1,136 (docs/rl.md)."""
    hidden_size: int = 200
    """Hidden units."""
    batch_size: int = 10
    """Episodes per parameter update."""
    lr: float = 1e-3
    """RMSProp learning rate."""
    gamma: float = 0.99
    """Discount factor for rewards (the sum restarts at each point)."""
    decay_rate: float = 0.99
    """RMSProp's decay of the squared-gradient average."""
    max_episode_steps: int | None = None
    """Cut episodes after this many agent steps (None: play whole games)."""
    checkpoint_every: int = 10
    """Episodes between checkpoints (also at the end and on Ctrl-C)."""
    eval_episodes: int = 10
    """Whole games played at the end by the trained policy (sampling, as it trained), fresh seeds."""
    record_video: bool = True
    """Save a GIF of the trained agent playing (plots/agent.gif)."""
    fast: bool = False
    """A quick check: 4 episodes of at most 200 steps, batches of 2."""


@dataclass
class Result:
    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def preprocess(frame: np.ndarray) -> np.ndarray:
    """(210, 160, 3) uint8 -> (6400,) float32 of 0/1: crop the score and borders, keep every second
    pixel of the red channel, erase the two background colours, set paddles and ball to 1."""
    image = frame[35:195:2, ::2, 0].astype(np.float32)  # (80, 80)
    image[(image == 144) | (image == 109)] = 0.0
    image[image != 0] = 1.0
    return image.ravel()


def init_model(hidden_size: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Xavier-scaled weights: W1 (H, 6400), W2 (H,)."""
    return {
        "W1": (rng.standard_normal((hidden_size, 6400)) / np.sqrt(6400)).astype(np.float64),
        "W2": rng.standard_normal(hidden_size) / np.sqrt(hidden_size),
    }


def policy_forward(model, x: np.ndarray) -> tuple[float, np.ndarray]:
    """Probability of UP, and the hidden activations (H,) kept for the backward pass."""
    h = np.maximum(model["W1"] @ x, 0.0)  # (H,)
    logit = model["W2"] @ h
    return float(1.0 / (1.0 + np.exp(-logit))), h


def policy_backward(model, xs: np.ndarray, hs: np.ndarray, dlogits: np.ndarray) -> dict[str, np.ndarray]:
    """Gradients for one episode: xs (T, 6400), hs (T, H), dlogits (T,) (already weighted)."""
    dW2 = hs.T @ dlogits  # (H,)
    dh = np.outer(dlogits, model["W2"])  # (T, H)
    dh[hs <= 0] = 0.0  # ReLU
    return {"W1": dh.T @ xs, "W2": dW2}  # (H, 6400), (H,)


def point_returns(rewards: np.ndarray, gamma: float) -> np.ndarray:
    """Discounted returns that restart after every nonzero reward (each point ends a rally)."""
    return discount_cumsum(rewards, gamma, dones=rewards != 0)


class KarpathyPlayer:
    """The trained policy as a player for whole games: `player(frame) -> UP or DOWN`.

    It remembers the previous frame (its input is the difference of the two), so `reset()` it at
    each game's start (`ldl.rl.evaluate.run_episodes` and `record_gif` do). It samples its action as
    in training, or with `greedy=True` plays UP whenever P(UP) > 0.5."""

    def __init__(
        self, model: dict[str, np.ndarray], rng: np.random.Generator | None = None, greedy: bool = False
    ):
        self.model, self.rng, self.greedy = model, rng or np.random.default_rng(0), greedy
        self.reset()

    def reset(self) -> None:
        self.previous = np.zeros(6400, dtype=np.float32)

    def __call__(self, frame: np.ndarray) -> int:
        current = preprocess(frame)
        x, self.previous = current - self.previous, current
        p, _ = policy_forward(self.model, x)
        up = p > 0.5 if self.greedy else self.rng.random() < p
        return UP if up else DOWN


def play_episode(env, model, rng, seed: int, max_steps: int | None):
    """One game; returns (xs, hs, dlogps, rewards) of every step."""
    frame, _ = env.reset(seed=seed)
    previous = np.zeros(6400, dtype=np.float32)
    xs, hs, dlogps, rewards = [], [], [], []
    done = False
    while not done:
        current = preprocess(frame)
        x, previous = current - previous, current  # the difference frame
        p, h = policy_forward(model, x)
        up = rng.random() < p
        frame, reward, terminated, truncated, _ = env.step(UP if up else DOWN)
        xs.append(x)
        hs.append(h)
        dlogps.append(float(up) - p)  # d log pi(action) / d logit
        rewards.append(reward)
        done = terminated or truncated or (max_steps is not None and len(rewards) >= max_steps)
    return np.array(xs), np.array(hs), np.array(dlogps), np.array(rewards, dtype=np.float64)


def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Result:
    """Train the Pong agent; with `resume` (True, a run id or a path), continue that run exactly."""
    num_episodes = 4 if config.fast else config.num_episodes
    batch_size = 2 if config.fast else config.batch_size
    max_steps = 200 if config.fast else config.max_episode_steps
    run = start_run("deep-rl", "pong-numpy", config, root=root, resume=resume)
    rng = np.random.default_rng(config.seed)
    model = init_model(config.hidden_size, rng)
    cache = {k: np.zeros_like(v) for k, v in model.items()}  # RMSProp's running mean of g^2
    gradients = {k: np.zeros_like(v) for k, v in model.items()}  # summed over the batch
    episode, running_reward, seconds = 0, None, 0.0
    if run.resumed:
        state = run.resumed.state
        model, cache, gradients = state["model"], state["cache"], state["gradients"]
        rng.bit_generator.state = state["rng"]
        episode, running_reward, seconds = state["episode"], state["running_reward"], state["seconds"]

    def save() -> None:
        state = {"model": model, "cache": cache, "gradients": gradients, "rng": rng.bit_generator.state,
                 "episode": episode, "running_reward": running_reward, "seconds": seconds}  # fmt: skip
        run.checkpoints.save(state, episode)

    env = make_env("ALE/Pong-v5")
    started = time.perf_counter() - seconds
    with GracefulInterrupt() as interrupt:
        while episode < num_episodes:
            xs, hs, dlogps, rewards = play_episode(
                env, model, rng, config.seed * 1_000_003 + episode, max_steps
            )
            advantages = point_returns(rewards, config.gamma)
            advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
            for key, grad in policy_backward(model, xs, hs, dlogps * advantages).items():
                gradients[key] += grad
            episode += 1
            if episode % batch_size == 0:  # RMSProp step, gradient *ascent* on the expected return
                for key in model:
                    cache[key] = (
                        config.decay_rate * cache[key] + (1 - config.decay_rate) * gradients[key] ** 2
                    )
                    model[key] += config.lr * gradients[key] / (np.sqrt(cache[key]) + 1e-5)
                    gradients[key] = np.zeros_like(model[key])
            score = float(rewards.sum())
            running_reward = score if running_reward is None else 0.99 * running_reward + 0.01 * score
            seconds = time.perf_counter() - started
            run.log(step=episode, episode_return=score, running_return=running_reward, steps=len(rewards),
                    seconds=seconds)  # fmt: skip
            if progress:
                progress(Progress(episode, num_episodes, episode, {"running_return": running_reward}))
            if episode % config.checkpoint_every == 0 or interrupt.requested or episode == num_episodes:
                save()
            if interrupt.requested:
                run.close("interrupted")
                return Result({"running_return": running_reward}, run.dir, interrupted=True)
    summary = {"running_return": running_reward, "episodes": episode, "seconds": seconds}
    summary.update(_evaluate(run, config, model))
    run.plot_metrics()
    run.finish(**summary)
    return Result(summary, run.dir)


def _evaluate(run, config: Config, model) -> dict[str, float]:
    """Whole games by the trained policy on fresh seeds (10,000 onwards), and a GIF of one."""
    from ldl.rl.evaluate import iqm, record_gif, run_episodes

    games, max_steps = (1, 200) if config.fast else (config.eval_episodes, config.max_episode_steps)
    player = KarpathyPlayer(model, np.random.default_rng(config.seed + 10_000))
    if config.record_video:
        env = make_env("ALE/Pong-v5", render_mode="rgb_array")
        length = 30 if config.fast else min(2_000, max_steps or 2_000)
        record_gif(env, player, run.dir / "plots" / "agent.gif", seed=10_000 + config.seed, max_steps=length)
    if games < 1:
        return {}
    returns = run_episodes(make_env("ALE/Pong-v5"), player, games, 10_000 + config.seed, max_steps=max_steps)
    return {"eval_mean_return": float(np.mean(returns)), "eval_iqm_return": iqm(returns), "eval_games": games}
