"""DQN (Mnih et al., 2015) with Double DQN (van Hasselt et al., 2016), on CartPole by default.

    Config -> env, Q-network, target network, replay buffer -> loop:
      act epsilon-greedily -> store (s, a, r, s', terminated) -> every `train_frequency` steps,
      `gradient_steps` times: sample a batch, regress Q(s, a) on
      y = r + gamma * (1 - terminated) * Q_target(s', a*)
      -> copy the online network into the target every `target_update_every` steps

a* = argmax_a Q_target(s', a) for DQN; argmax_a Q_online(s', a) for Double DQN, which curbs the
overestimation that a max over noisy estimates causes. The loss is Huber (smooth L1): squared for
small errors, linear for large ones, so one surprising reward cannot blow up a gradient.

Truncation: when CartPole hits its 500-step limit the pole has *not* fallen; the transition is
stored with terminated=False and its real final observation, so its target still bootstraps.

Exact resume: the checkpoint holds both networks, the optimizer, the replay buffer, the
environment's state (`env_snapshot`), the current observation and every random generator. Envs
whose state lives in C (Box2D, the ALE) cannot be snapshotted: their resume starts a fresh episode.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ldl.rl.buffers import ReplayBuffer
from ldl.rl.envs import env_snapshot, make_env, restore_env_snapshot, snapshot_supported
from ldl.tracking import (
    GracefulInterrupt,
    Progress,
    restore_rng_state,
    restores_torch_threads,
    rng_state,
    seed_everything,
    start_run,
)


@dataclass
class Config:
    """Hyperparameters of DQN (defaults: CartPole-v1, tuned for speed on one CPU core)."""

    env_id: str = "CartPole-v1"
    """Gymnasium id of an environment with a vector observation and discrete actions."""
    seed: int = 0
    """Seeds the network, exploration, replay sampling and the environment."""
    total_steps: int = 100_000
    """Environment steps to train for (the run stops earlier at `target_return`)."""
    lr: float = 1e-3
    """Adam learning rate."""
    gamma: float = 0.99
    """Discount factor."""
    buffer_size: int = 100_000
    """Transitions the replay buffer holds; the oldest are overwritten (100k: every step is kept, so
    the early failures stay in memory and the agent does not forget what falling looks like)."""
    batch_size: int = 64
    """Transitions per gradient step."""
    learning_starts: int = 1_000
    """Steps of pure exploration before the first gradient step."""
    train_frequency: int = 4
    """Environment steps between training phases (4: a quarter of the gradient steps of 1; in the
    runs measured so far it reached 475 where 1 did not, in less CPU time: docs/rl.md)."""
    gradient_steps: int = 1
    """Gradient steps in each training phase (a phase every `train_frequency` steps)."""
    target_update_every: int = 500
    """Steps between copies of the online network into the target network."""
    epsilon_start: float = 1.0
    """Exploration rate at the start."""
    epsilon_end: float = 0.01
    """Exploration rate after the schedule."""
    exploration_fraction: float = 0.1
    """Fraction of total_steps over which epsilon falls linearly from start to end."""
    double: bool = True
    """Double DQN: pick the next action with the online network, value it with the target network."""
    hidden_size: int = 128
    """Width of the two hidden layers of the Q-network."""
    max_grad_norm: float = 10.0
    """Clip the gradient norm to this."""
    target_return: float | None = 475.0
    """Stop early once the mean return of the last 20 episodes reaches this (None: never)."""
    checkpoint_every: int = 10_000
    """Steps between checkpoints (also saved at the end and on Ctrl-C)."""
    eval_episodes: int = 10
    """Greedy evaluation episodes at the end (seeded)."""
    record_video: bool = True
    """Save a GIF of the trained agent playing one episode (plots/agent.gif)."""
    fast: bool = False
    """Shrink the run for a quick check (1,000 steps, same code path)."""


@dataclass
class Result:
    """What `train` returns."""

    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def make_q_network(obs_size: int, num_actions: int, hidden_size: int):
    """observation (B, obs_size) -> Q-values (B, num_actions)."""
    from torch import nn

    return nn.Sequential(
        nn.Linear(obs_size, hidden_size),
        nn.ReLU(),
        nn.Linear(hidden_size, hidden_size),
        nn.ReLU(),
        nn.Linear(hidden_size, num_actions),
    )


def epsilon_at(step: int, config: Config, total_steps: int) -> float:
    """Linear schedule from epsilon_start to epsilon_end over exploration_fraction of the run."""
    progress = min(1.0, step / max(1, config.exploration_fraction * total_steps))
    return config.epsilon_start + progress * (config.epsilon_end - config.epsilon_start)


def td_targets(batch, q_network, target_network, gamma: float, double: bool):
    """y = r + gamma * (1 - terminated) * Q_target(s', a*); a truncated transition has terminated=0,
    so it bootstraps from its final observation s'. Returns (B,) without gradient."""
    import torch

    with torch.no_grad():
        next_q = target_network(batch["next_observations"])  # (B, A)
        if double:
            best = q_network(batch["next_observations"]).argmax(dim=1, keepdim=True)  # (B, 1)
        else:
            best = next_q.argmax(dim=1, keepdim=True)
        next_value = next_q.gather(1, best).squeeze(1)  # (B,)
        return batch["rewards"] + gamma * (1.0 - batch["terminated"]) * next_value


def env_step(env, obs, action: int, buffer: ReplayBuffer):
    """Step the env, store the transition (terminated, not done), reset if the episode ended.

    Returns (observation to act on next, reward, episode ended)."""
    next_obs, reward, terminated, truncated, _ = env.step(action)
    buffer.add(obs, action, reward, next_obs, terminated)  # the real final observation, even at a limit
    if terminated or truncated:
        next_obs, _ = env.reset()
    return next_obs, reward, terminated or truncated


@restores_torch_threads
def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Result:
    """Train DQN; with `resume` (True, a run id or a path), continue that run exactly."""
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)  # small networks: threads cost more than they give, and resumes stay exact
    total_steps = 1_000 if config.fast else config.total_steps
    run = start_run("deep-rl", "dqn", config, root=root, resume=resume)
    seed_everything(config.seed)
    env = make_env(config.env_id)
    obs_size, num_actions = int(np.prod(env.observation_space.shape)), int(env.action_space.n)
    q_network = make_q_network(obs_size, num_actions, config.hidden_size)
    target_network = make_q_network(obs_size, num_actions, config.hidden_size)
    target_network.load_state_dict(q_network.state_dict())
    optimizer = torch.optim.Adam(q_network.parameters(), lr=config.lr, fused=True)  # one kernel per step
    buffer = ReplayBuffer(config.buffer_size, (obs_size,))
    rng = np.random.default_rng(config.seed)  # exploration and replay sampling
    obs, _ = env.reset(seed=config.seed)
    step, episode_return, recent, seconds, loss = 0, 0.0, [], 0.0, float("nan")

    if run.resumed:
        state = run.resumed.state
        q_network.load_state_dict(state["q_network"])
        target_network.load_state_dict(state["target_network"])
        optimizer.load_state_dict(state["optimizer"])
        buffer.load_state_dict(state["buffer"])
        rng.bit_generator.state = state["rng_agent"]
        obs, step, episode_return = state["obs"], state["step"], state["episode_return"]
        if state["env"]:  # pure-Python envs: the very episode continues
            restore_env_snapshot(env, state["env"])
        else:  # Box2D, the ALE: their state lived in C, so a fresh episode, seeded by the step
            (obs, _), episode_return = env.reset(seed=config.seed + step), 0.0
        recent, seconds, loss = list(state["recent"]), state["seconds"], state["loss"]
        restore_rng_state(state["rng"])

    exact = snapshot_supported(env)

    def save() -> None:
        state = {
            "q_network": q_network.state_dict(),
            "target_network": target_network.state_dict(),
            "optimizer": optimizer.state_dict(),
            "buffer": buffer.state_dict(),
            "env": env_snapshot(env) if exact else {},
            "rng_agent": rng.bit_generator.state,
            "obs": np.asarray(obs),
            "step": step,
            "episode_return": episode_return,
            "recent": list(recent),
            "seconds": seconds,
            "loss": loss,
            "rng": rng_state(),
        }
        run.checkpoints.save(state, step)

    def gradient_step(arrays: dict[str, np.ndarray]) -> float:
        """One Adam step on the Huber loss of a sampled batch; returns the loss."""
        batch = {k: torch.from_numpy(v) for k, v in arrays.items()}  # shares memory: no copy
        targets = td_targets(batch, q_network, target_network, config.gamma, config.double)  # (B,)
        q_taken = q_network(batch["observations"]).gather(1, batch["actions"][:, None]).squeeze(1)  # (B,)
        loss_tensor = F.smooth_l1_loss(q_taken, targets)  # Huber loss
        optimizer.zero_grad()
        loss_tensor.backward()
        torch.nn.utils.clip_grad_norm_(q_network.parameters(), config.max_grad_norm)
        optimizer.step()
        return loss_tensor.item()

    started = time.perf_counter() - seconds
    with GracefulInterrupt() as interrupt:
        while step < total_steps:
            epsilon = epsilon_at(step, config, total_steps)
            if rng.random() < epsilon:
                action = int(rng.integers(num_actions))
            else:
                with torch.inference_mode():  # no autograd bookkeeping at all while acting
                    action = int(
                        q_network(torch.from_numpy(np.asarray(obs, dtype=np.float32))[None]).argmax()
                    )
            obs, reward, ended = env_step(env, obs, action, buffer)
            episode_return += float(reward)
            step += 1

            if step > min(config.learning_starts, total_steps // 3) and step % config.train_frequency == 0:
                for _ in range(config.gradient_steps):
                    loss = gradient_step(buffer.sample(config.batch_size, rng))
            if step % config.target_update_every == 0:
                target_network.load_state_dict(q_network.state_dict())

            if ended:
                recent = (recent + [episode_return])[-20:]
                seconds = time.perf_counter() - started
                run.log(step=step, episode_return=episode_return, mean_return_20=float(np.mean(recent)),
                        epsilon=epsilon, loss=loss, seconds=seconds)  # fmt: skip
                episode_return = 0.0
                if progress:
                    progress(Progress(step, total_steps, 0, {"return": float(np.mean(recent))}))
            solved = (
                config.target_return is not None
                and len(recent) == 20
                and np.mean(recent) >= config.target_return
            )
            if step % config.checkpoint_every == 0 or interrupt.requested or step == total_steps or solved:
                seconds = time.perf_counter() - started
                save()
            if interrupt.requested:
                run.close("interrupted")
                return Result({"mean_return_20": float(np.mean(recent or [0]))}, run.dir, interrupted=True)
            if solved:
                break
    return _finish(run, config, q_network, step, recent, time.perf_counter() - started)


def _finish(run, config: Config, q_network, step: int, recent: list[float], seconds: float) -> Result:
    """Greedy evaluation, learning curve, GIF, summary."""
    import torch

    from ldl.rl.evaluate import iqm, record_gif, run_episodes

    def greedy(observation) -> int:
        with torch.no_grad():
            return int(q_network(torch.as_tensor(observation, dtype=torch.float32)[None]).argmax())

    episodes, max_steps = (1, 200) if config.fast else (config.eval_episodes, None)
    returns = run_episodes(
        make_env(config.env_id), greedy, episodes, 10_000 + config.seed, max_steps=max_steps
    )
    if config.record_video:
        record_gif(
            make_env(config.env_id, render_mode="rgb_array"),
            greedy,
            run.dir / "plots" / "agent.gif",
            max_steps=30 if config.fast else None,
        )
    run.plot_metrics()
    summary = {
        "eval_mean_return": float(np.mean(returns)),
        "eval_iqm_return": iqm(returns),
        "mean_return_20": float(np.mean(recent)) if recent else float("nan"),
        "steps": step,
        "seconds": seconds,
    }
    run.finish(**summary)
    return Result(summary, run.dir)
