"""ldl's DQN and PPO against stable-baselines3's, on CartPole-v1, in the same run, same seeds.

    python benchmarks/rl_vs_sb3.py [--algorithms dqn ppo] [--seeds 0 1 2 3 4] [--quick] [--out FILE]

For every (algorithm, seed) it trains ldl's agent (its default Config) and SB3's agent with the RL
Zoo's tuned CartPole-v1 hyperparameters (below), one torch thread each, and records the wall and
CPU seconds from the call until the mean return of the last 20 episodes first reaches 475 (or
"not reached" at the step cap, the library's own budget). Both clocks start before the agent is
built, so setup counts for both; neither includes a final evaluation. Ratios are ldl / SB3: below 1
means ldl got there faster. Without stable-baselines3 the script prints "NOT MEASURED" and exits 0.

`--quick` caps every run at 2,000 steps (the tests run it: it checks the plumbing, not the speed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("LDL_TENSORBOARD", "0")

TARGET = 475.0
WINDOW = 20  # episodes in the moving mean

# The RL Zoo's tuned hyperparameters for CartPole-v1 (rl-baselines3-zoo, hyperparams/dqn.yml and ppo.yml):
# https://github.com/DLR-RM/rl-baselines3-zoo/blob/master/hyperparams/dqn.yml
# https://github.com/DLR-RM/rl-baselines3-zoo/blob/master/hyperparams/ppo.yml
ZOO = {
    "dqn": {
        "n_timesteps": 50_000,
        "learning_rate": 2.3e-3,
        "batch_size": 64,
        "buffer_size": 100_000,
        "learning_starts": 1_000,
        "gamma": 0.99,
        "target_update_interval": 10,
        "train_freq": 256,
        "gradient_steps": 128,
        "exploration_fraction": 0.16,
        "exploration_final_eps": 0.04,
        "policy_kwargs": {"net_arch": [256, 256]},
    },
    "ppo": {
        "n_timesteps": 100_000,
        "n_envs": 8,
        "n_steps": 32,
        "batch_size": 256,
        "gae_lambda": 0.8,
        "gamma": 0.98,
        "n_epochs": 20,
        "ent_coef": 0.0,
        "learning_rate": "lin_0.001",  # linear decay from 1e-3 to 0
        "clip_range": "lin_0.2",
    },
}

QUICK_STEPS = 2_000


class Clock:
    """Wall and CPU time since `start`, frozen at the first `mark`."""

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        self.at: tuple[float, float] | None = None

    def mark(self) -> None:
        if self.at is None:
            self.at = (time.perf_counter() - self.wall0, time.process_time() - self.cpu0)


def run_ldl(algorithm: str, seed: int, quick: bool, root: str) -> dict:
    from ldl.rl import dqn, ppo

    module = {"dqn": dqn, "ppo": ppo}[algorithm]
    overrides = {"total_steps": QUICK_STEPS} if quick else {}
    config = module.Config(seed=seed, target_return=TARGET, record_video=False, eval_episodes=1, **overrides)
    clock, last = Clock(), {}

    def progress(report) -> None:  # called after each episode (DQN) or iteration (PPO)
        last.update(wall=time.perf_counter() - clock.wall0, cpu=time.process_time() - clock.cpu0)

    result = module.train(config, root=root, progress=progress)
    steps, mean = result.metrics["steps"], result.metrics["mean_return_20"]
    if mean < TARGET:  # train() stops as soon as its 20-episode mean reaches the target
        return {"steps": steps, "reached": False, "wall": None, "cpu": None}
    return {"steps": steps, "reached": True, "wall": last["wall"], "cpu": last["cpu"]}


def run_sb3(algorithm: str, seed: int, quick: bool) -> dict:
    import numpy as np
    import torch
    from stable_baselines3 import DQN, PPO
    from stable_baselines3.common.callbacks import BaseCallback
    from stable_baselines3.common.env_util import make_vec_env

    torch.set_num_threads(1)
    settings = dict(ZOO[algorithm])
    budget = QUICK_STEPS if quick else settings.pop("n_timesteps")
    settings.pop("n_timesteps", None)
    clock = Clock()

    class StopAtTarget(BaseCallback):
        def _on_step(self) -> bool:
            episodes = self.model.ep_info_buffer  # the last WINDOW episodes (stats_window_size)
            if len(episodes) == WINDOW and np.mean([e["r"] for e in episodes]) >= TARGET:
                clock.mark()
                return False
            return True

    if algorithm == "ppo":
        env = make_vec_env("CartPole-v1", n_envs=settings.pop("n_envs"), seed=seed)
        for key in ("learning_rate", "clip_range"):
            start = float(settings[key].removeprefix("lin_"))
            settings[key] = lambda remaining, start=start: remaining * start  # remaining: 1 -> 0
        model = PPO("MlpPolicy", env, seed=seed, stats_window_size=WINDOW, device="cpu", **settings)
    else:
        env = make_vec_env("CartPole-v1", n_envs=1, seed=seed)
        model = DQN("MlpPolicy", env, seed=seed, stats_window_size=WINDOW, device="cpu", **settings)
    model.learn(total_timesteps=budget, callback=StopAtTarget())
    reached = clock.at is not None
    wall, cpu = clock.at if reached else (None, None)
    return {"steps": int(model.num_timesteps), "reached": reached, "wall": wall, "cpu": cpu}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def fmt(row: dict) -> str:
    if not row["reached"]:
        return f"not reached ({row['steps']:,} steps)"
    return f"{row['wall']:7.1f} s wall {row['cpu']:7.1f} s CPU ({row['steps']:,} steps)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithms", nargs="+", default=["dqn", "ppo"], choices=["dqn", "ppo"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--quick", action="store_true", help=f"cap every run at {QUICK_STEPS} steps")
    parser.add_argument("--out", default=None, help="also write the rows as JSON here")
    args = parser.parse_args()
    try:
        import stable_baselines3  # noqa: F401
    except ImportError:
        print("NOT MEASURED: stable-baselines3 is not installed: pip install -e .[bench]")
        return
    import torch

    torch.set_num_threads(1)
    load = os.getloadavg()[0]
    print(f"CartPole-v1, time to a {TARGET:g} mean over {WINDOW} episodes; load average {load:.1f}")
    rows = []
    with tempfile.TemporaryDirectory() as root:
        for algorithm in args.algorithms:
            for seed in args.seeds:
                ours, peer = run_ldl(algorithm, seed, args.quick, root), run_sb3(algorithm, seed, args.quick)
                row = {"algorithm": algorithm, "seed": seed, "ldl": ours, "sb3": peer,
                       "wall_ratio": ratio(ours["wall"], peer["wall"]),
                       "cpu_ratio": ratio(ours["cpu"], peer["cpu"]),
                       "load_average": round(os.getloadavg()[0], 1)}  # fmt: skip
                rows.append(row)
                print(f"{algorithm} seed {seed}: ldl {fmt(ours)} | SB3 {fmt(peer)} | "
                      f"ldl/SB3 wall {row['wall_ratio']} CPU {row['cpu_ratio']}", flush=True)  # fmt: skip
    for algorithm in args.algorithms:
        mine = [r for r in rows if r["algorithm"] == algorithm]
        both = [r for r in mine if r["cpu_ratio"] is not None]
        line = f"{algorithm}: reached ldl {sum(r['ldl']['reached'] for r in mine)}/{len(mine)}, "
        line += f"SB3 {sum(r['sb3']['reached'] for r in mine)}/{len(mine)}"
        if both:
            wall = statistics.median(r["wall_ratio"] for r in both)
            cpu = statistics.median(r["cpu_ratio"] for r in both)
            line += f"; median ldl/SB3 over {len(both)} seeds both reached: wall {wall:.2f}, CPU {cpu:.2f}"
        print(line)
    if args.out:
        with open(args.out, "w") as file:
            json.dump(rows, file, indent=1)


if __name__ == "__main__":
    main()
