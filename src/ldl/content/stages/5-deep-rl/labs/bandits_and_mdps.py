# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: bandits_and_mdps
#     title: "Bandits and MDPs: exploration, reward and return"
#     unit: deep-rl.tabular
#     order: 1
#     goals: [1, 3]
#     minutes: 45
#     tour: true
#     fast_timeout: 90
# ---

# %% [markdown]
# # Bandits and MDPs: exploration, reward and return
#
# Reinforcement learning starts with a question supervised learning never asks: *which data
# should I collect?* An agent only sees the reward of the action it took, so it must balance
# **exploiting** what looks best with **exploring** what might be better. The simplest setting
# with that tension is the multi-armed bandit: one state, $k$ actions, noisy rewards. Then we add
# states and consequences, and arrive at a Markov decision process with returns and a discount.
#
# **Accompanies:** Sutton and Barto, chapters 2 and 3
# ([free PDF](http://incompleteideas.net/book/RLbook2020.pdf)); unit 1 of the
# [Hugging Face Deep RL course](https://huggingface.co/learn/deep-rl-course/unit1/introduction).

# %%
import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np

from ldl.notebooks.lab import FAST, report

RUNS = 300 if FAST else 2000
STEPS = 1000

# %% [markdown]
# ## 1. The 10-armed testbed
#
# Each of $k = 10$ arms has a true mean $q_*(a) \sim \mathcal N(0, 1)$; pulling it pays
# $q_*(a) + \mathcal N(0, 1)$. An agent keeps an estimate $Q(a)$ (the sample average of what arm $a$
# paid) and chooses by one of three rules:
#
# - **greedy**: always the arm with the highest $Q$;
# - **$\epsilon$-greedy**: a random arm with probability $\epsilon$;
# - **UCB**: $\arg\max_a Q(a) + c\sqrt{\ln t / N(a)}$, a bonus for arms tried rarely ("optimism in
#   the face of uncertainty").
#
# We run many independent bandit problems at once, vectorised over runs, so the whole experiment
# takes seconds.


# %%
def run_testbed(rule, runs=RUNS, steps=STEPS, k=10, epsilon=0.1, c=2.0, seed=0):
    rng = np.random.default_rng(seed)
    q_star = rng.normal(size=(runs, k))  # (R, k): the true means
    best = q_star.argmax(axis=1)
    Q, N = np.zeros((runs, k)), np.zeros((runs, k))
    rewards, optimal = np.zeros(steps), np.zeros(steps)
    rows = np.arange(runs)
    for t in range(steps):
        if rule == "ucb":
            bonus = c * np.sqrt(np.log(t + 1) / np.maximum(N, 1e-12))
            action = np.argmax(np.where(N == 0, np.inf, Q + bonus), axis=1)
        else:
            noise = rng.random((runs, k)) * 1e-9  # random tie-breaking among equal estimates
            action = np.argmax(Q + noise, axis=1)
            if rule == "epsilon":
                explore = rng.random(runs) < epsilon
                action = np.where(explore, rng.integers(0, k, runs), action)
        reward = q_star[rows, action] + rng.normal(size=runs)
        N[rows, action] += 1
        Q[rows, action] += (reward - Q[rows, action]) / N[rows, action]  # incremental sample average
        rewards[t], optimal[t] = reward.mean(), (action == best).mean()
    return rewards, optimal


curves = {name: run_testbed(rule, **kw) for name, rule, kw in [
    ("greedy", "greedy", {}),
    ("epsilon-greedy, 0.1", "epsilon", {"epsilon": 0.1}),
    ("epsilon-greedy, 0.01", "epsilon", {"epsilon": 0.01}),
    ("UCB, c = 2", "ucb", {}),
]}  # fmt: skip

fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
for name, (rewards, optimal) in curves.items():
    axes[0].plot(np.convolve(rewards, np.ones(20) / 20, mode="valid"), label=name)
    axes[1].plot(np.convolve(optimal, np.ones(20) / 20, mode="valid"), label=name)
axes[0].set(xlabel="step", ylabel="average reward")
axes[1].set(xlabel="step", ylabel="% optimal arm", ylim=(0, 1))
axes[1].legend()
plt.show()

# %%
final = {name: float(optimal[-100:].mean()) for name, (rewards, optimal) in curves.items()}
print({name: round(value, 3) for name, value in final.items()})

