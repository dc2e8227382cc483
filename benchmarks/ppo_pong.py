"""Pong from pixels: how fast PPO's iteration is against peers, and what a run reached when.

    python benchmarks/ppo_pong.py speed [--iterations 5] [--threads 1]   steps per second vs peers
    python benchmarks/ppo_pong.py curve --run RUN_DIR [--target 0] [--hours 2] [--plot PNG]
    python benchmarks/ppo_pong.py evaluate --run RUN_DIR [--games 20]     whole games from a checkpoint

`curve` and `evaluate` read the three kinds of Pong runs: `deep-rl.ppo-pong` and `deep-rl.dqn-pong`
(the mean of the last 20 games) and Karpathy's NumPy agent, `deep-rl.pong-numpy` (its running mean,
an exponential average of the game scores with weight 0.01, as in Karpathy's post); the run folder
says which.

`speed` times PPO iterations at `PongConfig`'s settings (8 games x 128 steps, 4 epochs of 4
minibatches of 256, the Nature CNN) on the same ale-py vector env, each peer after one warm-up
iteration, all with the same number of torch threads (1 by default, the house rule for peers):

- `ldl`: `ldl.rl.ppo` as it is (the trunk once for both heads, channels-last weights);
- `ldl-two-pass`: the same code with the policy and the value computed by two calls, in PyTorch's
  default layout (what ldl did before 2026-12-01);
- `sb3`: stable-baselines3's PPO with its `CnnPolicy` (same Nature CNN, shared trunk) and the same
  hyperparameters, on the same vector env behind a small SB3 `VecEnv` adapter. Skipped, with
  "NOT MEASURED", when stable-baselines3 is not installed (`pip install -e .[bench]`).

It prints a JSON line per peer (steps per second) and the ratios ldl / peer (above 1: ldl is faster).

`curve` reads a run's metrics.jsonl: the first moment the mean return (PPO: of the last 20 games;
NumPy agent: the running mean) passes `--target` (wall seconds of training and the run's step:
agent steps, or games for the NumPy agent), the mean at `--hours`, the best and the last; `--plot`
draws the curve against hours of training.

`evaluate` loads the run's newest checkpoint (or `--checkpoint`) and plays `--games` whole games
of Pong (no episodic life, true scores) against the built-in opponent, seeds 10,000 onwards: mean,
interquartile mean, a bootstrap 95% interval, games won. `--policy greedy` (the default) plays the
most probable action; in a deterministic emulator a greedy player can trap the ball in a rally
nobody ever ends (the game then runs to the ALE's 27,000-step limit), so `--policy sample` plays as
the agent trained, sampling from its policy. The NumPy agent plays through `KarpathyPlayer` (greedy:
UP whenever P(UP) > 0.5). DQN's greedy player takes the largest Q-value; its `sample` is
epsilon-greedy with epsilon 0.01, the DQN paper's evaluation (and the run's own at its end).
`--gif PATH` draws the first game again as an animated GIF.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("LDL_TENSORBOARD", "0")


def emit(record: dict) -> None:
    print(json.dumps({**record, "load_average": [round(x, 1) for x in os.getloadavg()]}), flush=True)


# --- speed ---------------------------------------------------------------------------------------


def _two_pass(agent):
    """The peer layout: default (contiguous) memory format, the trunk run once per head."""
    import torch

    agent = agent.to(memory_format=torch.contiguous_format)
    agent.features = lambda obs: agent.trunk(obs / 255.0)
    agent.policy_and_value = lambda obs: (agent.policy(obs), agent.value(obs))
    return agent


def time_ldl(iterations: int, two_pass: bool = False, num_steps: int = 128) -> float:
    """Agent steps per second of ppo.py's loop (rollout, GAE, update) at PongConfig's settings."""
    import numpy as np
    import torch

    from ldl.rl import ppo, ppo_atari
    from ldl.rl.buffers import RolloutStorage

    config = replace(ppo_atari.PongConfig(), num_steps=num_steps)
    torch.manual_seed(0)
    envs = ppo_atari.make_envs(config.env_id, config.num_envs)
    agent = ppo_atari.make_agent(int(envs.single_action_space.n))
    if two_pass:
        agent = _two_pass(agent)
    optimizer = torch.optim.Adam(agent.parameters(), lr=config.lr, eps=1e-5)
    space = envs.single_observation_space
    storage = RolloutStorage(config.num_steps, config.num_envs, space.shape, space.dtype)
    rng = np.random.default_rng(0)
    obs, _ = envs.reset(seed=0)
    autoreset = np.zeros(config.num_envs, dtype=bool)
    stats = {"running": np.zeros(config.num_envs), "returns": []}
    started = 0.0
    for iteration in range(iterations + 1):
        if iteration == 1:
            started = time.perf_counter()  # after one warm-up iteration
        obs, autoreset = ppo.collect_rollout(envs, agent, storage, obs, autoreset, stats)
        advantages, returns = ppo.advantages_of(storage, agent, obs, config.gamma, config.gae_lambda)
        ppo.ppo_update(agent, optimizer, storage, advantages, returns, config, rng)
    envs.close()
    return iterations * config.num_envs * config.num_steps / (time.perf_counter() - started)


def sb3_vec_env(num_envs: int):
    """ale-py's vector env behind SB3's VecEnv interface (SB3 resets finished games in the same step
    and hands back their last observation in info["terminal_observation"])."""
    import numpy as np
    from ale_py.vector_env import AtariVectorEnv
    from stable_baselines3.common.vec_env import VecEnv

    class AleVecEnv(VecEnv):
        def __init__(self):
            self.envs = AtariVectorEnv("pong", num_envs, num_threads=min(num_envs, 2), episodic_life=True,
                                       autoreset_mode="SameStep")  # fmt: skip
            super().__init__(num_envs, self.envs.single_observation_space, self.envs.single_action_space)
            self._actions = None

        def reset(self):
            obs, _ = self.envs.reset(seed=0)
            return obs

        def step_async(self, actions):
            self._actions = np.asarray(actions)

        def step_wait(self):
            obs, rewards, terminated, truncated, info = self.envs.step(self._actions)
            dones = terminated | truncated
            infos = [{} for _ in range(self.num_envs)]
            for i in np.flatnonzero(dones):
                infos[i]["TimeLimit.truncated"] = bool(truncated[i] and not terminated[i])
                if "final_obs" in info:
                    infos[i]["terminal_observation"] = info["final_obs"][i]
            return obs, rewards.astype(np.float32), dones, infos

        def close(self):
            self.envs.close()

        def get_attr(self, attr_name, indices=None):
            return [getattr(self, attr_name, None)] * self.num_envs

        def set_attr(self, attr_name, value, indices=None):
            pass

        def env_method(self, method_name, *args, indices=None, **kwargs):
            return [None] * self.num_envs

        def env_is_wrapped(self, wrapper_class, indices=None):
            return [False] * self.num_envs

        def seed(self, seed=None):
            return [seed] * self.num_envs

    return AleVecEnv()


def time_sb3(iterations: int, num_steps: int = 128) -> float | None:
    """Agent steps per second of SB3's PPO with the same settings, or None without SB3."""
    try:
        from stable_baselines3 import PPO
    except ImportError:
        return None
    from ldl.rl import ppo_atari

    config = replace(ppo_atari.PongConfig(), num_steps=num_steps)
    batch = config.num_envs * config.num_steps
    model = PPO("CnnPolicy", sb3_vec_env(config.num_envs), n_steps=config.num_steps,
                batch_size=batch // config.num_minibatches, n_epochs=config.update_epochs,
                learning_rate=config.lr, gamma=config.gamma, gae_lambda=config.gae_lambda,
                clip_range=config.clip_coef, clip_range_vf=config.clip_coef, ent_coef=config.ent_coef,
                vf_coef=config.vf_coef, max_grad_norm=config.max_grad_norm, device="cpu", seed=0,
                verbose=0)  # fmt: skip
    model.learn(batch)  # warm-up iteration
    started = time.perf_counter()
    model.learn(iterations * batch, reset_num_timesteps=False)
    seconds = time.perf_counter() - started
    model.get_env().close()
    return iterations * batch / seconds


