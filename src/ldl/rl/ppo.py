"""PPO (Schulman et al., 2017) with a clipped surrogate, GAE, value clipping, an entropy bonus,
advantage normalisation, gradient clipping and learning-rate annealing; CartPole by default.

    Config -> N vector envs, actor-critic network -> loop over iterations:
      collect T steps of N envs (RolloutStorage) -> GAE advantages -> for `update_epochs` epochs,
      for each minibatch: ratio = pi_new(a|s) / pi_old(a|s)
        policy loss  = -mean(min(ratio * A, clip(ratio, 1 - eps, 1 + eps) * A))
        value loss   = 0.5 * mean(max((V - R)^2, (V_old + clip(V - V_old, -eps, eps) - R)^2))
        loss         = policy loss + vf_coef * value loss - ent_coef * entropy

Gymnasium 1.x autoreset (NEXT_STEP): after an episode ends at step t, step t + 1 is a reset step
(action ignored, reward 0). It is marked invalid and left out of every loss, and its observation,
the episode's final one, gives V(s_final), which GAE bootstraps from when the episode was
*truncated* (see ldl.rl.returns.gae).

Exact resume: checkpoints are taken between iterations and hold the network, the optimizer, the
vector env's state (`env_snapshot`, pure-Python envs such as CartPole), the current observations
and every random generator. Box2D envs (LunarLander) resume with fresh episodes instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ldl.rl.buffers import RolloutStorage
from ldl.rl.envs import env_snapshot, make_vector_env, restore_env_snapshot, snapshot_supported
from ldl.rl.returns import gae
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
    """Hyperparameters of PPO. The defaults are tuned for CartPole-v1 on one CPU core: many short
    rollouts, each reused for 20 full-batch epochs, a short GAE horizon (the RL Zoo's settings for
    CartPole), no value clipping and no entropy bonus (docs/rl.md has the measurements)."""

    env_id: str = "CartPole-v1"
    """Gymnasium id of an environment with a vector observation and discrete actions."""
    seed: int = 0
    """Seeds the network, the action sampling, the minibatch order and the environments."""
    total_steps: int = 100_000
    """Environment steps (summed over the parallel environments) to train for."""
    num_envs: int = 8
    """Parallel environments (gymnasium SyncVectorEnv)."""
    num_steps: int = 32
    """Steps per environment in each rollout; a rollout holds num_envs * num_steps transitions."""
    lr: float = 1e-3
    """Adam learning rate at the start."""
    anneal_lr: bool = True
    """Decrease the learning rate linearly to 0 over the run."""
    gamma: float = 0.98
    """Discount factor."""
    gae_lambda: float = 0.8
    """GAE's lambda: 0 is one-step TD advantages, 1 is Monte Carlo."""
    update_epochs: int = 20
    """Passes over each rollout."""
    num_minibatches: int = 1
    """Minibatches per pass."""
    clip_coef: float = 0.2
    """Clipping range eps of the probability ratio (and of the value change)."""
    clip_value: bool = False
    """Clip the value function update as well (on CartPole it slowed learning: docs/rl.md)."""
    ent_coef: float = 0.0
    """Weight of the entropy bonus (keeps the policy exploring)."""
    vf_coef: float = 0.5
    """Weight of the value loss."""
    max_grad_norm: float = 0.5
    """Clip the gradient norm to this."""
    normalize_advantages: bool = True
    """Normalise advantages to mean 0, std 1 in each minibatch."""
    hidden_size: int = 64
    """Width of the two tanh hidden layers of the actor and of the critic."""
    target_return: float | None = 475.0
    """Stop early once the mean return of the last 20 episodes reaches this (None: never)."""
    checkpoint_every: int = 10
    """Iterations between checkpoints (also saved at the end and on Ctrl-C)."""
    eval_episodes: int = 10
    """Greedy evaluation episodes at the end (seeded)."""
    record_video: bool = True
    """Save a GIF of the trained agent playing one episode (plots/agent.gif)."""
    threads: int = 1
    """Torch threads for the network (0: one per core). One suits small MLPs and keeps benchmarks
    pinned; a convolutional network on pixels (the Atari configs) gains from every core."""
    fast: bool = False
    """Shrink the run for a quick check (4 iterations of at most 64 steps per env, same code path)."""


@dataclass
class Result:
    """What `train` returns."""

    metrics: dict[str, float]
    run_dir: Path
    interrupted: bool = False


