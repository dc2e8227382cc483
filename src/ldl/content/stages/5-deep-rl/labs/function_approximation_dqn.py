# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: function_approximation_dqn
#     title: "From a Q-table to a network: the deadly triad, replay and target networks"
#     unit: deep-rl.dqn
#     order: 1
#     goals: [1, 3]
#     minutes: 75
#     tour: true
#     fast_timeout: 420
# ---

# %% [markdown]
# # From a Q-table to a network: the deadly triad, replay and target networks
#
# A Q-table has one number per (state, action). CartPole's state is four real numbers, so no table
# can hold it; Atari's is a screen. We replace the table by a function $Q(s, a; \theta)$ with
# parameters $\theta$ and move the parameters instead of a cell. Q-learning's update becomes the
# **semi-gradient** step
#
# $$\theta \leftarrow \theta + \alpha\,\big(y - Q(s, a; \theta)\big)\,\nabla_\theta Q(s, a; \theta),
# \qquad y = r + \gamma\,(1 - d)\,\max_{a'} Q(s', a'; \theta).$$
#
# "Semi" because $y$ also depends on $\theta$ and we pretend it does not: we follow the gradient of
# the error with the target held still. That shortcut is what makes tabular Q-learning converge and
# what, with a network, can make it blow up. This lab shows the failure on the smallest possible
# example, then measures on CartPole how DQN's two fixes, **experience replay** and a **target
# network**, change the outcome.
#
# **Accompanies:** Mnih et al., [Human-level control through deep reinforcement
# learning](https://www.nature.com/articles/nature14236) (Nature 2015); Sutton and Barto, chapters
# 9 to 11 ([free PDF](http://incompleteideas.net/book/RLbook2020.pdf)), above all section 11.3 on
# the deadly triad; van Hasselt et al., [Deep Reinforcement Learning and the Deadly
# Triad](https://arxiv.org/abs/1812.02648) (2018).

# %%
import time

import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from IPython.display import Image, display
from torch import nn

from ldl.notebooks.lab import FAST, report
from ldl.rl.buffers import ReplayBuffer
from ldl.rl.evaluate import record_gif, run_episodes

torch.set_num_threads(1)  # small networks: one thread is fastest, and runs stay reproducible
SEEDS = [0, 2] if FAST else [0, 1, 2, 3, 4]
STEPS = 4_000 if FAST else 20_000
started = time.process_time()

# %% [markdown]
# ## 1. The deadly triad on two states
#
# Sutton and Barto (section 11.2) give a world small enough to solve by hand. Two states share one
# weight $w$: their features are 1 and 2, so their estimated values are $w$ and $2w$. The first
# state always moves to the second with reward 0. Suppose we update *only* that transition (we
# learn **off-policy**, from data that never shows what happens after the second state). The TD
# error is $\delta = 0 + \gamma \cdot 2w - w = (2\gamma - 1)\,w$ and the update is
#
# $$w \leftarrow w + \alpha\,\delta \cdot 1 = \big(1 + \alpha(2\gamma - 1)\big)\,w .$$
#
# For $\gamma > 1/2$ the factor exceeds 1 and $w$ grows geometrically, whatever the step size.
# Raising the first state's value raises the target *more*, because the second state shares the
# weight. Three ingredients had to meet: **function approximation** (the shared $w$),
# **bootstrapping** (the target uses our own estimate $2w$) and **off-policy** data (the second
# state's own update, which would pull $2w$ back towards its true value 0, never comes). Remove any
# one and the iteration is stable; below, "on-policy" also updates the second state's transition to
# the terminal state.


# %%
def two_state_weights(gamma, alpha, num_updates, on_policy):
    """w after each update; values are w (feature 1) and 2w (feature 2); the true values are 0."""
    w, history = 1.0, []
    for _ in range(num_updates):
        w += alpha * (gamma * 2 * w - w) * 1.0  # state 1 -> state 2, reward 0
        if on_policy:
            w += alpha * (0.0 - 2 * w) * 2.0  # state 2 -> terminal, reward 0
        history.append(w)
    return np.array(history)


