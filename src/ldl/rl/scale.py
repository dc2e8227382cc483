"""When you outgrow one machine: PPO whose rollouts are gathered by Ray actors.

ppo.py steps its N environments in one process. Here W rollout workers, each a Ray actor (a
process, on this machine or any machine of a Ray cluster), own N / W environments and a copy of the
policy. One iteration:

    learner: weights --ray.put--> every worker
    worker w: load weights -> collect T steps of its N / W envs -> GAE on its own slice
              -> return the RolloutStorage arrays (T, N / W), advantages and returns (T, N / W)
    learner: concatenate along the env axis -> (T, N), the very layout ppo.py builds
             -> ppo.ppo_update (unchanged) -> next iteration

So the algorithm is ppo.py's; only where the environments live changes. Workers are seeded from
(seed, worker index), which makes a run deterministic for a seed and a worker count. Ray is an
optional extra (`pip install -e .[scale]`); start a cluster with `ray start` and Ray connects to it,
or let `train_with_ray` start a local one. RLlib (Ray's own RL library) runs the same algorithm at
larger scale, when you no longer want to read every line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ldl.errors import LdlError
from ldl.rl import ppo
from ldl.rl.buffers import RolloutStorage
from ldl.tracking.seeding import restores_torch_threads

ARRAYS = ("observations", "actions", "log_probs", "rewards", "terminated", "truncated", "values", "valid")


@dataclass
class RayConfig(ppo.Config):
    """PPO's fields (ppo.Config), its environments spread over Ray actors."""

    num_workers: int = 2
    """Rollout workers (Ray actors); each steps num_envs / num_workers environments."""
    ray_address: str | None = None
    """Address of a running Ray cluster ("auto" for the one `ray start` made); None: start a local one."""


class RolloutWorker:
    """Owns a slice of the environments and a copy of the policy; `collect` returns one rollout.

    A plain class, so it can be tried without Ray; `train_with_ray` wraps it with `ray.remote`."""

    def __init__(self, config: ppo.Config, worker_index: int, num_envs: int):
        import torch

        from ldl.rl.envs import make_vector_env

        torch.set_num_threads(1)
        seed = config.seed * 1_000 + worker_index
        self.torch_rng = torch.Generator().manual_seed(seed).get_state()  # this worker's action sampling
        self.config = config
        self.envs = make_vector_env(config.env_id, num_envs)
        obs_size = int(np.prod(self.envs.single_observation_space.shape))
        self.agent = ppo.make_agent(obs_size, int(self.envs.single_action_space.n), config.hidden_size)
        space = self.envs.single_observation_space
        self.storage = RolloutStorage(config.num_steps, num_envs, space.shape, space.dtype)
        self.obs, _ = self.envs.reset(seed=seed)
        self.autoreset = np.zeros(num_envs, dtype=bool)
        self.stats: dict[str, Any] = {"running": np.zeros(num_envs), "returns": []}

    def collect(self, weights: dict) -> dict[str, Any]:
        """Load the learner's weights, step num_steps, return arrays (T, n) and finished returns."""
        import torch

        self.agent.load_state_dict(weights)
        self.stats["returns"] = []
        with torch.random.fork_rng(devices=[]):  # own sampling stream, even beside other workers
            torch.set_rng_state(self.torch_rng)
            self.obs, self.autoreset = ppo.collect_rollout(
                self.envs, self.agent, self.storage, self.obs, self.autoreset, self.stats
            )
            self.torch_rng = torch.get_rng_state()
        advantages, returns = ppo.advantages_of(
            self.storage, self.agent, self.obs, self.config.gamma, self.config.gae_lambda
        )
        out = {name: getattr(self.storage, name).copy() for name in ARRAYS}
        return {**out, "advantages": advantages, "returns": returns, "episode_returns": self.stats["returns"]}


