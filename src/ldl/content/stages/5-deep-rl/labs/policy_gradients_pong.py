# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: policy_gradients_pong
#     title: "Policy gradients: the score-function estimator, baselines, and Pong from pixels"
#     unit: deep-rl.policy-gradients
#     order: 1
#     goals: [1, 2]
#     minutes: 75
#     tour: true
#     fast_timeout: 420
# ---

# %% [markdown]
# # Policy gradients: the score-function estimator, baselines, and Pong from pixels
#
# DQN learns values and acts greedily on them. A policy-gradient method skips the values and
# adjusts a stochastic policy $\pi_\theta(a \mid s)$ directly, in the direction that makes
# high-return trajectories more likely. This lab derives the estimator, checks it numerically,
# measures how much a baseline cuts its variance, trains REINFORCE on CartPole, and then opens up
# Karpathy's NumPy agent that learns Pong from raw pixels.
#
# **Accompanies:** Andrej Karpathy, [Deep Reinforcement Learning: Pong from
# Pixels](https://karpathy.github.io/2016/05/31/rl/) (2016); OpenAI Spinning Up,
# [Vanilla Policy Gradient](https://spinningup.openai.com/en/latest/algorithms/vpg.html) and
# [Intro to Policy Optimization](https://spinningup.openai.com/en/latest/spinningup/rl_intro3.html);
# Sutton and Barto, chapter 13.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from IPython.display import Image, display

from ldl.notebooks.lab import FAST, report
from ldl.paths import STAGES_ROOT
from ldl.rl import pong_numpy, reinforce
from ldl.rl.envs import make_env
from ldl.rl.evaluate import run_episodes

torch.set_num_threads(1)
started = time.process_time()

# %% [markdown]
# ## 1. The score-function estimator
#
# We want to climb $J(\theta) = \mathbb{E}_{\tau \sim \pi_\theta}[R(\tau)]$, an expectation over
# trajectories whose probability $p_\theta(\tau) = \rho(s_0)\prod_t \pi_\theta(a_t \mid s_t)\,
# P(s_{t+1} \mid s_t, a_t)$ depends on $\theta$. We cannot differentiate the environment, but we do
# not need to. With $\nabla p = p\,\nabla \log p$ (the log-derivative trick):
#
# $$\nabla_\theta J = \sum_\tau \nabla_\theta p_\theta(\tau) R(\tau)
#   = \mathbb{E}_\tau\big[\nabla_\theta \log p_\theta(\tau)\, R(\tau)\big]
#   = \mathbb{E}_\tau\Big[\sum_t \nabla_\theta \log \pi_\theta(a_t \mid s_t)\, R(\tau)\Big],$$
#
# because the start distribution and the dynamics do not depend on $\theta$ and drop out of
# $\nabla \log p_\theta(\tau)$. Two refinements keep it unbiased and cut its noise: an action cannot
# change rewards that came before it, so $R(\tau)$ becomes the reward-to-go $G_t$; and any
# baseline $b(s_t)$ may be subtracted, since $\mathbb{E}_{a \sim \pi}[\nabla \log \pi(a \mid s)]\,
# b(s) = b(s)\,\nabla \sum_a \pi(a \mid s) = 0$.
#
# First a check on a one-step problem (a 3-armed bandit) where the exact gradient is available by
# autograd: the sampled estimator should agree with it.

# %%
torch.manual_seed(0)
logits = torch.tensor([0.2, -0.4, 0.1], requires_grad=True)
rewards = torch.tensor([1.0, 3.0, -2.0])
exact = torch.autograd.grad((torch.softmax(logits, 0) * rewards).sum(), logits)[0]
actions = torch.distributions.Categorical(logits=logits).sample((200_000,))  # a ~ pi
log_probs = torch.distributions.Categorical(logits=logits).log_prob(actions)
estimate = torch.autograd.grad((log_probs * rewards[actions]).mean(), logits)[0]
estimator_error = float((estimate - exact).norm() / exact.norm())
print(f"exact gradient {exact.numpy().round(3)}, score-function estimate {estimate.numpy().round(3)}")

# %% [markdown]
# ## 2. How much does a baseline buy? A variance measurement on CartPole
#
# We freeze one policy (a small network, as initialised) and estimate its gradient from one
# episode at a time, many times over, with three weightings of $\nabla \log \pi(a_t \mid s_t)$:
# the raw reward-to-go $G_t$, $G_t$ minus a constant (the average return), and $G_t - V(s_t)$ with
# a value network fitted to returns of *other* episodes (fitted on the same episodes it would leak
# information and bias the estimate). All three estimate the same gradient; their spread differs.