# %% [markdown]
# Greedy locks onto the first arm that paid well and ends up on the best arm only about a third
# of the time. A little exploration fixes that; UCB explores *where it matters* (arms with few
# pulls) and does best here. Notice the trade-off in $\epsilon$: 0.1 finds the best arm sooner,
# 0.01 wastes less once it has.
#
# ## 2. From bandits to MDPs: actions have consequences
#
# In an MDP the action also changes the *state*, and with it every future reward. The agent
# maximises the **return** $G_t = r_{t+1} + \gamma r_{t+2} + \gamma^2 r_{t+3} + \dots$, where the
# discount $\gamma \in [0, 1)$ makes a reward $k$ steps away worth $\gamma^k$ of an immediate one.
# Let's look at FrozenLake through Gymnasium's API: `reset` gives the first observation, `step`
# gives `(observation, reward, terminated, truncated, info)`.

# %%
env = gym.make("FrozenLake-v1", is_slippery=True)
obs, info = env.reset(seed=0)
print("observation space:", env.observation_space, "| action space:", env.action_space)
trajectory = []
done = False
while not done:
    action = env.action_space.sample()
    obs, reward, terminated, truncated, info = env.step(action)
    trajectory.append((obs, reward, terminated, truncated))
    done = terminated or truncated
print(f"a random episode of {len(trajectory)} steps ended with", trajectory[-1])

# %% [markdown]
# Two ways to end: **terminated** means the MDP reached a terminal state (a hole or the goal);
# **truncated** means a time limit cut the episode (100 steps here). They must be treated
# differently by every learning algorithm in this stage: a terminal state is worth 0, a truncated
# one still has a future. Let's count how random episodes end (a random walk almost always falls
# into a hole long before the limit; a careful agent is the one that meets the time limit).

# %%
ends = {"goal": 0, "hole": 0, "time limit": 0}
episodes = 2000 if FAST else 10000
for i in range(episodes):
    env.reset(seed=i)
    while True:
        _, reward, terminated, truncated, _ = env.step(env.action_space.sample())
        if terminated:
            ends["goal" if reward > 0 else "hole"] += 1
            break
        if truncated:
            ends["time limit"] += 1
            break
print({k: f"{v / episodes:.1%}" for k, v in ends.items()})

# %% [markdown]
# ## 3. What the discount does to a return
#
# The same reward sequence is worth very different amounts under different discounts. A reward
# of 1 at the goal after $T$ steps is worth $\gamma^{T-1}$ from the start: with $\gamma = 0.9$ a
# goal 20 steps away is worth 0.135, with $\gamma = 0.99$ it is worth 0.83. The discount is part of
# the problem you pose: a small one makes the agent short-sighted.

# %%
steps_to_goal = np.arange(1, 61)
fig, ax = plt.subplots(figsize=(6, 3))
for gamma in (0.5, 0.9, 0.99, 1.0):
    ax.plot(steps_to_goal, gamma ** (steps_to_goal - 1), label=f"gamma = {gamma}")
ax.set(xlabel="steps until the reward", ylabel="its value now", title="Discounting a reward of 1")
ax.legend()
plt.show()

# %% [markdown]
# ## What to take away
#
# - Exploration is not optional: a greedy learner gets stuck on the first good-looking choice.
# - An MDP adds states and consequences; the agent maximises the discounted return.
# - Episodes end by termination (the MDP's own end) or truncation (a time limit). Remember the
#   difference: it comes back in every algorithm of this stage.
#
# **Reproduce it yourself.** In a blank notebook, write the 10-armed testbed for a single run
# with a Python loop, then vectorise it over 2,000 runs as above, and reproduce the "% optimal
# arm" curves for greedy, epsilon-greedy and UCB. Then grade `ldl check epsilon_greedy`.

# %%
report(
    ucb_optimal=final["UCB, c = 2"],
    epsilon_optimal=final["epsilon-greedy, 0.1"],
    greedy_optimal=final["greedy"],
    random_goal_rate=ends["goal"] / episodes,
    expect={
        "ucb_optimal": (">", final["greedy"] + 0.1),
        "epsilon_optimal": (">", final["greedy"] + 0.1),
        "greedy_optimal": (">", 0.1 + 0.1),  # far better than picking an arm at random (10%)
    },
)