off_policy = two_state_weights(0.99, 0.1, 60, on_policy=False)
on_policy = two_state_weights(0.99, 0.1, 60, on_policy=True)
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(np.abs(off_policy), label="off-policy: only state 1's update")
ax.semilogy(np.abs(on_policy) + 1e-12, label="on-policy: both states updated")
ax.set(xlabel="update", ylabel="|w| (true value 0)", title="The deadly triad on two states")
ax.legend()
plt.show()
print(f"after 60 updates: off-policy w = {off_policy[-1]:.3g}, on-policy w = {on_policy[-1]:.3g}")

# %% [markdown]
# DQN keeps all three ingredients on purpose: a network (to generalise across screens),
# bootstrapping (to learn before an episode ends) and off-policy learning (to reuse old data and to
# learn the greedy policy while exploring). It does not *remove* the triad; it makes divergence
# rarer with two tricks:
#
# - a **replay buffer** of the last $N$ transitions, sampled uniformly: consecutive transitions are
#   nearly identical, and a network trained on them in order chases whatever part of the episode
#   it is in; random batches look more like the i.i.d. data SGD expects, and each transition is
#   reused many times;
# - a **target network** $\bar\theta$, a copy of $\theta$ refreshed every $C$ steps, so the target
#   $y = r + \gamma (1 - d) \max_{a'} Q(s', a'; \bar\theta)$ stays still between refreshes and each
#   stretch of training is plain regression.
#
# ## 2. An ablation on CartPole
#
# A compact DQN, written here so that each trick is one switch. Without replay the buffer holds only
# the latest `batch_size` transitions (the same number of gradient steps on the same batch size,
# but correlated, fresh data); without a target network the target uses the online network itself.
# Everything else (network, learning rate, exploration schedule) is identical. `ldl.rl.dqn` is the
# full version, with Double DQN, checkpoints and logging.


# %%
def q_network(hidden=64):
    """observation (B, 4) -> Q-values (B, 2)."""
    return nn.Sequential(
        nn.Linear(4, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2)
    )


