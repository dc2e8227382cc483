"""PPO on Atari from pixels: PPO's loop (ppo.py) with ale-py's native vector environment and the
Nature-DQN convolutional network (Mnih et al., 2015) shared by the actor and the critic.

    observations (N, 4, 84, 84) uint8 -> /255 -> conv 8x8/4 (32) -> conv 4x4/2 (64) -> conv 3x3/1 (64)
    -> flatten (3136) -> linear 512 -> actor: logits (A,)   critic: V (1,)

A config whose env_id is "atari:<game>" (e.g. "atari:pong") makes ppo.train use these pieces;
everything else (rollouts, the autoreset mask, GAE, the clipped update) is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ldl.rl import ppo
from ldl.rl.envs import make_atari_env, make_atari_vector_env


def is_atari(env_id: str) -> bool:
    return env_id.startswith("atari:")


def gymnasium_id(env_id: str) -> str:
    """ "atari:space_invaders" -> "ALE/SpaceInvaders-v5" (for evaluation and the GIF)."""
    game = env_id.removeprefix("atari:")
    return "ALE/" + "".join(part.capitalize() for part in game.split("_")) + "-v5"


def make_envs(env_id: str, num_envs: int):
    """ale-py's C++ vector env: 4 stacked grey 84x84 frames, frame skip 4, no-op starts, clipped
    rewards, episodic life; one thread per core it may use."""
    return make_atari_vector_env(env_id.removeprefix("atari:"), num_envs, num_threads=min(num_envs, 2))


def make_eval_env(env_id: str, render_mode: str | None = None, pad: str = "zeros"):
    """One env with the same preprocessing in NumPy, playing whole games (no episodic life); a fresh
    stack starts with blank frames, as in the vector env PPO trains on."""
    return make_atari_env(
        gymnasium_id(env_id), render_mode=render_mode, pad=pad, episodic_life=False, clip_rewards=False
    )


def make_agent(num_actions: int):
    """The Nature CNN trunk with an actor head and a critic head (same interface as ppo.make_agent)."""
    import torch
    from torch import nn

    def layer(module, gain=np.sqrt(2)):
        nn.init.orthogonal_(module.weight, gain)
        nn.init.zeros_(module.bias)
        return module

    class AtariAgent(nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk = nn.Sequential(
                layer(nn.Conv2d(4, 32, 8, stride=4)), nn.ReLU(),   # (B, 32, 20, 20)
                layer(nn.Conv2d(32, 64, 4, stride=2)), nn.ReLU(),  # (B, 64, 9, 9)
                layer(nn.Conv2d(64, 64, 3, stride=1)), nn.ReLU(),  # (B, 64, 7, 7)
                nn.Flatten(), layer(nn.Linear(64 * 7 * 7, 512)), nn.ReLU(),  # (B, 512)
            )  # fmt: skip
            self.actor_head = layer(nn.Linear(512, num_actions), gain=0.01)
            self.critic_head = layer(nn.Linear(512, 1), gain=1.0)

        def features(self, obs):  # (B, 4, 84, 84) in 0..255
            # channels-last (weights too, below): about 1.3x faster convolutions on a CPU
            return self.trunk((obs / 255.0).contiguous(memory_format=torch.channels_last))

        def actor(self, obs):
            return self.actor_head(self.features(obs))

        def value(self, obs):
            return self.critic_head(self.features(obs)).squeeze(-1)

        def policy(self, obs):
            # validate_args=False: skip the argument checks torch would run at every step
            return torch.distributions.Categorical(logits=self.actor(obs), validate_args=False)

        def policy_and_value(self, obs):  # the trunk once for both heads: half the work of the two calls
            hidden = self.features(obs)
            logits, value = self.actor_head(hidden), self.critic_head(hidden).squeeze(-1)
            return torch.distributions.Categorical(logits=logits, validate_args=False), value

    return AtariAgent().to(memory_format=torch.channels_last)


@dataclass
class PongConfig(ppo.Config):
    """PPO on Pong from pixels (CleanRL's ppo_atari settings). Measured (seed 0, 2 cores, docs/rl.md):
    the mean of the last 20 games passes 0 after 817k agent steps, 37 minutes, and 18 (the run's
    stop) after 2.16M steps, two hours."""

    env_id: str = "atari:pong"
    """"atari:<game>": ale-py's native vector env with the DQN preprocessing."""
    total_steps: int = 10_000_000
    """Agent steps (each is 4 frames) summed over the environments."""
    num_envs: int = 8
    """Parallel games."""
    num_steps: int = 128
    """Steps per game in each rollout."""
    lr: float = 2.5e-4
    """Adam learning rate at the start."""
    gamma: float = 0.99
    """Discount factor."""
    gae_lambda: float = 0.95
    """GAE's lambda."""
    update_epochs: int = 4
    """Passes over each rollout."""
    num_minibatches: int = 4
    """Minibatches per pass (of 256 steps each)."""
    clip_coef: float = 0.1
    """Clipping range of the probability ratio (and of the value change)."""
    clip_value: bool = True
    """Clip the value update too, as CleanRL's ppo_atari does."""
    ent_coef: float = 0.01
    """Weight of the entropy bonus."""
    target_return: float | None = 18.0
    """Stop once 20 consecutive lives' (episodic-life) returns average this."""
    checkpoint_every: int = 20
    """Iterations between checkpoints."""
    eval_episodes: int = 3
    """Whole games played greedily at the end."""
    threads: int = 0
    """Torch threads: one per core (the convolutions dominate an iteration)."""
