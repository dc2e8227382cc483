# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: dynamic_programming
#     title: "Dynamic programming: planning with a model of the world"
#     unit: deep-rl.tabular
#     order: 2
#     goals: [1, 2]
#     minutes: 60
#     tour: true
#     fast_timeout: 120
# ---

# %% [markdown]
# # Dynamic programming: planning with a model of the world
#
# Before an agent learns from experience, it helps to see what "solving" a problem means when we
# are handed its rules. A **Markov decision process** gives, for every state and action, where
# you may land and what you earn. With that model in hand, the Bellman equations can be solved
# by sweeping over the states: this is **dynamic programming**. Every later method in this
# stage (Monte Carlo, TD, DQN, PPO) approximates what these few lines compute exactly.
#
# We plan on three of Gymnasium's small worlds, FrozenLake (slippery ice and holes), Taxi (pick up
# and drop off a passenger) and CliffWalking (a shortcut along a cliff edge), and check every
# number twice: once by planning, once by playing the resulting policy in the real environment.
#
# **Accompanies:** Sutton and Barto, *Reinforcement Learning: An Introduction*, chapters 3-4
# ([free PDF](http://incompleteideas.net/book/RLbook2020.pdf)), and unit 2 of the
# [Hugging Face Deep RL course](https://huggingface.co/learn/deep-rl-course/unit2/introduction).

# %%
import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np

from ldl.notebooks.lab import FAST, report
from ldl.rl.evaluate import run_episodes
from ldl.rl.tabular import (
    TabularModel,
    finite_horizon,
    finite_horizon_evaluation,
    policy_evaluation,
    policy_iteration,
    start_value,
    value_iteration,
)

# %% [markdown]
# ## 1. The model as arrays
#
# Gymnasium's toy-text environments publish their rules as `env.unwrapped.P[s][a]`, a list of
# `(probability, next_state, reward, terminated)`. `TabularModel.from_env` turns that into two
# arrays: `transitions[s, a, s']` (the chance of moving to `s'` and carrying on; moves into a
# terminal state are left out, since nothing follows them) and `rewards[s, a]` (the expected
# immediate reward). Then one Bellman backup for every state at once is a single line,
# `Q = R + gamma * T @ V`.

# %%
lake = gym.make("FrozenLake-v1", is_slippery=True)
model = TabularModel.from_env(lake)
print("states, actions:", model.num_states, model.num_actions)
print(
    "from the start, action 'right' leads to:",
    {s: round(float(p), 3) for s, p in enumerate(model.transitions[0, 2]) if p},
)

# %% [markdown]
# On slippery ice the intended move happens only a third of the time; the other two thirds slide
# you sideways. That is what makes FrozenLake interesting: the best path is not the shortest one.
#
# ## 2. How good is a random policy?
#
# **Policy evaluation** solves the Bellman *expectation* equation $V = R_\pi + \gamma T_\pi V$ for
# a fixed policy. For a small problem we can solve the linear system exactly. A uniformly random
# policy is a mixture of the four deterministic ones, so we average its rows first.

# %%
random_transitions = model.transitions.mean(axis=1)  # (S, S): each action with probability 1/4
random_rewards = model.rewards.mean(axis=1)
v_random = np.linalg.solve(np.eye(model.num_states) - 0.99 * random_transitions, random_rewards)
random_success = float(
    np.mean(run_episodes(lake, lambda obs: lake.action_space.sample(), 2000 if not FAST else 400, seed=0))
)
print(
    f"random policy: V(start) = {v_random[0]:.4f} (discounted), success rate when played = {random_success:.3f}"
)

# %% [markdown]
# ## 3. Value iteration
#
# Value iteration applies the Bellman *optimality* backup, $V \leftarrow \max_a (R + \gamma T V)$,
# until nothing changes. The largest change shrinks by at least a factor $\gamma$ per sweep (the
# backup is a contraction), which the plot shows as a straight line on a log scale.


# %%
def sweeps(model, gamma, count):
    values, changes = np.zeros(model.num_states), []
    for _ in range(count):
        new = model.q_values(values, gamma).max(axis=1)
        changes.append(np.max(np.abs(new - values)))
        values = new
    return changes


fig, ax = plt.subplots(figsize=(6, 3.2))
for gamma in (0.9, 0.99):
    ax.semilogy(sweeps(model, gamma, 300), label=f"gamma = {gamma}")
ax.set(xlabel="sweep", ylabel="largest change", title="Value iteration on FrozenLake converges geometrically")
ax.legend()
plt.show()

# %%
v_star, greedy, iterations = value_iteration(model, gamma=0.99)
print(f"value iteration: {iterations} sweeps, V*(start) = {v_star[0]:.4f}")

# %% [markdown]
# Let's draw the values and the greedy action in each cell. Notice the policy often points *away*
# from the goal: on slippery ice, pushing against a wall is the only way to be sure you will not
# slide into a hole.


# %%
def draw_policy(values, policy, grid, ax, title):
    size = len(grid)
    ax.imshow(values.reshape(size, size), cmap="viridis")
    arrows = {0: (-0.3, 0), 1: (0, 0.3), 2: (0.3, 0), 3: (0, -0.3)}  # left, down, right, up
    for s in range(size * size):
        row, col = divmod(s, size)
        cell = grid[row][col]
        if cell in "HG":
            ax.text(col, row, cell, ha="center", va="center", color="white", fontsize=14, weight="bold")
            continue
        dx, dy = arrows[int(policy[s])]
        ax.arrow(
            col - dx / 2, row - dy / 2, dx, dy, head_width=0.15, color="white", length_includes_head=True
        )
    ax.set(title=title, xticks=[], yticks=[])


