"""DQN from pixels: Double DQN with a frame-once replay buffer, on MinAtar (by default) or the ALE.

The loop is dqn.py's, with three changes that pixels need:

- states are stacks of the last `stack` frames, rebuilt from a `FrameReplayBuffer` that stores each
  frame once (uint8), so a large memory fits in RAM;
- a convolutional Q-network: on the ALE the Nature CNN (Mnih et al., 2015) on 4 x 84 x 84 grey
  frames; on MinAtar (Young & Tian, 2019: 10 x 10 games whose C channels each show one kind of
  object) the MinAtar paper's small network, one 3 x 3 convolution of 16 filters and 128 hidden
  units, because an 8 x 8 stride-4 filter does not fit a 10 x 10 screen;
- a fixed number of exploration steps rather than a fraction of a multi-million-step run.

    y = r + gamma * (1 - terminated) * Q_target(s', argmax_a Q_online(s', a))     (Double DQN)
    loss = Huber(Q_online(s, a) - y)

env_id "minatar:<game>" (breakout, asterix, freeway, seaquest, space_invaders) or "atari:<game>".
MinAtar's games are pure Python, so a checkpoint holds the game's state and a resume is exact
(tested); the ALE's state lives in C, so an ALE resume starts a fresh game (weights, buffer and
random generators still come back).
"""

from __future__ import annotations

import copy
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ldl.rl.buffers import FrameReplayBuffer
from ldl.rl.dqn import Result, td_targets
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
    """Hyperparameters of DQN from pixels (defaults: MinAtar Breakout, after the MinAtar paper)."""

    env_id: str = "minatar:breakout"
    """"minatar:<game>" (10x10 channel frames, stack 1) or "atari:<game>" (84x84 grey, stack 4)."""
    seed: int = 0
    """Seeds the network, exploration, replay sampling and the game."""
    total_steps: int = 5_000_000
    """Agent steps to train for (the MinAtar paper's length; each is one MinAtar frame)."""
    lr: float = 2.5e-4
    """Adam learning rate."""
    gamma: float = 0.99
    """Discount factor."""
    buffer_size: int = 100_000
    """Frames the replay buffer holds (about one transition each)."""
    batch_size: int = 32
    """Transitions per gradient step."""
    learning_starts: int = 5_000
    """Steps of pure exploration before the first gradient step."""
    train_frequency: int = 4
    """Environment steps between gradient steps."""
    target_update_every: int = 1_000
    """Steps between copies of the online network into the target network."""
    epsilon_start: float = 1.0
    """Exploration rate at the start."""
    epsilon_end: float = 0.05
    """Exploration rate after `exploration_steps`."""
    exploration_steps: int = 100_000
    """Steps over which epsilon falls linearly from start to end."""
    max_grad_norm: float = 10.0
    """Clip the gradient norm to this."""
    max_episode_steps: int = 27_000
    """Cut (truncate) an episode after this many steps, so a good agent's game still ends."""
    checkpoint_every: int = 50_000
    """Steps between checkpoints (also saved at the end and on Ctrl-C)."""
    log_every: int = 1_000
    """Steps between progress reports (episodes are logged as they end)."""
    target_return: float | None = None
    """Stop early once the mean return of the last 20 training episodes reaches this (None: never)."""
    eval_episodes: int = 10
    """Greedy (epsilon 0.01) evaluation episodes at the end."""
    record_video: bool = True
    """Save a GIF of the trained agent playing one episode (plots/agent.gif)."""
    fast: bool = False
    """Shrink the run for a quick check (1,500 steps, learning from step 300, same code path)."""


def reached(recent: list[float], target: float | None) -> bool:
    """Whether the last 20 training episodes average at least `target` (never with None)."""
    return target is not None and len(recent) == 20 and float(np.mean(recent)) >= target


def stack_size(env_id: str) -> int:
    """MinAtar's channels already show motion (trails), so one frame is a state; the ALE needs 4."""
    return 1 if env_id.startswith("minatar:") else 4


# --- environments ------------------------------------------------------------------------------


