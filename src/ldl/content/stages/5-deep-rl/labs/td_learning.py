# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: td_learning
#     title: "Monte Carlo and TD learning: SARSA, Q-learning and the cliff"
#     unit: deep-rl.tabular
#     order: 3
#     goals: [2, 3]
#     minutes: 75
#     tour: true
#     fast_timeout: 150
# ---

# %% [markdown]
# # Monte Carlo and TD learning: SARSA, Q-learning and the cliff
#
# Dynamic programming needed the rules of the world. Real agents do not get them: they act, see
# what happens, and improve. This lab learns Q-values from experience alone, three ways, and
# compares them with the exact answers from the dynamic programming lab:
#
# - **Monte Carlo control** waits for the end of an episode and moves each $Q(s, a)$ towards the
#   return that followed;
# - **SARSA** and **Q-learning** update after every step towards a *bootstrapped* target,
#   $r + \gamma\,Q(s', a')$ or $r + \gamma \max_a Q(s', a)$.
#
# The famous CliffWalking experiment (Sutton and Barto, example 6.6) shows the one difference that
# matters: SARSA learns the value of the policy it *follows* (exploration included), Q-learning the
# value of the greedy policy it will *eventually* follow.
#
# **Accompanies:** Sutton and Barto, chapters 5 and 6
# ([free PDF](http://incompleteideas.net/book/RLbook2020.pdf)); David Silver's lectures 4-5 in the
# [UCL course on RL](https://www.davidsilver.uk/teaching/); Lilian Weng's
# [A (Long) Peek into Reinforcement Learning](https://lilianweng.github.io/posts/2018-02-19-rl-overview/).

# %%
import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np

from ldl.notebooks.lab import FAST, report
from ldl.rl.evaluate import bootstrap_ci, run_episodes
from ldl.rl.tabular import TabularModel, monte_carlo_control, td_control, value_iteration

SEEDS = [0, 1, 2] if FAST else [0, 1, 2, 3, 4]
EPISODES = 300 if FAST else 500

# %% [markdown]
# ## 1. The cliff
#
# A 4x12 grid: start bottom-left, goal bottom-right, and the cells between them are a cliff (step
# in: reward -100 and back to the start). Every step costs -1. The optimal path hugs the edge:
# 13 steps, return -13. Dynamic programming confirms it.

# %%
cliff = gym.make("CliffWalking-v1")
optimum = value_iteration(TabularModel.from_env(cliff), gamma=1.0)[0][36]
print("optimal return from the start:", optimum)

# %% [markdown]
# ## 2. SARSA vs Q-learning, acting epsilon-greedily
#
# Both learn with $\epsilon = 0.1$: one move in ten is random. Near the cliff edge a random move
# can be fatal. We train each method on several seeds and plot the return of every *training*
# episode (smoothed), the quantity Sutton and Barto plot.


# %%
def smooth(values, width=20):
    values = np.asarray(values, dtype=float)
    return np.convolve(values, np.ones(width) / width, mode="valid")


runs = {}
for method in ("sarsa", "q_learning", "expected_sarsa"):
    runs[method] = [td_control(gym.make("CliffWalking-v1"), method, EPISODES, alpha=0.5, gamma=1.0,
                               epsilon=0.1, seed=seed) for seed in SEEDS]  # fmt: skip

fig, ax = plt.subplots(figsize=(7, 3.5))
for method, results in runs.items():
    curve = np.mean([smooth(r.episode_returns) for r in results], axis=0)
    ax.plot(curve, label=method)
ax.axhline(optimum, color="k", ls=":", label="optimum (-13)")
ax.set(ylim=(-120, 0), xlabel="episode", ylabel="return while training (smoothed)",
       title=f"CliffWalking, epsilon = 0.1, mean of {len(SEEDS)} seeds")  # fmt: skip
ax.legend()
plt.show()

online = {
    method: float(np.mean([np.mean(r.episode_returns[-100:]) for r in results]))
    for method, results in runs.items()
}
print("mean training return over the last 100 episodes:", {m: round(v, 1) for m, v in online.items()})

# %% [markdown]
# SARSA earns more *while training*: it has learned that cells next to the cliff are dangerous
# for an agent that sometimes stumbles, and walks the safe path along the top. Q-learning's
# values describe the greedy policy, so it walks the edge and falls whenever exploration pushes
# it. Expected SARSA averages over the next action instead of sampling it and learns the safe
# path with less noise.
#
# ## 3. What each method learned, acting greedily
#
# Switch exploration off and play each learned greedy policy. Q-learning's greedy policy is
# the optimal one (-13); SARSA's is the safe detour (about -17).