def speed(args) -> dict:
    import torch

    torch.set_num_threads(args.threads)
    rates = {
        "ldl": time_ldl(args.iterations, num_steps=args.num_steps),
        "ldl-two-pass": time_ldl(args.iterations, two_pass=True, num_steps=args.num_steps),
        "sb3": time_sb3(args.iterations, num_steps=args.num_steps),
    }
    for peer, rate in rates.items():
        emit({"peer": peer, "steps_per_second": None if rate is None else round(rate, 1),
              "threads": args.threads, "iterations": args.iterations})  # fmt: skip
    ratios = {f"ldl/{peer}": (round(rates["ldl"] / rate, 2) if rate else "NOT MEASURED")
              for peer, rate in rates.items() if peer != "ldl"}  # fmt: skip
    emit({"ratios": ratios})
    return {"rates": rates, "ratios": ratios}


# --- curve ---------------------------------------------------------------------------------------


METRICS = ("mean_return_20", "running_return")  # PPO's and DQN's 20-game mean; the NumPy agent's running mean


def read_metrics(run_dir: Path) -> list[dict]:
    """The run's game records, each with its score under "mean_return_20" (the NumPy agent's
    running mean is copied there, so both kinds of runs read alike)."""
    path = Path(run_dir) / "metrics.jsonl"
    if not path.exists():
        raise SystemExit(
            f"{path} not found: give --run the folder of an `ldl run deep-rl.ppo-pong` or "
            "`ldl run deep-rl.pong-numpy` run."
        )
    records = []
    for line in path.read_text().splitlines():
        record = json.loads(line) if line.strip() else {}
        metric = next((name for name in METRICS if name in record), None)
        if metric:
            records.append({**record, "mean_return_20": record[metric], "metric": metric})
    return records


