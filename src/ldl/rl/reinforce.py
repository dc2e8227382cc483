"""REINFORCE with a learned baseline (Williams, 1992; Sutton & Barto, section 13.4), CartPole by default.

    play `episodes_per_update` whole episodes with the current policy -> for every step:
      G_t = r_t + gamma r_{t+1} + ...                  (the return that followed)
      policy loss = -mean(log pi(a_t | s_t) * (G_t - V(s_t)))    (the baseline V cuts the variance)
      value loss  = mean((G_t - V(s_t))^2)

A Monte Carlo return needs the episode's end. When the time limit cuts an episode (truncation)
the rest of the return is unknown, not zero: `episode_returns` completes it with
gamma^(T - t) V(s_T), the critic's estimate at the final observation.

Exact resume: checkpoints are taken between updates, and every episode starts from
env.reset(seed=...) with a seed derived from (seed, episode number), so the network, the
optimizer, the counters and the random generators are all a resume needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ldl.rl.envs import make_env
from ldl.rl.returns import discount_cumsum
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
    """Hyperparameters of REINFORCE with a baseline."""

    env_id: str = "CartPole-v1"
    """Gymnasium id of an environment with a vector observation and discrete actions."""
    seed: int = 0
    """Seeds the networks, the action sampling and each episode's start."""
    num_episodes: int = 1_000
    """Episodes to train for."""
    episodes_per_update: int = 4
    """Episodes per gradient step."""
    lr: float = 3e-3
    """Adam learning rate (policy and value networks)."""
    gamma: float = 0.99
    """Discount factor."""
    vf_coef: float = 0.5
    """Weight of the value loss."""
    hidden_size: int = 64
    """Width of the hidden layer of each network."""
    target_return: float | None = 475.0
    """Stop early once the mean return of the last 20 episodes reaches this (None: never)."""
    checkpoint_every: int = 25
    """Updates between checkpoints (also at the end and on Ctrl-C)."""
    fast: bool = False
    """A quick check: 8 episodes."""


@dataclass
class Result:
    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def make_networks(obs_size: int, num_actions: int, hidden_size: int):
    """Policy (B, obs) -> logits (B, A) and value (B, obs) -> (B, 1), one hidden tanh layer each."""
    from torch import nn

    policy = nn.Sequential(nn.Linear(obs_size, hidden_size), nn.Tanh(), nn.Linear(hidden_size, num_actions))
    value = nn.Sequential(nn.Linear(obs_size, hidden_size), nn.Tanh(), nn.Linear(hidden_size, 1))
    return policy, value


def episode_returns(rewards: np.ndarray, gamma: float, truncated: bool, final_value: float) -> np.ndarray:
    """G_t for one episode (T,). A truncated episode's return continues past the cut as
    gamma^(T - t) * V(s_T): adding gamma * V(s_T) to the last reward does exactly that."""
    rewards = np.asarray(rewards, dtype=np.float64).copy()
    if truncated:
        rewards[-1] += gamma * final_value
    return discount_cumsum(rewards, gamma)


def play_episode(env, policy, value, seed: int, gamma: float):
    """One episode; returns (observations (T, obs), actions (T,), returns G (T,), total reward)."""
    import torch

    obs, _ = env.reset(seed=seed)
    observations, actions, rewards = [], [], []
    terminated = truncated = False
    while not (terminated or truncated):
        with torch.no_grad():
            logits = policy(torch.as_tensor(obs, dtype=torch.float32))
        action = int(torch.distributions.Categorical(logits=logits).sample())
        observations.append(obs)
        actions.append(action)
        obs, reward, terminated, truncated, _ = env.step(action)
        rewards.append(float(reward))
    with torch.no_grad():
        final_value = float(value(torch.as_tensor(obs, dtype=torch.float32)))
    returns = episode_returns(np.array(rewards), gamma, truncated and not terminated, final_value)
    return np.array(observations, dtype=np.float32), np.array(actions), returns, float(sum(rewards))


@restores_torch_threads
def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Result:
    """Train REINFORCE with a baseline; `resume` continues a run exactly."""
    import torch

    torch.set_num_threads(1)
    num_episodes = 8 if config.fast else config.num_episodes
    run = start_run("deep-rl", "reinforce", config, root=root, resume=resume)
    seed_everything(config.seed)
    env = make_env(config.env_id)
    obs_size, num_actions = int(np.prod(env.observation_space.shape)), int(env.action_space.n)
    policy, value = make_networks(obs_size, num_actions, config.hidden_size)
    optimizer = torch.optim.Adam([*policy.parameters(), *value.parameters()], lr=config.lr)
    episode, recent, seconds = 0, [], 0.0
    if run.resumed:
        state = run.resumed.state
        policy.load_state_dict(state["policy"])
        value.load_state_dict(state["value"])
        optimizer.load_state_dict(state["optimizer"])
        episode, recent, seconds = state["episode"], list(state["recent"]), state["seconds"]
        restore_rng_state(state["rng"])

    def save() -> None:
        state = {"policy": policy.state_dict(), "value": value.state_dict(),
                 "optimizer": optimizer.state_dict(), "episode": episode, "recent": recent,
                 "seconds": seconds, "rng": rng_state()}  # fmt: skip
        run.checkpoints.save(state, episode)

    started, updates = time.perf_counter() - seconds, 0
    with GracefulInterrupt() as interrupt:
        while episode < num_episodes:
            batch = [play_episode(env, policy, value, config.seed * 1_000_003 + episode + i, config.gamma)
                     for i in range(config.episodes_per_update)]  # fmt: skip
            episode += len(batch)
            obs = torch.as_tensor(np.concatenate([b[0] for b in batch]))  # (sum T, obs)
            actions = torch.as_tensor(np.concatenate([b[1] for b in batch]))  # (sum T,)
            returns = torch.as_tensor(np.concatenate([b[2] for b in batch]), dtype=torch.float32)
            values = value(obs).squeeze(-1)
            log_probs = torch.distributions.Categorical(logits=policy(obs)).log_prob(actions)
            policy_loss = -(log_probs * (returns - values).detach()).mean()
            value_loss = ((returns - values) ** 2).mean()
            optimizer.zero_grad()
            (policy_loss + config.vf_coef * value_loss).backward()
            optimizer.step()
            updates += 1
            recent = (recent + [b[3] for b in batch])[-20:]
            seconds = time.perf_counter() - started
            mean_20 = float(np.mean(recent))
            run.log(step=episode, mean_return_20=mean_20, policy_loss=policy_loss.item(),
                    value_loss=value_loss.item(), seconds=seconds)  # fmt: skip
            if progress:
                progress(Progress(episode, num_episodes, episode, {"return": mean_20}))
            solved = (
                config.target_return is not None and len(recent) == 20 and mean_20 >= config.target_return
            )
            if (
                updates % config.checkpoint_every == 0
                or interrupt.requested
                or solved
                or episode >= num_episodes
            ):
                save()
            if interrupt.requested:
                run.close("interrupted")
                return Result({"mean_return_20": mean_20}, run.dir, interrupted=True)
            if solved:
                break
    run.plot_metrics()
    summary = {"mean_return_20": float(np.mean(recent)), "episodes": episode, "seconds": seconds}
    run.finish(**summary)
    return Result(summary, run.dir)