def merge(parts: list[dict[str, Any]], storage: RolloutStorage) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Put the workers' rollouts side by side in `storage` (T, N); returns (advantages, returns, episode
    returns), worker 0's environments first."""
    for name in ARRAYS:
        setattr(storage, name, np.concatenate([part[name] for part in parts], axis=1))  # (T, N)
    advantages = np.concatenate([part["advantages"] for part in parts], axis=1)  # (T, N)
    returns = np.concatenate([part["returns"] for part in parts], axis=1)  # (T, N)
    return advantages, returns, [r for part in parts for r in part["episode_returns"]]


def _ray():
    try:
        import ray
    except ImportError as error:
        raise LdlError(
            "Rollouts on Ray actors need Ray, which is not installed.", hint="pip install -e .[scale]"
        ) from error
    return ray


@restores_torch_threads
def train_with_ray(config: RayConfig, root: str | Path | None = None, progress=None) -> ppo.Result:
    """PPO with ppo.py's update, its rollouts gathered by `num_workers` Ray actors.

    Checkpoints hold the network and the optimizer (a resume restarts the environments, so it is
    not exact: use ppo.train for exact resumes on one machine)."""
    import torch

    from ldl.rl.envs import make_vector_env
    from ldl.tracking import Progress, seed_everything, start_run

    if config.num_envs % config.num_workers:
        raise LdlError(
            f"num_envs ({config.num_envs}) must be a multiple of num_workers ({config.num_workers}).",
            hint="Each worker steps the same number of environments.",
        )
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=config.ray_address, num_cpus=None if config.ray_address else config.num_workers,
                 include_dashboard=False, log_to_driver=False)  # fmt: skip
    torch.set_num_threads(1)
    seed_everything(config.seed)
    run = start_run("deep-rl", "ppo-ray", config, root=root)
    per_worker = config.num_envs // config.num_workers
    remote = ray.remote(num_cpus=1)(RolloutWorker)
    workers = [remote.remote(config, index, per_worker) for index in range(config.num_workers)]
    probe = make_vector_env(config.env_id, 1)
    obs_size = int(np.prod(probe.single_observation_space.shape))
    agent = ppo.make_agent(obs_size, int(probe.single_action_space.n), config.hidden_size)
    optimizer = torch.optim.Adam(agent.parameters(), lr=config.lr, eps=1e-5)
    space = probe.single_observation_space
    storage = RolloutStorage(config.num_steps, config.num_envs, space.shape, space.dtype)
    rng = np.random.default_rng(config.seed)  # minibatch order
    batch = config.num_envs * config.num_steps
    total_steps = 4 * batch if config.fast else config.total_steps
    num_iterations = max(1, total_steps // batch)
    recent: list[float] = []
    started = time.perf_counter()
    for iteration in range(num_iterations):
        if config.anneal_lr:
            optimizer.param_groups[0]["lr"] = config.lr * (1.0 - iteration / num_iterations)
        weights = ray.put({k: v.detach().clone() for k, v in agent.state_dict().items()})
        parts = ray.get([worker.collect.remote(weights) for worker in workers])
        advantages, returns, finished = merge(parts, storage)
        losses = ppo.ppo_update(agent, optimizer, storage, advantages, returns, config, rng)
        recent = (recent + finished)[-20:]
        mean_20 = float(np.mean(recent)) if recent else float("nan")
        step = (iteration + 1) * batch
        run.log(step=step, mean_return_20=mean_20, seconds=time.perf_counter() - started, **losses)
        if progress:
            progress(Progress(step, num_iterations * batch, 0, {"return": mean_20}))
        if config.target_return is not None and len(recent) == 20 and mean_20 >= config.target_return:
            break
    for worker in workers:
        ray.kill(worker)
    run.checkpoints.save({"agent": agent.state_dict(), "optimizer": optimizer.state_dict()}, step)
    return ppo._finish(run, config, agent, step, recent, time.perf_counter() - started)