def curve_summary(records: list[dict], target: float = 0.0, hours: float = 2.0) -> dict:
    """First record whose mean exceeds `target`; the mean at `hours`; best; last."""
    import math

    scored = [r for r in records if not math.isnan(r["mean_return_20"])]
    if not scored:
        return {"records": len(records), "first_above_target": None}
    first = next((r for r in scored if r["mean_return_20"] > target), None)
    within = [r for r in scored if r["seconds"] <= hours * 3600]
    best = max(scored, key=lambda r: r["mean_return_20"])

    def point(record):
        if record is None:
            return None
        seconds = record["seconds"]
        return {"step": record["step"], "seconds": round(seconds, 1), "hours": round(seconds / 3600, 3),
                "mean_return_20": record["mean_return_20"]}  # fmt: skip

    return {
        "records": len(records),
        "metric": scored[-1].get("metric", "mean_return_20"),
        "target": target,
        "first_above_target": point(first),
        "met_within_hours": first is not None and first["seconds"] <= hours * 3600,
        "hours": hours,
        "at_hours": point(within[-1]) if within else None,
        "best": point(best),
        "last": point(scored[-1]),
    }


def agent_kind(records: list[dict]) -> str:
    """ "numpy" (Karpathy's agent logs a running mean), "dqn" (its records carry epsilon) or "ppo"."""
    if records and records[-1].get("metric") == "running_return":
        return "numpy"
    return "dqn" if any("epsilon" in r for r in records) else "ppo"


TITLES = {
    "numpy": ("Karpathy's policy gradient on Pong, in NumPy (1 core)", "1 CPU core"),
    "dqn": ("Double DQN on Atari Pong from pixels (1 core)", "1 CPU core"),
    "ppo": ("PPO on Atari Pong from pixels", "2 CPU cores"),
}


