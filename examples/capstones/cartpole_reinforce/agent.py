"""REINFORCE with a learned baseline for CartPole: the agent of the cartpole_reinforce capstone.

The policy gradient theorem says the gradient of the expected return J(theta) is

    grad J = E[ sum_t grad log pi(a_t | s_t) * (G_t - b(s_t)) ],   G_t = sum_{k>=t} gamma^(k-t) r_k,

so one update is: play an episode, compute the discounted returns-to-go G_t, subtract a baseline
b(s_t) (a value network, which lowers the variance without biasing the gradient), and step along
the log-probabilities weighted by that advantage (Williams, 1992; Sutton and Barto, ch. 13).
Plain PyTorch, no RL library.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch


@dataclass
class Config:
    gamma: float = 0.99  # discount factor of the returns-to-go
    lr: float = 1e-2  # Adam learning rate, policy and value alike
    hidden: int = 64  # width of the hidden layer of both networks


class Agent(torch.nn.Module):
    def __init__(self, observation_size: int, actions: int, config: Config):
        super().__init__()
        self.config = config
        self.policy = torch.nn.Sequential(
            torch.nn.Linear(observation_size, config.hidden),
            torch.nn.Tanh(),
            torch.nn.Linear(config.hidden, actions),
        )
        self.value = torch.nn.Sequential(
            torch.nn.Linear(observation_size, config.hidden),
            torch.nn.Tanh(),
            torch.nn.Linear(config.hidden, 1),
        )
        self.optimizer = torch.optim.Adam(self.parameters(), lr=config.lr)

    def act(
        self, observation: np.ndarray, generator: torch.Generator | None = None, greedy: bool = False
    ) -> int:
        """Sample an action from pi(. | s) (the most likely one when greedy)."""
        with torch.no_grad():
            logits = self.policy(torch.as_tensor(observation, dtype=torch.float32))  # (actions,)
        if greedy:
            return int(logits.argmax())
        return int(torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator))

    def returns_to_go(self, rewards: list[float]) -> torch.Tensor:
        """G_t for every step, computed backwards: G_t = r_t + gamma * G_{t+1}."""
        returns, running = [], 0.0
        for reward in reversed(rewards):
            running = reward + self.config.gamma * running
            returns.append(running)
        return torch.tensor(returns[::-1], dtype=torch.float32)  # (T,)

    def update(self, observations: np.ndarray, actions: list[int], rewards: list[float]) -> float:
        """One REINFORCE step on one episode; returns the policy loss."""
        states = torch.as_tensor(observations, dtype=torch.float32)  # (T, obs)
        returns = self.returns_to_go(rewards)  # (T,)
        values = self.value(states).squeeze(-1)  # (T,)
        advantages = returns - values.detach()
        log_probs = torch.log_softmax(self.policy(states), dim=-1)  # (T, actions)
        chosen = log_probs[torch.arange(len(actions)), torch.as_tensor(actions)]  # (T,)
        policy_loss = -(chosen * advantages).mean()
        value_loss = torch.nn.functional.mse_loss(values, returns) / returns.var().clamp(min=1.0)
        self.optimizer.zero_grad()
        (policy_loss + value_loss).backward()
        self.optimizer.step()
        return float(policy_loss.detach())