def make_agent(obs_size: int, num_actions: int, hidden_size: int):
    """An actor (observation -> action logits) and a critic (observation -> V), separate MLPs with
    orthogonal initialisation (small for the policy head, so the first policy is near uniform)."""
    import torch
    from torch import nn

    def layer(n_in, n_out, gain=np.sqrt(2)):
        linear = nn.Linear(n_in, n_out)
        nn.init.orthogonal_(linear.weight, gain)
        nn.init.zeros_(linear.bias)
        return linear

    class Agent(nn.Module):
        def __init__(self):
            super().__init__()
            self.actor = nn.Sequential(
                layer(obs_size, hidden_size), nn.Tanh(), layer(hidden_size, hidden_size), nn.Tanh(),
                layer(hidden_size, num_actions, gain=0.01),
            )  # fmt: skip
            self.critic = nn.Sequential(
                layer(obs_size, hidden_size), nn.Tanh(), layer(hidden_size, hidden_size), nn.Tanh(),
                layer(hidden_size, 1, gain=1.0),
            )  # fmt: skip

        def value(self, obs):  # (B, obs_size) -> (B,)
            return self.critic(obs).squeeze(-1)

        def policy(self, obs):
            # validate_args=False: skip the argument checks torch would run at every step
            return torch.distributions.Categorical(logits=self.actor(obs), validate_args=False)

        def policy_and_value(self, obs):  # what the rollout and the update call
            return self.policy(obs), self.value(obs)

    return Agent()


def collect_rollout(
    envs, agent, storage: RolloutStorage, obs: np.ndarray, autoreset: np.ndarray, stats: dict
):
    """Fill `storage` with num_steps steps of every env; returns (obs, autoreset) to continue from.

    `autoreset[i]` is True when env i's next step is a reset step (its previous step ended an
    episode); such steps are stored with valid=False. `stats` gathers finished episode returns."""
    import torch

    for t in range(storage.num_steps):
        storage.observations[t] = obs
        storage.valid[t] = ~autoreset
        with torch.no_grad():
            x = torch.as_tensor(obs, dtype=torch.float32)
            dist, value = agent.policy_and_value(x)
            action = dist.sample()
            storage.values[t] = value.numpy()
            storage.log_probs[t] = dist.log_prob(action).numpy()
        storage.actions[t] = action.numpy()
        obs, reward, terminated, truncated, _ = envs.step(action.numpy())
        storage.rewards[t], storage.terminated[t], storage.truncated[t] = reward, terminated, truncated
        stats["running"] = np.where(autoreset, 0.0, stats["running"] + reward)
        for i in np.flatnonzero(terminated | truncated):
            stats["returns"].append(float(stats["running"][i]))
        autoreset = terminated | truncated
    return obs, autoreset


def advantages_of(storage: RolloutStorage, agent, obs: np.ndarray, gamma: float, lam: float):
    """GAE over the rollout; returns (advantages, returns), each (T, N).

    next_values[t] = V(observation returned by step t): storage.values[t + 1] inside the rollout,
    V(obs) after it. A reset step (valid=False) contributes nothing: the step before it ended an
    episode, which cuts the GAE recursion there."""
    import torch

    with torch.no_grad():
        last_value = agent.value(torch.as_tensor(obs, dtype=torch.float32)).numpy()
    next_values = storage.next_values(last_value)
    # a reset step's own "transition" (final obs -> first obs of the next episode) is not real:
    # zero its terms so that nothing leaks, it is masked out of the loss anyway
    rewards = np.where(storage.valid, storage.rewards, 0.0)
    return gae(rewards, storage.values, next_values, storage.terminated, storage.truncated, gamma, lam)


def ppo_update(agent, optimizer, storage: RolloutStorage, advantages, returns, config: Config, rng) -> dict:
    """`update_epochs` passes of minibatch PPO over the valid steps of one rollout."""
    import torch

    valid = storage.valid.reshape(-1)  # (T * N,)
    flat = {
        "obs": torch.as_tensor(
            storage.observations.reshape(-1, *storage.obs_shape)[valid], dtype=torch.float32
        ),
        "actions": torch.as_tensor(storage.actions.reshape(-1)[valid]),
        "log_probs": torch.as_tensor(storage.log_probs.reshape(-1)[valid]),
        "advantages": torch.as_tensor(advantages.reshape(-1)[valid], dtype=torch.float32),
        "returns": torch.as_tensor(returns.reshape(-1)[valid], dtype=torch.float32),
        "values": torch.as_tensor(storage.values.reshape(-1)[valid]),
    }
    size = len(flat["actions"])  # varies: autoreset steps are left out
    stats: dict[str, list[float]] = {"policy_loss": [], "value_loss": [], "entropy": [], "clip_fraction": [],
                                     "approx_kl": []}  # fmt: skip
    for _ in range(config.update_epochs):
        # exactly num_minibatches near-equal parts (never a stray minibatch of a few steps at the end)
        for part in np.array_split(rng.permutation(size), min(config.num_minibatches, size)):
            index = torch.as_tensor(part)
            mb = {k: v[index] for k, v in flat.items()}
            dist, value = agent.policy_and_value(mb["obs"])  # one pass through a shared trunk
            log_ratio = dist.log_prob(mb["actions"]) - mb["log_probs"]
            ratio = torch.exp(log_ratio)  # pi_new / pi_old, (B,)
            adv = mb["advantages"]
            if config.normalize_advantages and len(adv) > 1:
                adv = (adv - adv.mean()) / (adv.std() + 1e-8)
            clipped = torch.clamp(ratio, 1 - config.clip_coef, 1 + config.clip_coef)
            policy_loss = -torch.min(ratio * adv, clipped * adv).mean()
            value_loss = (value - mb["returns"]) ** 2
            if config.clip_value:
                value_clipped = mb["values"] + torch.clamp(
                    value - mb["values"], -config.clip_coef, config.clip_coef
                )
                value_loss = torch.max(value_loss, (value_clipped - mb["returns"]) ** 2)
            value_loss = 0.5 * value_loss.mean()
            entropy = dist.entropy().mean()
            loss = policy_loss + config.vf_coef * value_loss - config.ent_coef * entropy
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(agent.parameters(), config.max_grad_norm)
            optimizer.step()
            with torch.no_grad():  # diagnostics, averaged over every minibatch of every epoch
                stats["policy_loss"].append(policy_loss.item())
                stats["value_loss"].append(value_loss.item())
                stats["entropy"].append(entropy.item())
                stats["clip_fraction"].append(((ratio - 1).abs() > config.clip_coef).float().mean().item())
                stats["approx_kl"].append(((ratio - 1) - log_ratio).mean().item())  # Schulman's k3
    return {name: float(np.mean(values)) for name, values in stats.items()}