class MinAtarEnv:
    """A MinAtar game with Gymnasium's step/reset interface: frames (C, 10, 10) uint8 in {0, 1}.

    Its state (the game's attributes and random generator) is plain Python, so `snapshot` and
    `restore` give exact resumes. `render()` draws each channel in its own colour, 16x upscaled."""

    def __init__(self, game: str, max_episode_steps: int, render_mode: str | None = None):
        from minatar import Environment

        self.game = Environment(game)  # sticky actions (p = 0.1), as in the paper
        self.render_mode, self.max_episode_steps, self.steps = render_mode, max_episode_steps, 0
        self.num_actions = self.game.num_actions()
        channels = self.game.state_shape()[2]
        self.palette = np.random.default_rng(7).integers(60, 256, size=(channels + 1, 3)).astype(np.uint8)
        self.palette[0] = 0  # background

    def _frame(self) -> np.ndarray:
        return np.ascontiguousarray(self.game.state().transpose(2, 0, 1), dtype=np.uint8)  # (C, 10, 10)

    def reset(self, seed: int | None = None):
        if seed is not None:
            self.game.seed(seed)
        self.game.reset()
        self.steps = 0
        return self._frame(), {}

    def step(self, action: int):
        reward, terminated = self.game.act(int(action))
        self.steps += 1
        truncated = not terminated and self.steps >= self.max_episode_steps
        return self._frame(), float(reward), bool(terminated), truncated, {}

    def render(self) -> np.ndarray:
        state = self.game.state()  # (10, 10, C) bool
        colour = np.max(state * np.arange(1, state.shape[2] + 1), axis=2)  # (10, 10): channel + 1 or 0
        return np.kron(self.palette[colour], np.ones((16, 16, 1), dtype=np.uint8))  # (160, 160, 3)

    def snapshot(self) -> dict[str, Any]:
        """The game's plain attributes and its random generator (shared by the game and its wrapper)."""
        _, keys, position, has_gauss, cached = self.game.random.get_state()
        static = ("random", "channels", "action_map")
        game = {k: copy.deepcopy(v) for k, v in vars(self.game.env).items() if k not in static}
        random = {"keys": keys, "position": position, "has_gauss": has_gauss, "cached": cached}
        return {"game": game, "last_action": self.game.last_action, "random": random, "steps": self.steps}

    def restore(self, state: dict[str, Any]) -> None:
        r = state["random"]
        random = np.random.RandomState()
        random.set_state(("MT19937", r["keys"], int(r["position"]), int(r["has_gauss"]), float(r["cached"])))
        self.game.random = self.game.env.random = random  # one generator, as after game.seed()
        for key, value in state["game"].items():
            setattr(self.game.env, key, copy.deepcopy(value))
        self.game.last_action = int(state["last_action"])
        self.steps = int(state["steps"])


def make_train_env(config: Config):
    """One env returning single frames: MinAtar (C, 10, 10), or the ALE's (84, 84) preprocessing."""
    kind, game = config.env_id.split(":", 1)
    if kind == "minatar":
        return MinAtarEnv(game, config.max_episode_steps)
    from ldl.rl.envs import make_atari_env
    from ldl.rl.ppo_atari import gymnasium_id

    return make_atari_env(gymnasium_id(config.env_id), frame_stack=1)


def make_eval_env(config: Config, render_mode: str | None = None):
    """Whole games with the true score; observations are whole states (stacked on the ALE)."""
    kind, game = config.env_id.split(":", 1)
    if kind == "minatar":
        return MinAtarEnv(game, config.max_episode_steps, render_mode)
    from ldl.rl.ppo_atari import make_eval_env as make_atari_eval_env

    return make_atari_eval_env(config.env_id, render_mode, pad="repeat")  # as the replay buffer does


def num_actions_of(env) -> int:
    return env.num_actions if isinstance(env, MinAtarEnv) else int(env.action_space.n)


# --- the Q-network -----------------------------------------------------------------------------


