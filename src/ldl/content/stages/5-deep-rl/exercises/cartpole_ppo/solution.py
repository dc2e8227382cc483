"""Reference solution for cartpole_ppo."""

import numpy as np
import torch
from torch import nn


def ppo_loss(network, batch, clip_coef, value_coef, entropy_coef):
    """-mean(min(r A, clip(r, 1-c, 1+c) A)) + value_coef mean((V - G)^2) - entropy_coef mean(H)."""
    logits, values = network(batch["observations"])  # (B, A), (B,)
    dist = torch.distributions.Categorical(logits=logits)
    ratio = torch.exp(dist.log_prob(batch["actions"]) - batch["old_log_probs"])  # (B,)
    advantages = batch["advantages"]
    clipped = torch.clamp(ratio, 1.0 - clip_coef, 1.0 + clip_coef)
    policy_loss = -torch.min(ratio * advantages, clipped * advantages).mean()  # minus: we maximise
    value_loss = ((values - batch["returns"]) ** 2).mean()
    return policy_loss + value_coef * value_loss - entropy_coef * dist.entropy().mean()


class ActorCritic(nn.Module):
    """observations (B, obs) -> (logits (B, A), values (B,)), two separate small networks."""

    def __init__(self, obs_size, num_actions, hidden=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(obs_size, hidden), nn.Tanh(), nn.Linear(hidden, num_actions))
        self.critic = nn.Sequential(nn.Linear(obs_size, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, obs):
        return self.actor(obs), self.critic(obs).squeeze(-1)


def advantages_and_returns(rewards, values, next_values, terminated, ended, gamma, lam):
    """GAE: delta_t = r_t + gamma (1 - terminated_t) V(s_t+1) - V(s_t), A_t = delta_t +
    gamma lam (1 - ended_t) A_t+1; ended = terminated or truncated. All (T,)."""
    advantages = np.zeros_like(rewards)
    following = 0.0
    for t in reversed(range(len(rewards))):
        delta = rewards[t] + gamma * (1.0 - terminated[t]) * next_values[t] - values[t]
        following = delta + gamma * lam * (1.0 - ended[t]) * following
        advantages[t] = following
    return advantages, advantages + values


def train(make_env, seed, total_steps, rollout=512, epochs=10, minibatch=64, lr=2.5e-3, gamma=0.99,
          lam=0.95, clip_coef=0.2, value_coef=0.5, entropy_coef=0.0):  # fmt: skip
    """PPO: collect `rollout` steps, compute GAE, then `epochs` passes of minibatch updates."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    env = make_env()
    obs_size, num_actions = env.observation_space.shape[0], int(env.action_space.n)
    network = ActorCritic(obs_size, num_actions)
    optimizer = torch.optim.Adam(network.parameters(), lr=lr)
    obs, _ = env.reset(seed=seed)
    for start in range(0, total_steps, rollout):
        for group in optimizer.param_groups:  # anneal the learning rate linearly to 0
            group["lr"] = lr * (1.0 - start / total_steps)
        T = min(rollout, total_steps - start)
        observations, next_observations = (
            np.zeros((T, obs_size), np.float32),
            np.zeros((T, obs_size), np.float32),
        )
        actions, log_probs = np.zeros(T, np.int64), np.zeros(T, np.float32)
        rewards, terminated, ended = np.zeros(T, np.float32), np.zeros(T, np.float32), np.zeros(T, np.float32)
        for t in range(T):
            with torch.no_grad():
                logits, _ = network(torch.as_tensor(obs, dtype=torch.float32)[None])
                dist = torch.distributions.Categorical(logits=logits[0])
                action = dist.sample()
            next_obs, reward, term, trunc, _ = env.step(int(action))
            observations[t], next_observations[t], actions[t] = obs, next_obs, int(action)
            log_probs[t], rewards[t], terminated[t], ended[t] = (
                float(dist.log_prob(action)),
                reward,
                term,
                term or trunc,
            )
            obs = env.reset()[0] if term or trunc else next_obs
        ended[-1] = 1.0  # the rollout stops here: the last step bootstraps from V(next obs), not A
        with torch.no_grad():
            _, values = network(torch.as_tensor(observations))  # (T,)
            _, next_values = network(torch.as_tensor(next_observations))  # (T,): V(final obs) if truncated
        advantages, returns = advantages_and_returns(
            rewards, values.numpy(), next_values.numpy(), terminated, ended, gamma, lam
        )
        data = {"observations": observations, "actions": actions, "old_log_probs": log_probs,
                "advantages": advantages, "returns": returns}  # fmt: skip
        data = {key: torch.as_tensor(value) for key, value in data.items()}
        for _ in range(epochs):
            for index in np.array_split(rng.permutation(T), max(1, T // minibatch)):
                batch = {key: value[index] for key, value in data.items()}
                adv = batch["advantages"]
                batch["advantages"] = (adv - adv.mean()) / (adv.std() + 1e-8) if len(index) > 1 else adv
                loss = ppo_loss(network, batch, clip_coef, value_coef, entropy_coef)
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(network.parameters(), 0.5)
                optimizer.step()