def fast_config(config: Config) -> Config:
    """--fast runs 4 iterations of rollouts of at most 64 steps per env in at most 4 minibatches:
    seconds even for LunarLander's 16 x 1,024-step rollouts, on the same code path."""
    return replace(
        config, num_steps=min(config.num_steps, 64), num_minibatches=min(config.num_minibatches, 4)
    )


@restores_torch_threads
def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
    run_name: str = "ppo",
) -> Result:
    """Train PPO; with `resume` (True, a run id or a path), continue that run exactly.

    `run_name` names the run's folder (A2C, PPO's one-epoch special case, passes "a2c")."""
    import torch

    torch.set_num_threads(config.threads or os.cpu_count() or 1)
    if config.fast:
        config = fast_config(config)
    total_steps = 4 * config.num_envs * config.num_steps if config.fast else config.total_steps
    num_iterations = max(1, total_steps // (config.num_envs * config.num_steps))
    run = start_run("deep-rl", run_name, config, root=root, resume=resume)
    seed_everything(config.seed)
    envs, agent = _make_envs_and_agent(config)
    obs_shape = envs.single_observation_space.shape
    optimizer = torch.optim.Adam(agent.parameters(), lr=config.lr, eps=1e-5)
    storage = RolloutStorage(
        config.num_steps, config.num_envs, obs_shape, envs.single_observation_space.dtype
    )
    rng = np.random.default_rng(config.seed)  # minibatch order
    obs, _ = envs.reset(seed=config.seed)
    autoreset = np.zeros(config.num_envs, dtype=bool)
    stats = {"running": np.zeros(config.num_envs), "returns": []}
    iteration, seconds = 0, 0.0

    if run.resumed:
        state = run.resumed.state
        agent.load_state_dict(state["agent"])
        optimizer.load_state_dict(state["optimizer"])
        rng.bit_generator.state = state["rng_agent"]
        iteration, seconds = state["iteration"], state["seconds"]
        stats = {"running": state["running"], "returns": list(state["returns"])}
        if state["env"]:  # pure-Python envs: the very episodes continue
            restore_env_snapshot(envs, state["env"])
            obs, autoreset = state["obs"], state["autoreset"]
        else:  # Box2D, the ALE: their state lived in C, so fresh episodes, seeded by the iteration
            obs, _ = envs.reset(seed=config.seed + 1_000 * iteration)
            autoreset, stats["running"] = np.zeros(config.num_envs, dtype=bool), np.zeros(config.num_envs)
        restore_rng_state(state["rng"])

    exact = snapshot_supported(envs)

    def save() -> None:
        state = {
            "agent": agent.state_dict(), "optimizer": optimizer.state_dict(),
            "env": env_snapshot(envs) if exact else {},
            "rng_agent": rng.bit_generator.state, "obs": np.asarray(obs), "autoreset": autoreset,
            "iteration": iteration, "seconds": seconds, "running": stats["running"],
            "returns": stats["returns"][-20:], "rng": rng_state(),
        }  # fmt: skip
        run.checkpoints.save(state, iteration * config.num_envs * config.num_steps)

    started, recent = time.perf_counter() - seconds, stats["returns"][-20:]
    with GracefulInterrupt() as interrupt:
        while iteration < num_iterations:
            if config.anneal_lr:
                optimizer.param_groups[0]["lr"] = config.lr * (1.0 - iteration / num_iterations)
            obs, autoreset = collect_rollout(envs, agent, storage, obs, autoreset, stats)
            advantages, returns = advantages_of(storage, agent, obs, config.gamma, config.gae_lambda)
            losses = ppo_update(agent, optimizer, storage, advantages, returns, config, rng)
            iteration += 1
            step = iteration * config.num_envs * config.num_steps
            recent = stats["returns"][-20:]
            seconds = time.perf_counter() - started
            mean_20 = float(np.mean(recent)) if recent else float("nan")
            run.log(
                step=step,
                mean_return_20=mean_20,
                lr=optimizer.param_groups[0]["lr"],
                seconds=seconds,
                **losses,
            )
            if progress:
                progress(
                    Progress(
                        step, num_iterations * config.num_envs * config.num_steps, 0, {"return": mean_20}
                    )
                )
            solved = (
                config.target_return is not None and len(recent) == 20 and mean_20 >= config.target_return
            )
            if (
                iteration % config.checkpoint_every == 0
                or interrupt.requested
                or solved
                or iteration == num_iterations
            ):
                save()
            if interrupt.requested:
                run.close("interrupted")
                return Result({"mean_return_20": mean_20}, run.dir, interrupted=True)
            if solved:
                break
    return _finish(run, config, agent, iteration * config.num_envs * config.num_steps, recent, seconds)


def _make_envs_and_agent(config: Config):
    """Vector envs and the agent: MLPs on vector observations, the Nature CNN on Atari (ppo_atari.py)."""
    from ldl.rl import ppo_atari

    if ppo_atari.is_atari(config.env_id):
        envs = ppo_atari.make_envs(config.env_id, config.num_envs)
        return envs, ppo_atari.make_agent(int(envs.single_action_space.n))
    envs = make_vector_env(config.env_id, config.num_envs)
    obs_size = int(np.prod(envs.single_observation_space.shape))
    return envs, make_agent(obs_size, int(envs.single_action_space.n), config.hidden_size)


def _eval_env(config: Config, render_mode: str | None = None):
    from ldl.rl import ppo_atari
    from ldl.rl.envs import make_env

    if ppo_atari.is_atari(config.env_id):
        return ppo_atari.make_eval_env(config.env_id, render_mode)
    return make_env(config.env_id, render_mode=render_mode)


def _finish(run, config: Config, agent, step: int, recent: list[float], seconds: float) -> Result:
    """Greedy evaluation (most probable action), learning curve, GIF, summary."""
    import torch

    from ldl.rl.evaluate import iqm, record_gif, run_episodes

    def greedy(observation) -> int:
        with torch.no_grad():
            return int(agent.actor(torch.as_tensor(observation, dtype=torch.float32)[None]).argmax())

    episodes, max_steps = (1, 200) if config.fast else (config.eval_episodes, None)
    returns = run_episodes(_eval_env(config), greedy, episodes, 10_000, max_steps=max_steps)
    if config.record_video:
        record_gif(
            _eval_env(config, render_mode="rgb_array"),
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


@dataclass
class LunarLanderConfig(Config):
    """PPO on LunarLander-v3 with the RL Zoo's tuned settings for it: 16 x 1,024-step rollouts cut
    into minibatches of 64, for 2M steps (the zoo's 1M). Measured (seed 0, docs/rl.md): the greedy
    policy averages 208.3 over its 100 evaluation episodes (solved: >= 200) after 2M steps, 194.7
    after 1M; the earlier settings (8 x 256 steps in 4 minibatches) ended at -37 after 1M."""

    env_id: str = "LunarLander-v3"
    """Gymnasium id: land between the flags (solved at a mean return of 200)."""
    total_steps: int = 2_000_000
    """Environment steps (summed over the parallel environments): about 12 minutes of one core."""
    num_envs: int = 16
    """Parallel environments."""
    num_steps: int = 1024
    """Steps per environment in each rollout."""
    lr: float = 3e-4
    """Adam learning rate at the start."""
    gamma: float = 0.999
    """A long horizon: the landing reward comes at the end."""
    gae_lambda: float = 0.98
    """GAE's lambda."""
    update_epochs: int = 4
    """Passes over each rollout."""
    num_minibatches: int = 256
    """Minibatches of 64 steps per pass."""
    clip_value: bool = True
    """Clip the value update too."""
    ent_coef: float = 0.01
    """Weight of the entropy bonus."""
    checkpoint_every: int = 5
    """Iterations (of 16,384 steps) between checkpoints."""
    eval_episodes: int = 100
    """Greedy evaluation episodes at the end: LunarLander counts as solved at a 100-episode mean of 200."""
    target_return: float | None = 200.0
    """Stop early at a mean return of 200 over the last 20 episodes."""