def run_game(run_dir: Path) -> str:
    """The run's game from its config.json: "atari:pong" unless it says otherwise (MinAtar)."""
    path = Path(run_dir) / "config.json"
    return json.loads(path.read_text()).get("env_id", "atari:pong") if path.exists() else "atari:pong"


def plot_curve(records: list[dict], path: Path, target: float, game: str = "atari:pong") -> Path:
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kind = agent_kind(records)
    numpy_agent, pong = kind == "numpy", game == "atari:pong"
    hours = np.array([r["seconds"] / 3600 for r in records])
    means = np.array([r["mean_return_20"] for r in records])
    figure, axis = plt.subplots(figsize=(7, 4))
    label = (
        "running mean of the game scores (training)"
        if numpy_agent
        else "mean return of the last 20 games (training)"
    )
    many = len(records) > 500  # thousands of short episodes: a thin line, and means over 50 bins
    axis.plot(hours, means, label=label, linewidth=0.5 if many else 1.5, alpha=0.5 if many else 1.0)
    if many:
        returns = np.array([r.get("episode_return", r["mean_return_20"]) for r in records])
        bins = np.minimum((hours / hours[-1] * 50).astype(int), 49)
        centres = [hours[bins == b].mean() for b in range(50) if (bins == b).any()]
        binned = [returns[bins == b].mean() for b in range(50) if (bins == b).any()]
        axis.plot(centres, binned, "k-", linewidth=2, label="mean episode return, per 2% of the run")
    axis.axhline(target, color="grey", linestyle="--", label=f"target: above {target:g}")
    title, cores = TITLES[kind]
    if not pong:  # a DQN run on MinAtar (`deep-rl.dqn-minatar`): returns start at 0 and have no cap
        title = f"Double DQN on MinAtar {game.split(':', 1)[1].replace('_', ' ').title()} (1 core)"
    axis.set(xlabel=f"hours of training ({cores})", title=title,
             ylabel="game score (-21 to 21)" if pong else "episode return")  # fmt: skip
    axis.set_ylim((-21.5, 21.5) if pong else (0, None))
    axis.grid(alpha=0.3)
    axis.legend(loc="upper left" if numpy_agent or not pong else "lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def curve(args) -> dict:
    records = read_metrics(args.run)
    summary = curve_summary(records, args.target, args.hours)
    if args.plot:
        summary["plot"] = str(plot_curve(records, Path(args.plot), args.target, run_game(args.run)))
    emit(summary)
    return summary


# --- evaluate ------------------------------------------------------------------------------------


def load_player(
    run_dir: Path, checkpoint: Path | None, policy: str, seed: int, render_mode: str | None = None
):
    """(player, env, step) from a Pong run's checkpoint (the newest unless `checkpoint` is given):
    PPO's or DQN's network on the NumPy-preprocessed env, or Karpathy's NumPy agent on the raw game."""
    import numpy as np
    import torch

    from ldl.tracking.checkpoint import CheckpointManager

    manager = CheckpointManager(Path(run_dir) / "checkpoints")
    saved = manager.load(checkpoint) if checkpoint else manager.latest()
    if saved is None:
        raise SystemExit(f"No checkpoint in {run_dir}/checkpoints.")
    if "q_network" in saved.state:  # `deep-rl.dqn-pong` (or any DQN-from-pixels run)
        player, env = _dqn_player(saved, policy, seed, render_mode)
        return player, env, saved.step
    if "agent" not in saved.state:  # `deep-rl.pong-numpy`: weights W1, W2 and its own preprocessing
        from ldl.rl import pong_numpy
        from ldl.rl.envs import make_env

        rng = np.random.default_rng(seed)
        player = pong_numpy.KarpathyPlayer(saved.state["model"], rng, greedy=policy == "greedy")
        return player, make_env("ALE/Pong-v5", render_mode=render_mode), saved.step

    from ldl.rl import ppo_atari

    env = ppo_atari.make_eval_env(saved.config.get("env_id", "atari:pong"), render_mode)
    agent = ppo_atari.make_agent(int(env.action_space.n))
    agent.load_state_dict({k: torch.as_tensor(v) for k, v in saved.state["agent"].items()})
    agent.eval()
    torch.manual_seed(seed)  # the sampled actions of --policy sample

    def act(observation) -> int:
        with torch.no_grad():
            logits = agent.actor(torch.as_tensor(observation, dtype=torch.float32)[None])
            if policy == "greedy":
                return int(logits.argmax())
            return int(torch.distributions.Categorical(logits=logits).sample())

    return act, env, saved.step


def _dqn_player(saved, policy: str, seed: int, render_mode: str | None):
    """(player, env) from a DQN checkpoint: the largest Q-value, or epsilon-greedy at 0.01 (`sample`)."""
    import numpy as np
    import torch

    from ldl.rl import dqn_atari

    config = dqn_atari.Config(env_id=saved.config.get("env_id", "atari:pong"))
    weights = {k: torch.as_tensor(v) for k, v in saved.state["q_network"].items()}
    in_channels, num_actions = weights["trunk.0.weight"].shape[1], weights["head.weight"].shape[0]
    q_network = dqn_atari.make_q_network(in_channels, num_actions, config.env_id.startswith("minatar:"))
    q_network.load_state_dict(weights)
    q_network.eval()
    rng = np.random.default_rng(seed)

    def act(observation) -> int:
        if policy == "sample" and rng.random() < 0.01:
            return int(rng.integers(num_actions))
        with torch.no_grad():
            return int(q_network(np.asarray(observation)[None]).argmax())

    return act, dqn_atari.make_eval_env(config, render_mode)


def evaluate(args) -> dict:
    import numpy as np
    import torch

    from ldl.rl.evaluate import bootstrap_ci, iqm, run_episodes

    torch.set_num_threads(args.threads)
    player, env, step = load_player(args.run, args.checkpoint, args.policy, args.seed)
    started = time.perf_counter()
    returns = run_episodes(env, player, args.games, seed=10_000, max_steps=args.max_steps)
    record = {
        "checkpoint_step": step, "policy": args.policy, "games": args.games,
        "mean": float(np.mean(returns)), "iqm": iqm(returns),
        "ci95": bootstrap_ci(returns), "won": int(sum(r > 0 for r in returns)), "returns": returns,
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    if args.gif:  # the first game again (same seed), drawn
        from ldl.rl.evaluate import record_gif

        player, env, _ = load_player(args.run, args.checkpoint, args.policy, args.seed, "rgb_array")
        record["gif"] = str(record_gif(env, player, args.gif, seed=10_000, max_steps=args.max_steps or 2_000))
    emit(record)
    return record


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("speed", help="steps per second of ldl's PPO iteration against peers")
    p.add_argument("--iterations", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--num-steps", type=int, default=128, help="steps per game and rollout")
    p = commands.add_parser("curve", help="when a run's 20-game mean passed the target")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--target", type=float, default=0.0)
    p.add_argument("--hours", type=float, default=2.0)
    p.add_argument("--plot", type=Path)
    p = commands.add_parser("evaluate", help="greedy whole games from a checkpoint")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--checkpoint", type=Path)
    p.add_argument("--games", type=int, default=20)
    p.add_argument(
        "--policy",
        choices=["greedy", "sample"],
        default="greedy",
        help="most probable action (DQN: largest Q), or sampled as in training (DQN: epsilon 0.01); "
        "greedy games can loop",
    )
    p.add_argument("--seed", type=int, default=0, help="seeds the sampled actions")
    p.add_argument("--max-steps", type=int, default=None, help="cut each game short (quick checks)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--gif", type=Path, help="also save the first game (at most 2,000 steps) as this GIF")
    args = parser.parse_args(argv)
    {"speed": speed, "curve": curve, "evaluate": evaluate}[args.command](args)


if __name__ == "__main__":
    main()