# %%
env = make_env("CartPole-v1")
policy, value = reinforce.make_networks(4, 2, 64)
fit_episodes = [reinforce.play_episode(env, policy, value, seed, gamma=0.99) for seed in range(100)]
obs_fit = torch.as_tensor(np.concatenate([e[0] for e in fit_episodes]))
returns_fit = torch.as_tensor(np.concatenate([e[2] for e in fit_episodes]), dtype=torch.float32)
value_optimizer = torch.optim.Adam(value.parameters(), lr=1e-2)
for _ in range(300):  # regression of V(s) on the returns that followed s
    value_loss = ((value(obs_fit).squeeze(-1) - returns_fit) ** 2).mean()
    value_optimizer.zero_grad()
    value_loss.backward()
    value_optimizer.step()
mean_return = float(returns_fit.mean())


def episode_gradient(episode, baseline):
    """One episode's estimate sum_t grad log pi(a_t|s_t) * (G_t - b_t), flattened."""
    obs, actions, returns, _ = episode
    obs = torch.as_tensor(obs)
    with torch.no_grad():
        b = {"none": torch.zeros(len(obs)), "constant": torch.full((len(obs),), mean_return),
             "learned V(s)": value(obs).squeeze(-1)}[baseline]  # fmt: skip
    weights = torch.as_tensor(returns, dtype=torch.float32) - b  # (T,)
    log_probs = torch.distributions.Categorical(logits=policy(obs)).log_prob(torch.as_tensor(actions))
    grads = torch.autograd.grad((log_probs * weights).sum(), list(policy.parameters()))
    return torch.cat([g.reshape(-1) for g in grads]).numpy()


episodes = [
    reinforce.play_episode(env, policy, value, 1_000 + i, gamma=0.99) for i in range(150 if FAST else 600)
]
variance, means = {}, {}
for baseline in ("none", "constant", "learned V(s)"):
    grads = np.stack([episode_gradient(e, baseline) for e in episodes])  # (episodes, parameters)
    variance[baseline] = float(grads.var(axis=0).sum())  # total variance of the estimator
    means[baseline] = grads.mean(axis=0)
    print(f"baseline {baseline:13s} total variance {variance[baseline]:10.1f}")
cosine = float(
    means["none"]
    @ means["learned V(s)"]
    / np.linalg.norm(means["none"])
    / np.linalg.norm(means["learned V(s)"])
)
print(f"cosine between the mean gradients with and without the learned baseline: {cosine:.2f}")

fig, ax = plt.subplots(figsize=(5, 2.8))
ax.bar(list(variance), list(variance.values()))
ax.set(ylabel="total variance of one-episode gradient", title="Same gradient, less noise")
plt.show()

# %% [markdown]
# Without a baseline every action of a 20-step episode is pushed up by a positive return, good or
# bad; what separates actions is only the small difference between returns. The baseline removes
# the common part. (The mean gradients still point the same way: the cosine printed above is close
# to 1 and gets closer with more episodes, since both are unbiased.)
#
# ## 3. REINFORCE with a learned baseline
#
# `ldl.rl.reinforce` plays a few whole episodes, computes $G_t$, and minimises
# $-\frac{1}{N}\sum_t \log \pi(a_t \mid s_t)\,(G_t - V(s_t))$ plus a value loss. The run is logged
# like every reference run (`ldl runs` lists it).

# %%
run = reinforce.train(reinforce.Config(num_episodes=300 if FAST else 1_000, seed=0))
coin = np.random.default_rng(0)
random_return = float(np.mean(run_episodes(env, lambda s: int(coin.integers(2)), 20, seed=50_000)))
print(f"REINFORCE: mean return of the last 20 episodes {run.metrics['mean_return_20']:.1f} "
      f"after {run.metrics['episodes']} episodes; a random policy scores {random_return:.1f}")  # fmt: skip
display(Image(filename=str(run.run_dir / "plots" / "metrics.png")))

# %% [markdown]
# ## 4. Pong from pixels, in NumPy
#
# Karpathy's agent is a two-layer network that reads the screen and outputs one number, the
# probability of moving the paddle up. Its input is not a frame but the **difference of two
# consecutive preprocessed frames**: static things (the score, the walls) cancel out and what is
# left shows where the ball and the paddles moved, which is exactly what a single frame cannot say.

# %%
pong = make_env("ALE/Pong-v5", repeat_action_probability=0.0)
frame, _ = pong.reset(seed=0)
seen = [frame]
for t in range(50):  # the ball is served after a moment; move the paddle meanwhile
    seen.append(pong.step(pong_numpy.UP if t % 16 < 8 else pong_numpy.DOWN)[0])
before, after = pong_numpy.preprocess(seen[-2]), pong_numpy.preprocess(seen[-1])  # (6400,) each
difference = after - before
assert set(np.unique(after)) <= {0.0, 1.0}
fig, axes = plt.subplots(1, 4, figsize=(12, 3))
axes[0].imshow(seen[-1])
panels = [(before, "gray", 0), (after, "gray", 0), (difference, "coolwarm", -1)]  # (image, colours, vmin)
for ax, (image, cmap, vmin) in zip(axes[1:], panels):
    ax.imshow(image.reshape(80, 80), cmap=cmap, vmin=vmin, vmax=1)
