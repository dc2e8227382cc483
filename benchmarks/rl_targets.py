"""Measure the issue's RL targets: planning optimum and time, and DQN / PPO on CartPole-v1:
wall-clock seconds until the mean return of the last 20 episodes reaches 475, per seed, one thread.

    python benchmarks/rl_targets.py [--algorithms dqn ppo] [--seeds 0 1 2 3 4] [--out results.json]

Each run stops as soon as it reaches the target. `seconds` is the wall time to that point (environment
steps, updates, logging; not the final evaluation); `cpu_seconds_incl_eval` is this process's CPU
time for the whole call, which is the fairer figure on a shared, loaded machine. Runs go to a
temporary folder. Prints one JSON line per run, then one summary line per algorithm: how many seeds
reached 475, and how many within 60 s (wall, and CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("LDL_TENSORBOARD", "0")


def planning() -> dict:
    import gymnasium as gym

    from ldl.rl.tabular import TabularModel, finite_horizon, start_value, value_iteration

    out = {}
    for env_id, horizon in (("FrozenLake-v1", 100), ("Taxi-v4", None), ("CliffWalking-v1", None)):
        started = time.perf_counter()
        model = TabularModel.from_env(gym.make(env_id))
        if horizon:
            value = start_value(model, finite_horizon(model, horizon)[0][horizon])
        else:
            value = start_value(model, value_iteration(model, gamma=1.0)[0])
        out[env_id] = {"optimum": round(value, 4), "seconds": round(time.perf_counter() - started, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--algorithms", nargs="+", default=["dqn", "ppo"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    results = {"planning": planning(), "runs": [], "load_average": os.getloadavg()}
    print(json.dumps(results["planning"]), flush=True)
    from ldl.rl import dqn, ppo

    modules = {"dqn": dqn, "ppo": ppo}
    with tempfile.TemporaryDirectory() as root:
        for name in args.algorithms:
            for seed in args.seeds:
                config = modules[name].Config(seed=seed, record_video=False, eval_episodes=1)
                cpu_started = time.process_time()
                result = modules[name].train(config, root=root)
                cpu = time.process_time() - cpu_started
                row = {"algorithm": name, "seed": seed, "reached": result.metrics["mean_return_20"] >= 475,
                       "seconds": round(result.metrics["seconds"], 1),
                       "cpu_seconds_incl_eval": round(cpu, 1), "steps": result.metrics["steps"],
                       "load_average": os.getloadavg()[0]}  # fmt: skip
                results["runs"].append(row)
                print(json.dumps(row), flush=True)
    for name in args.algorithms:  # the form: "475 in k of n seeds within 60 s on one core"
        rows = [row for row in results["runs"] if row["algorithm"] == name]
        reached = [row for row in rows if row["reached"]]
        summary = {
            "algorithm": name,
            "seeds": len(rows),
            "seeds_reached": len(reached),
            "reached_within_60_s_wall": sum(row["seconds"] <= 60 for row in reached),
            "reached_within_60_cpu_s": sum(row["cpu_seconds_incl_eval"] <= 60 for row in reached),
        }
        results.setdefault("summary", []).append(summary)
        print(json.dumps(summary), flush=True)
    if args.out:
        with open(args.out, "w") as file:
            json.dump(results, file, indent=1)


if __name__ == "__main__":
    main()