grid = lake.unwrapped.desc.astype(str)
fig, ax = plt.subplots(figsize=(4, 4))
draw_policy(v_star, greedy, grid, ax, "FrozenLake: V* and the greedy policy")
plt.show()

# %% [markdown]
# ## 4. Policy iteration reaches the same answer in a handful of steps
#
# Policy iteration alternates *exact* evaluation with greedy improvement. Each improvement is a
# big step, so it needs far fewer iterations (each one costs a linear solve). Note the tie rule in
# `policy_iteration`: keep the current action when another is only equally good, or the loop can
# switch forever between equally good policies (Sutton and Barto, exercise 4.4; you implement it
# in the `policy_improvement` exercise).

# %%
v_pi, pi_policy, improvements = policy_iteration(model, gamma=0.99)
print(
    f"policy iteration: {improvements} improvements; largest difference to value iteration's values:"
    f" {np.max(np.abs(v_pi - v_star)):.2e}"
)

# %% [markdown]
# ## 5. The time limit is part of the problem
#
# FrozenLake-v1 ends every episode after 100 steps (`truncated=True`). The careful, wall-hugging
# policy is slow, so the limit costs it some successes. With $\gamma = 1$ and reward 1 at the
# goal, the value of the start is exactly the probability of success, and **backward induction**
# over 100 steps gives the best success rate *with* the limit. A stationary policy (one action per
# state, whatever the clock says) does a little worse than the time-aware optimum.

# %%
no_limit, no_limit_policy, _ = value_iteration(model, gamma=1.0, tol=1e-12)
horizon_values, horizon_policies = finite_horizon(model, horizon=100)
stationary = finite_horizon_evaluation(model, no_limit_policy, horizon=100)
print(f"success without a time limit (gamma = 1):      {start_value(model, no_limit):.4f}")
print(f"best success within 100 steps (time-aware):    {start_value(model, horizon_values[100]):.4f}")
print(f"the stationary optimal policy within 100 steps: {start_value(model, stationary):.4f}")

# %% [markdown]
# Now the real test: play the stationary policy in the environment, with its 100-step limit, over
# many seeded episodes. The measured success rate should sit within sampling error of the
# planned $0.73$ (a standard error of about $\sqrt{0.74 \cdot 0.26 / n}$).

# %%
episodes = 1000 if FAST else 5000
played = run_episodes(lake, lambda obs: int(no_limit_policy[obs]), episodes, seed=1)
success = float(np.mean(played))
stderr = np.sqrt(success * (1 - success) / episodes)
print(f"played {episodes} episodes: success {success:.3f} ± {1.96 * stderr:.3f} (95%)")

# %% [markdown]
# ## 6. Taxi and CliffWalking
#
# Both have deterministic moves and a reward of -1 per step, so $\gamma = 1$ is fine (every good
# policy ends the episode). On CliffWalking the optimal path walks right along the cliff edge: 13
# steps, return -13. On Taxi the optimal expected return from a random start is about 7.9 (20 for
# the drop-off minus the steps taken).

# %%
results = {}
for env_id in ("Taxi-v4", "CliffWalking-v1"):
    env = gym.make(env_id)
    env_model = TabularModel.from_env(env)
    values, policy, _ = value_iteration(env_model, gamma=1.0)
    planned = start_value(env_model, values)
    measured = float(
        np.mean(run_episodes(env, lambda obs, p=policy: int(p[obs]), 200 if FAST else 1000, seed=2))
    )
    results[env_id] = (planned, measured)
    print(f"{env_id:16s} planned {planned:7.3f}   played {measured:7.3f}")

# %% [markdown]
# ## What to take away
#
# - With a model, the Bellman equations are solved by sweeps; the answer is exact and checkable.
# - Value iteration and policy iteration reach the same values; policy iteration in fewer, costlier
#   steps.
# - A time limit changes the problem: FrozenLake's best success is 0.82 without it, 0.74 with it.
#   Remember this when an agent "bootstraps through" a truncation: the limit is not a terminal state
#   of the world, but it is part of the task you measure.
#
# **Reproduce it yourself.** In a blank notebook, build FrozenLake's arrays from `env.unwrapped.P`
# with your own loop (no `TabularModel`), write value iteration in ten lines, and check that you
# get $V^*(\text{start}) = 0.82$ for $\gamma = 1$ and that playing your greedy policy succeeds about
# 74% of the time within the 100-step limit. Then do the graded exercises `bellman_backup`,
# `value_iteration` and `policy_improvement` (`ldl check value_iteration`).

# %%
planned_success = start_value(model, stationary)
report(
    frozenlake_success=success,
    planned_success=planned_success,
    random_success=random_success,
    taxi_return=results["Taxi-v4"][1],
    cliff_return=results["CliffWalking-v1"][1],
    expect={
        "frozenlake_success": (">", max(random_success + 0.4, planned_success - 5 * stderr)),
        "planned_success": (">", 0.72),
        "taxi_return": (">", 6.0),
        "cliff_return": (">=", -13.0),
    },
)
