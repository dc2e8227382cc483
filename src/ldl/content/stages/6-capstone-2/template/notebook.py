# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # __PROJECT_TITLE__
#
# *One sentence: what you set out to find, and what you found.*

# %% [markdown]
# ## The task
#
# *Which environment, what are its observations, actions and rewards, and what behaviour would show
# the agent has learned?*

# %%
import json
import os
import random
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch
from agent import Agent, Config
from PIL import Image

# A placeholder task so that the structure is clear: CartPole with the agent in agent.py (a
# skeleton for you to write). Replace the environment and the agent with your project's.
FAST = os.environ.get("LDL_FAST") == "1"
TRAIN_SEEDS = [0, 1, 2, 3, 4]  # one agent per seed
EVAL_SEEDS = list(range(1000, 1010))  # environment seeds never used in training
EPISODES = 40 if FAST else 400
torch.set_num_threads(1)  # identical results from run to run
Path("figures").mkdir(exist_ok=True)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def evaluate(policy, seeds: list[int]) -> float:
    """Mean return of `policy(observation) -> action` over one episode per environment seed."""
    env, returns = gym.make("CartPole-v1"), []
    for seed in seeds:
        observation, _ = env.reset(seed=seed)
        total, done = 0.0, False
        while not done:
            observation, reward, terminated, truncated, _ = env.step(policy(observation))
            total, done = total + reward, terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


# %% [markdown]
# ## Baselines
#
# *What do a random agent and a simple scripted or tabular agent score, over several episodes?*

# %%
coin = np.random.default_rng(0)
random_score = evaluate(lambda observation: int(coin.integers(2)), EVAL_SEEDS)
scripted_score = evaluate(lambda o: int(o[2] + 0.5 * o[3] > 0), EVAL_SEEDS)
print(f"random agent: {random_score:.1f}   scripted agent: {scripted_score:.1f}")

# %% [markdown]
# ## The algorithm
#
# *Which algorithm and why it suits this task? State its key equations in your own words before the
# code.*

# %% [markdown]
# ## The implementation
#
# *The networks, the buffer or rollout storage, and the update, written by you; test each piece on an
# easy environment first.*

# %%
check = Agent(4, 2, Config(gamma=0.5)).returns_to_go([1.0, 1.0, 1.0])
assert torch.allclose(check, torch.tensor([1.75, 1.5, 1.0])), check

# %% [markdown]
# ## Training
#
# *Which hyperparameters, and how did you choose them? Show learning curves over at least five seeds
# with their spread.*


# %%
def train(seed: int) -> tuple[Agent, list[float]]:
    seed_everything(seed)
    env, agent = gym.make("CartPole-v1"), Agent(4, 2, Config())
    generator = torch.Generator().manual_seed(seed)
    curve = []
    for episode in range(EPISODES):
        observation, _ = env.reset(seed=seed * 100_000 + episode)
        observations, actions, rewards, done = [], [], [], False
        while not done:
            action = agent.act(observation, generator)
            observations.append(observation)
            actions.append(action)
            observation, reward, terminated, truncated, _ = env.step(action)
            rewards.append(float(reward))
            done = terminated or truncated
        agent.update(np.array(observations), actions, rewards)
        curve.append(sum(rewards))
    return agent, curve


agents, curves = {}, {}
for seed in TRAIN_SEEDS:
    agents[seed], curves[seed] = train(seed)
    print(f"seed {seed}: last 10 episodes {np.mean(curves[seed][-10:]):.1f}")

# %% [markdown]
# *Why is the next cell here?*

# %%
import matplotlib.pyplot as plt  # noqa: E402  (figures only from here on)

fig, axis = plt.subplots(figsize=(5, 3))
for seed, curve in curves.items():
    smooth = np.convolve(curve, np.ones(10) / 10, mode="valid")
    axis.plot(smooth, label=f"seed {seed}")
axis.set_xlabel("episode")
axis.set_ylabel("return")
axis.legend()
fig.savefig("figures/learning_curves.png", bbox_inches="tight")

# %% [markdown]
# ## The agent in action
#
# *A few frames or a short recording of the trained agent, and what it does well and badly.*


# %%
def iqm(values) -> float:
    ordered = np.sort(values)
    cut = int(0.25 * len(ordered))
    return float(ordered[cut : len(ordered) - cut].mean())


def bootstrap_ci(values, rng, resamples: int = 2000) -> tuple[float, float]:
    values = np.asarray(values)
    draws = rng.integers(0, len(values), size=(resamples, len(values)))  # (resamples, seeds)
    statistics = [iqm(values[row]) for row in draws]
    return float(np.percentile(statistics, 2.5)), float(np.percentile(statistics, 97.5))


scores = [evaluate(lambda o, a=agents[seed]: a.act(o, greedy=True), EVAL_SEEDS) for seed in TRAIN_SEEDS]
baseline = [random_score] * len(TRAIN_SEEDS)
summary = {}
for who, values in (("model", scores), ("baseline", baseline)):
    low, high = bootstrap_ci(values, np.random.default_rng(0))
    summary[who] = {"iqm": iqm(values), "ci_low": low, "ci_high": high}
print("per seed:", scores, "\n", json.dumps(summary, indent=1))

# %% [markdown]
# *Why is the next cell here?*

# %%
best = TRAIN_SEEDS[int(np.argmax(scores))]
env = gym.make("CartPole-v1", render_mode="rgb_array")
observation, _ = env.reset(seed=EVAL_SEEDS[0])
frames = []
for step in range(60 if FAST else 300):
    if step % 2 == 0:
        frames.append(Image.fromarray(env.render()).resize((300, 200)))
    observation, _, terminated, truncated, _ = env.step(agents[best].act(observation, greedy=True))
    if terminated or truncated:
        break
frames[0].save("figures/agent.gif", save_all=True, append_images=frames[1:], duration=40, loop=0)
results = {
    "metric": "mean evaluation return",
    "higher_is_better": True,
    "seeds": TRAIN_SEEDS,
    "eval_seeds": EVAL_SEEDS,
    "model": scores,
    "baseline": baseline,
    "baseline_name": "random agent",
    "summary": summary,
    "video": "figures/agent.gif",
}
Path("results.json").write_text(json.dumps(results, indent=2))

# %% [markdown]
# ## Limits and next steps
#
# *What did not work, what is sensitive to the seed or a hyperparameter, and what would you try next?*

# %% [markdown]
# ## Reproduce
#
# *The command (or the cell) that reruns the main result, with the seeds and the compute it needs.*

# %% [markdown]
# ## References
#
# *Link every paper, course, dataset and piece of code you used or learned from, each with a line on
# what you took from it.*