for ax, title in zip(axes, ["raw frame", "x(t-1)", "x(t)", "difference frame"]):
    ax.set(title=title, xticks=[], yticks=[])
plt.show()
print(f"pixels that changed: {np.count_nonzero(difference)} of 6400")

# %% [markdown]
# The network's gradient is written by hand: for the sampled action $y \in \{0, 1\}$ (1 = up) and
# $p = \sigma(\text{logit})$, $\partial \log \pi(y) / \partial\,\text{logit} = y - p$, and
# backpropagation through the ReLU layer gives the weights' gradients. A finite-difference check
# confirms `policy_backward` on a random input.

# %%
rng = np.random.default_rng(0)
model = pong_numpy.init_model(32, rng)
x = difference if np.any(difference) else rng.standard_normal(6400)
p, h = pong_numpy.policy_forward(model, x)
grads = pong_numpy.policy_backward(model, x[None], h[None], np.array([1.0 - p]))  # action: up


def log_prob_up(m):
    return np.log(pong_numpy.policy_forward(m, x)[0])


errors = []
for key, index in [("W2", (3,)), ("W2", (17,)), ("W1", (5, int(np.flatnonzero(x)[0]) if np.any(x) else 0))]:
    shifted = {k: v.copy() for k, v in model.items()}
    shifted[key][index] += 1e-6
    numeric = (log_prob_up(shifted) - log_prob_up(model)) / 1e-6
    errors.append(abs(numeric - grads[key][index]) / max(1e-8, abs(numeric) + abs(grads[key][index])))
gradient_check_error = float(max(errors))
print(f"largest relative error, analytic vs finite differences: {gradient_check_error:.2e}")

# %% [markdown]
# Now the agent itself, as `ldl.rl.pong_numpy.train` runs it: a few short episodes in fast mode
# (each cut at 200 steps), whole games otherwise. Do not expect learning here: it takes about a
# thousand games. Karpathy's agent needed about 8,000 (several nights on a laptop) to draw level
# with the built-in player; ldl's run, with a learning rate ten times larger, got there after 1,136
# games, an hour and a half on one core. Start the long run with `ldl run deep-rl.pong-numpy`; it
# resumes exactly where you stop it. At the end a
# run plays fresh games with `KarpathyPlayer` (the trained policy, sampling as it trained, with its
# memory of the previous frame reset at each game) and records one of them as a GIF.

# %%
config = pong_numpy.Config(fast=True) if FAST else pong_numpy.Config(num_episodes=20, eval_episodes=2)
pong_run = pong_numpy.train(config)
print(
    f"Pong: {pong_run.metrics['episodes']} episodes, running return {pong_run.metrics['running_return']:.2f}, "
    f"fresh games {pong_run.metrics['eval_mean_return']:+.1f}"
)
display(Image(filename=str(pong_run.run_dir / "plots" / "agent.gif")))

# %% [markdown]
# And this is what the long run plays after 1,874 games (2.4 hours on one core, its running mean at
# +3.8): the same 200 hidden units and the same NumPy code, from a checkpoint of
# `ldl run deep-rl.pong-numpy`; the GIF (the first 2,000 steps of a fresh game, 8-8 when it stops)
# ships with ldl. Karpathy's agent is the green paddle on the right. Watch how it meets the ball: a
# policy that sees only difference frames has learned where the ball is going. In 20 fresh games
# this checkpoint scored +3.1 on average and won 13.

# %%
display(Image(filename=str(STAGES_ROOT / "5-deep-rl" / "media" / "pong-numpy.gif")))

# %% [markdown]
# ## What to reproduce
#
# - Show that the baseline leaves the expected gradient unchanged: with 2,000 episodes, compare the
#   mean gradients with and without it coordinate by coordinate.
# - Train REINFORCE on CartPole with no baseline, a constant one and a learned one (edit
#   `reinforce.py`'s loss or write your own from the `reinforce_loss` exercise), 5 seeds each, and
#   plot the learning curves with their interquartile means.
# - Run Karpathy's agent (`ldl run deep-rl.pong-numpy`, stop and resume it as you like) and plot
#   the running return with `python benchmarks/ppo_pong.py curve --run RUN_DIR --plot pong.png`:
#   ldl's run passed 0 after about 1,100 games (docs/rl.md). Then try the sum of frames instead of
#   their difference, or Karpathy's learning rate of 1e-4 (`--set lr=0.0001`), and see what each costs.

# %%
print(f"CPU seconds for this lab: {time.process_time() - started:.1f}")
report(
    reinforce_mean_return=run.metrics["mean_return_20"],
    variance_ratio_learned_baseline=variance["learned V(s)"] / variance["none"],
    estimator_relative_error=estimator_error,
    pong_gradient_check_error=gradient_check_error,
    random_return=random_return,
    expect={
        "reinforce_mean_return": (">", 2 * random_return),
        "variance_ratio_learned_baseline": ("<", 0.75),
        "estimator_relative_error": ("<", 0.05),
        "pong_gradient_check_error": ("<", 1e-3),
    },
)
