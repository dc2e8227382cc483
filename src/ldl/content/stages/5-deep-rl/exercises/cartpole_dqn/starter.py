"""DQN that balances CartPole: the loss, then the whole agent. See statement.md."""

import numpy as np
import torch
from torch import nn


def dqn_loss(q_network, target_network, batch, gamma):
    """Huber loss between Q(s, a) and y = r + gamma * (1 - terminated) * max_a' Q_target(s', a')."""
    raise NotImplementedError


def train(make_env, seed, total_steps):
    """Train a DQN agent for `total_steps` steps on the environment(s) make_env() builds."""
    raise NotImplementedError