def train_dqn(replay, target, seed, steps, batch_size=64, lr=2e-3, gamma=0.99, train_every=4, sync_every=100):
    """Train on CartPole-v1; returns (training episode returns, greedy Q-network)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    env = gym.make("CartPole-v1")
    online, frozen = q_network(), q_network()
    frozen.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=lr)
    buffer = ReplayBuffer(50_000 if replay else batch_size, (4,))
    obs, _ = env.reset(seed=seed)
    episode_return, returns = 0.0, []
    for step in range(steps):
        epsilon = max(0.05, 1.0 - step / (0.3 * steps))  # linear decay over 30% of the run
        if rng.random() < epsilon:
            action = int(rng.integers(2))
        else:
            with torch.no_grad():
                action = int(online(torch.as_tensor(obs)[None]).argmax())
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)  # terminated, not done: see the tabular unit
        obs, episode_return = next_obs, episode_return + reward
        if terminated or truncated:
            returns.append(episode_return)
            obs, episode_return = env.reset()[0], 0.0
        if step >= 1_000 and step % train_every == 0:
            batch = {k: torch.as_tensor(v) for k, v in buffer.sample(batch_size, rng).items()}
            with torch.no_grad():
                next_q = (frozen if target else online)(batch["next_observations"]).max(dim=1).values  # (B,)
                y = batch["rewards"] + gamma * (1 - batch["terminated"]) * next_q  # (B,)
            q_taken = online(batch["observations"]).gather(1, batch["actions"][:, None]).squeeze(1)  # (B,)
            loss = F.smooth_l1_loss(q_taken, y)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(online.parameters(), 10.0)
            optimizer.step()
        if target and step % sync_every == 0:
            frozen.load_state_dict(online.state_dict())
    return returns, online


def greedy(network):
    def act(observation):
        with torch.no_grad():
            return int(network(torch.as_tensor(observation)[None]).argmax())

    return act


# %% [markdown]
# Each variant is judged the honest way (see the lab on evaluating agents): its greedy policy plays
# episodes from environment seeds it never trained on. The yardstick is a uniformly random policy.

# %%
eval_env = gym.make("CartPole-v1")
random_policy = np.random.default_rng(0)
random_return = float(
    np.mean(run_episodes(eval_env, lambda s: int(random_policy.integers(2)), 20, seed=50_000))
)
variants = {
    "replay + target (DQN)": (True, True),
    "no target network": (True, False),
    "no replay": (False, True),
}
curves, scores, networks = {}, {}, {}
for name, (replay, target) in variants.items():
    curves[name], scores[name] = [], []
    for seed in SEEDS:
        returns, network = train_dqn(replay, target, seed, STEPS)
        curves[name].append(returns)
        scores[name].append(np.mean(run_episodes(eval_env, greedy(network), 5, seed=10_000 + 100 * seed)))
        networks.setdefault(name, network)
    print(f"{name:22s} greedy return per seed: {np.round(scores[name], 1)}")
print(f"{'random policy':22s} {random_return:.1f}")

# %%
fig, axes = plt.subplots(1, len(variants), figsize=(11, 3), sharey=True)
for ax, (name, runs) in zip(axes, curves.items()):
    for returns in runs:
        ax.plot(returns, alpha=0.6)
    ax.axhline(random_return, color="grey", ls="--", lw=1)
    ax.set(title=name, xlabel="training episode")
axes[0].set_ylabel("episode return (dashed: random)")
plt.tight_layout()
plt.show()

# %% [markdown]
# Is the collapse divergence? CartPole pays 1 per step, so no discounted return can exceed
# $1 / (1 - \gamma) = 100$. Look at the largest Q-value each variant's network (first seed) gives
# to 100 start states:

# %%
start_states = torch.as_tensor(np.stack([eval_env.reset(seed=s)[0] for s in range(100)]))  # (100, 4)
with torch.no_grad():
    max_q = {name: float(network(start_states).max()) for name, network in networks.items()}
for name, value in max_q.items():
    print(f"{name:22s} max Q over 100 start states: {value:10.1f}")

# %% [markdown]
# What you should see. **Without a target network** the run collapses: the returns fall to about
# 9-10, *worse than random*, and the Q-values have run far past the bound of 100. That is the
# signature of divergence: each update raises the target it chases, one action's estimate
# dominates everywhere, and the cart is pushed to one side until the pole falls. **Without replay** learning is slower and much
# less reliable from seed to seed: the network keeps fitting the last few hundred steps and forgets
# the rest. **With both** the greedy policy balances the pole for hundreds of steps within a few
# thousand environment steps. (Training returns include exploration; the greedy scores printed
# above do not.)
#
# ## 3. Watch it play
#
# The greedy DQN agent of the first seed, for up to 200 steps (100 in fast mode).

# %%
gif = record_gif(
    gym.make("CartPole-v1", render_mode="rgb_array"), greedy(networks["replay + target (DQN)"]),
    "dqn_cartpole.gif", seed=10_000, max_steps=100 if FAST else 200,
)  # fmt: skip
display(Image(filename=str(gif)))

# %% [markdown]
# ## What to reproduce
#
# - Write the two-state example yourself and find, for $\alpha = 0.1$, the smallest $\gamma$ that
#   diverges. Then add the on-policy update and check that no $\gamma < 1$ diverges.
# - Rerun the ablation with 5 seeds and 20,000 steps (the full mode of this lab does), and add the
#   fourth variant, neither trick. Report the interquartile mean with bootstrap intervals.
# - Print $\max_a Q$ on the start states every 500 steps in the no-target run: when does it cross
#   100, and does the return fall before or after?
# - Then solve the exercises of this unit (`replay_buffer`, `dqn_targets`, `huber_loss`,
#   `target_updates`) and train the reference run: `ldl run deep-rl.dqn-cartpole`.

# %%
mean_score = {name: float(np.mean(values)) for name, values in scores.items()}
print(f"CPU seconds for this lab: {time.process_time() - started:.1f}")
report(
    dqn_greedy_return=mean_score["replay + target (DQN)"],
    no_target_greedy_return=mean_score["no target network"],
    no_replay_greedy_return=mean_score["no replay"],
    random_return=random_return,
    two_state_offpolicy_w=float(abs(off_policy[-1])),
    no_target_max_q=max_q["no target network"],
    dqn_max_q=max_q["replay + target (DQN)"],
    expect={
        "no_target_max_q": (">", 1 / (1 - 0.99)),  # beyond any discounted return CartPole can pay
        "dqn_greedy_return": (">", 2 * random_return),
        "no_target_greedy_return": ("<", mean_score["replay + target (DQN)"] / 2),
        "two_state_offpolicy_w": (">", 100.0),
    },
)
