"""The agent of __PROJECT_TITLE__: yours to write, in a low-level framework, no RL library.

The notebook imports `Agent` and `Config` from here and calls:

    agent = Agent(observation_size, actions, Config())
    action = agent.act(observation, generator)            # while training (samples)
    action = agent.act(observation, greedy=True)          # while evaluating
    agent.update(observations, actions, rewards)          # after each episode

This skeleton has the shape of REINFORCE with a learned baseline (a good first algorithm for a
small discrete task): write its pieces, test each on a case you can compute by hand, and replace
it with the algorithm your project is about (DQN, PPO, AlphaZero...) once that works. State the
algorithm's equations in this docstring, in your own words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch


@dataclass
class Config:
    gamma: float = 0.99  # discount factor
    lr: float = 1e-2  # learning rate
    hidden: int = 64  # width of the hidden layers


class Agent(torch.nn.Module):
    def __init__(self, observation_size: int, actions: int, config: Config):
        super().__init__()
        self.config = config
        # TODO: the policy network (observation -> action logits), a value network
        # (observation -> one number) and an optimiser over both.

    def act(
        self, observation: np.ndarray, generator: torch.Generator | None = None, greedy: bool = False
    ) -> int:
        """Sample an action from pi(. | observation) with `generator`; the most likely one when greedy."""
        raise NotImplementedError("write Agent.act in agent.py")

    def returns_to_go(self, rewards: list[float]) -> torch.Tensor:
        """G_t = r_t + gamma * G_{t+1} for every step of an episode, shape (T,)."""
        raise NotImplementedError("write Agent.returns_to_go in agent.py")

    def update(self, observations: np.ndarray, actions: list[int], rewards: list[float]) -> float:
        """One learning step from one episode; returns the loss (for the logs)."""
        raise NotImplementedError("write Agent.update in agent.py")
