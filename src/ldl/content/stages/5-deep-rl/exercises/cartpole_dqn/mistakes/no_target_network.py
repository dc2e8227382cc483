"""Your target uses the online network (q_network) for the next state's value. Then every update
moves its own target, and the regression chases its tail. Evaluate s' with target_network, a copy
that changes only when train copies the online weights into it."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def dqn_loss(q_network, target_network, batch, gamma):
    with torch.no_grad():
        next_value = q_network(batch["next_observations"]).max(dim=1).values
        target = batch["rewards"] + gamma * (1.0 - batch["terminated"]) * next_value
    q_taken = q_network(batch["observations"]).gather(1, batch["actions"][:, None]).squeeze(1)
    return F.smooth_l1_loss(q_taken, target)


def make_q_network(obs_size, num_actions, hidden=64):
    """observations (B, obs_size) -> Q-values (B, num_actions)."""
    return nn.Sequential(
        nn.Linear(obs_size, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Linear(hidden, num_actions),
    )


def train(make_env, seed, total_steps, lr=1e-3, gamma=0.99, batch_size=64, learning_starts=500,
          train_every=2, target_every=250, epsilon_end=0.02, exploration=0.25):  # fmt: skip
    """DQN: epsilon-greedy acting, a replay memory of every transition, a target network."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    env = make_env()
    obs_size, num_actions = env.observation_space.shape[0], int(env.action_space.n)
    q_network = make_q_network(obs_size, num_actions)
    target_network = make_q_network(obs_size, num_actions)
    target_network.load_state_dict(q_network.state_dict())
    optimizer = torch.optim.Adam(q_network.parameters(), lr=lr)
    memory = {  # the replay memory: room for every step of the run
        "observations": np.zeros((total_steps, obs_size), dtype=np.float32),
        "actions": np.zeros(total_steps, dtype=np.int64),
        "rewards": np.zeros(total_steps, dtype=np.float32),
        "next_observations": np.zeros((total_steps, obs_size), dtype=np.float32),
        "terminated": np.zeros(total_steps, dtype=np.float32),
    }
    obs, _ = env.reset(seed=seed)
    for step in range(total_steps):
        epsilon = max(epsilon_end, 1.0 - step / (exploration * total_steps))
        if rng.random() < epsilon:
            action = int(rng.integers(num_actions))
        else:
            with torch.no_grad():
                action = int(q_network(torch.as_tensor(obs, dtype=torch.float32)[None]).argmax())
        next_obs, reward, terminated, truncated, _ = env.step(action)
        for key, value in zip(memory, (obs, action, reward, next_obs, terminated)):
            memory[key][step] = value  # terminated, not truncated: a time limit still bootstraps
        obs = env.reset()[0] if terminated or truncated else next_obs
        if step >= learning_starts and step % train_every == 0:
            index = rng.integers(0, step + 1, size=batch_size)  # (B,)
            batch = {key: torch.as_tensor(array[index]) for key, array in memory.items()}
            loss = dqn_loss(q_network, target_network, batch, gamma)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(q_network.parameters(), 10.0)
            optimizer.step()
        if step % target_every == 0:
            target_network.load_state_dict(q_network.state_dict())