# %%
def greedy_return(result):
    return run_episodes(
        gym.make("CliffWalking-v1", max_episode_steps=200), lambda s: int(result.q[s].argmax()), 1, seed=0
    )[0]


greedy = {method: [greedy_return(r) for r in results] for method, results in runs.items()}
for method, returns in greedy.items():
    print(f"{method:15s} greedy return per seed: {returns}")


# %%
def draw_path(result, ax, title):
    env = gym.make("CliffWalking-v1", max_episode_steps=60)
    state, _ = env.reset(seed=0)
    path, done = [state], False
    while not done:
        state, _, terminated, truncated, _ = env.step(int(result.q[state].argmax()))
        path.append(state)
        done = terminated or truncated
    board = np.zeros((4, 12))
    board[3, 1:11] = -1  # the cliff
    ax.imshow(board, cmap="Reds_r", vmin=-1, vmax=0)
    rows, cols = np.divmod(np.array(path), 12)
    ax.plot(cols, rows, "o-", color="tab:blue")
    ax.set(title=title, xticks=[], yticks=[])


fig, axes = plt.subplots(1, 2, figsize=(9, 2.2))
draw_path(runs["sarsa"][0], axes[0], "SARSA: the safe path")
draw_path(runs["q_learning"][0], axes[1], "Q-learning: along the edge")
plt.show()

# %% [markdown]
# ## 4. Monte Carlo vs Q-learning on FrozenLake: when bootstrapping pays
#
# Monte Carlo needs episodes that end, and no bootstrapping at all: each $Q(s_t, a_t)$ moves
# towards the return $G_t$ that actually followed. On FrozenLake the reward is rare (1 at the goal,
# 0 elsewhere, and a random walk reaches the goal about 1.5% of the time), so most returns are 0
# and the differences between actions near the start are tiny next to the noise. Q-learning
# bootstraps: once the goal's neighbours have values, they flow backwards one step per visit.
# Same number of episodes for both; the planned optimum is 0.74 within the 100-step limit.

# %%
lake = gym.make("FrozenLake-v1", is_slippery=True)
lake_episodes = 4000 if FAST else 20000
mc = monte_carlo_control(lake, lake_episodes, alpha=0.005, gamma=0.99, epsilon=1.0, seed=1)
ql = td_control(lake, "q_learning", lake_episodes, alpha=0.1, gamma=0.99, epsilon=0.3, seed=1)
lake_success = {}
for name, result in (("Monte Carlo", mc), ("Q-learning", ql)):
    played = run_episodes(lake, lambda s, q=result.q: int(q[s].argmax()), 1000 if FAST else 5000, seed=10)
    low, high = bootstrap_ci(played)
    lake_success[name] = float(np.mean(played))
    print(f"{name:12s} greedy policy: success {np.mean(played):.3f} (95% CI {low:.3f}-{high:.3f})")

# %% [markdown]
# Monte Carlo has learned something (several times the random walk's 1.5%), but far less than
# Q-learning with the same experience. Give Monte Carlo ten times more episodes and it improves
# slowly; that slowness, not a bug, is why TD methods and their deep descendants (DQN) dominate.

# ## What to take away
#
# - TD methods learn from every step by bootstrapping; Monte Carlo waits for the whole return.
# - On-policy (SARSA) vs off-policy (Q-learning) is visible in one picture: the safe path vs the
#   edge, higher return while exploring vs the better greedy policy.
# - Every learned number can be checked against dynamic programming on these small worlds; do
#   that whenever you can, before trusting a learning curve.
#
# **Reproduce it yourself.** In a blank notebook write tabular Q-learning and SARSA on
# CliffWalking-v1 (about 25 lines with `env.step`), with $\alpha = 0.5$, $\epsilon = 0.1$, and
# reproduce the two curves and the two paths. Mind the `terminated` vs `truncated` flags. Then
# grade the pieces: `ldl check td_zero`, `ldl check td_targets`, `ldl check n_step_returns`.

# %%
report(
    sarsa_online_return=online["sarsa"],
    q_learning_online_return=online["q_learning"],
    q_learning_greedy_return=float(np.median(greedy["q_learning"])),
    lake_q_learning_success=lake_success["Q-learning"],
    lake_mc_success=lake_success["Monte Carlo"],
    expect={
        "q_learning_greedy_return": (">=", -13.0),
        "sarsa_online_return": (">", online["q_learning"]),
        "lake_q_learning_success": (">", 0.6),
        "lake_mc_success": (">", 0.03),
    },
)