def make_q_network(in_channels: int, num_actions: int, minatar: bool):
    """(B, in_channels, H, W) uint8 -> Q-values (B, num_actions)."""
    import torch
    from torch import nn

    if minatar:  # Young & Tian (2019)
        trunk = nn.Sequential(
            nn.Conv2d(in_channels, 16, 3), nn.ReLU(),           # (B, 16, 8, 8)
            nn.Flatten(), nn.Linear(16 * 8 * 8, 128), nn.ReLU(),  # (B, 128)
        )  # fmt: skip
        hidden, scale = 128, 1.0  # frames are already 0/1
    else:  # Mnih et al. (2015)
        trunk = nn.Sequential(
            nn.Conv2d(in_channels, 32, 8, stride=4), nn.ReLU(),  # (B, 32, 20, 20)
            nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),           # (B, 64, 9, 9)
            nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(),           # (B, 64, 7, 7)
            nn.Flatten(), nn.Linear(64 * 7 * 7, 512), nn.ReLU(),  # (B, 512)
        )  # fmt: skip
        hidden, scale = 512, 1.0 / 255.0

    class QNetwork(nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk, self.head = trunk, nn.Linear(hidden, num_actions)

        def forward(self, frames):
            return self.head(self.trunk(torch.as_tensor(frames, dtype=torch.float32) * scale))

    return QNetwork()


# --- training ----------------------------------------------------------------------------------


@restores_torch_threads
def train(
    config: Config,
    resume: bool | str | None = None,
    root: str | Path | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Result:
    """Train DQN from pixels; with `resume` (True, a run id or a path), continue that run."""
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    total_steps = 1_500 if config.fast else config.total_steps
    learning_starts = 300 if config.fast else config.learning_starts
    run = start_run("deep-rl", "dqn-pixels", config, root=root, resume=resume)
    seed_everything(config.seed)
    env, k = make_train_env(config), stack_size(config.env_id)
    minatar = isinstance(env, MinAtarEnv)
    frame, _ = env.reset(seed=config.seed)
    num_actions = num_actions_of(env)
    in_channels = k * (frame.shape[0] if frame.ndim == 3 else 1)
    q_network = make_q_network(in_channels, num_actions, minatar)
    target_network = make_q_network(in_channels, num_actions, minatar)
    target_network.load_state_dict(q_network.state_dict())
    optimizer = torch.optim.Adam(q_network.parameters(), lr=config.lr, eps=1.5e-4)
    buffer = FrameReplayBuffer(min(config.buffer_size, total_steps + 10), frame.shape, stack=k)
    buffer.start_episode(frame)
    history = deque([frame] * k, maxlen=k)  # the state the agent acts on, built like the buffer's
    rng = np.random.default_rng(config.seed)  # exploration and replay sampling
    step, episode_return, recent, seconds, loss = 0, 0.0, [], 0.0, float("nan")

    if run.resumed:
        state = run.resumed.state
        q_network.load_state_dict(state["q_network"])
        target_network.load_state_dict(state["target_network"])
        optimizer.load_state_dict(state["optimizer"])
        buffer.load_state_dict(state["buffer"])
        rng.bit_generator.state = state["rng_agent"]
        step, episode_return, recent = state["step"], state["episode_return"], list(state["recent"])
        seconds, loss = state["seconds"], state["loss"]
        if minatar:
            env.restore(state["env"])
            history = deque(list(state["history"]), maxlen=k)
        else:  # the ALE's state is in C: start a fresh game, and tell the buffer
            frame, _ = env.reset(seed=config.seed + step)
            buffer.start_episode(frame)
            history, episode_return = deque([frame] * k, maxlen=k), 0.0
        restore_rng_state(state["rng"])

    def save() -> None:
        state = {
            "q_network": q_network.state_dict(), "target_network": target_network.state_dict(),
            "optimizer": optimizer.state_dict(), "buffer": buffer.state_dict(),
            "env": env.snapshot() if minatar else {}, "history": np.stack(history),
            "rng_agent": rng.bit_generator.state, "step": step, "episode_return": episode_return,
            "recent": list(recent), "seconds": seconds, "loss": loss, "rng": rng_state(),
        }  # fmt: skip
        run.checkpoints.save(state, step)

    def act(epsilon: float) -> int:
        if rng.random() < epsilon:
            return int(rng.integers(num_actions))
        with torch.no_grad():
            state = np.concatenate([f[None] if f.ndim == 2 else f for f in history])[None]  # (1, C, H, W)
            return int(q_network(state).argmax())

    started = time.perf_counter() - seconds
    with GracefulInterrupt() as interrupt:
        while step < total_steps:
            fraction = min(1.0, step / max(1, config.exploration_steps))
            epsilon = config.epsilon_start + fraction * (config.epsilon_end - config.epsilon_start)
            action = act(epsilon)
            frame, reward, terminated, truncated, _ = env.step(action)
            buffer.add(action, reward, frame, terminated)
            history.append(frame)
            episode_return += float(reward)
            step += 1

            if step > learning_starts and step % config.train_frequency == 0:
                batch = {k: torch.as_tensor(v) for k, v in buffer.sample(config.batch_size, rng).items()}
                targets = td_targets(batch, q_network, target_network, config.gamma, double=True)
                q_taken = q_network(batch["observations"]).gather(1, batch["actions"][:, None]).squeeze(1)
                loss_tensor = F.smooth_l1_loss(q_taken, targets)
                optimizer.zero_grad()
                loss_tensor.backward()
                torch.nn.utils.clip_grad_norm_(q_network.parameters(), config.max_grad_norm)
                optimizer.step()
                loss = loss_tensor.item()
            if step % config.target_update_every == 0:
                target_network.load_state_dict(q_network.state_dict())

            if terminated or truncated:
                recent = (recent + [episode_return])[-20:]
                seconds = time.perf_counter() - started
                run.log(step=step, episode_return=episode_return, mean_return_20=float(np.mean(recent)),
                        epsilon=epsilon, loss=loss, seconds=seconds)  # fmt: skip
                frame, _ = env.reset()
                buffer.start_episode(frame)
                history, episode_return = deque([frame] * k, maxlen=k), 0.0
            if progress and step % config.log_every == 0:
                progress(Progress(step, total_steps, 0, {"return": float(np.mean(recent or [0.0]))}))
            solved = (terminated or truncated) and reached(recent, config.target_return)
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
    """Evaluation with epsilon 0.01 (the DQN paper's), learning curve, GIF, summary."""
    import torch

    from ldl.rl.evaluate import iqm, record_gif, run_episodes

    rng = np.random.default_rng(config.seed + 10_000)
    num_actions = q_network.head.out_features

    def policy(observation) -> int:
        if rng.random() < 0.01:
            return int(rng.integers(num_actions))
        with torch.no_grad():
            return int(q_network(np.asarray(observation)[None]).argmax())

    episodes, max_steps = (1, 200) if config.fast else (config.eval_episodes, None)
    returns = run_episodes(make_eval_env(config), policy, episodes, 10_000 + config.seed, max_steps=max_steps)
    if config.record_video:
        record_gif(
            make_eval_env(config, render_mode="rgb_array"),
            policy,
            run.dir / "plots" / "agent.gif",
            max_steps=30 if config.fast else 2_000,
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
class PongConfig(Config):
    """DQN on Pong from pixels (the Nature paper's pipeline; CleanRL's dqn_atari settings)."""

    env_id: str = "atari:pong"
    """"atari:<game>": one ALE env with the NumPy DQN preprocessing, 4 stacked frames."""
    total_steps: int = 10_000_000
    """Agent steps (each is 4 frames)."""
    lr: float = 1e-4
    """Adam learning rate."""
    learning_starts: int = 80_000
    """Steps of pure exploration before the first gradient step."""
    target_update_every: int = 1_000
    """Steps between target copies."""
    epsilon_end: float = 0.01
    """Exploration rate after `exploration_steps`."""
    exploration_steps: int = 1_000_000
    """Steps over which epsilon falls."""
    target_return: float | None = 18.0
    """Stop once the last 20 games average 18 (as `deep-rl.ppo-pong` does); None trains all 10M steps."""
    max_episode_steps: int = 27_000
    """Unused on the ALE (the v5 games cut episodes at 108,000 frames themselves)."""
