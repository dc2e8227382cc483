# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: evaluating_agents
#     title: "Evaluating an RL agent honestly: seeds, intervals and the interquartile mean"
#     unit: deep-rl.ppo
#     order: 9
#     goals: [3]
#     minutes: 45
#     tour: true
#     fast_timeout: 150
# ---

# %% [markdown]
# # Evaluating an RL agent honestly: seeds, intervals and the interquartile mean
#
# Two runs of the *same* RL code with different seeds can end far apart. Papers have claimed
# improvements that were seed luck; Henderson et al. ("Deep Reinforcement Learning that Matters",
# 2018) showed that two groups of five seeds of one algorithm can look like two different
# algorithms. Agarwal et al. ("Deep RL at the Edge of the Statistical Precipice", 2021) proposed the
# remedies this lab practises: many seeds, the **interquartile mean** (IQM), **bootstrap confidence
# intervals** and **performance profiles**.
#
# The agent here is tabular Q-learning on FrozenLake (seconds per run, so we can afford many
# seeds); every idea carries over to DQN and PPO, where each seed costs minutes or hours.
#
# **Accompanies:** Agarwal et al., [Deep RL at the Edge of the Statistical Precipice](https://arxiv.org/abs/2108.13264)
# and its library [rliable](https://github.com/google-research/rliable); Henderson et al.,
# [Deep Reinforcement Learning that Matters](https://arxiv.org/abs/1709.06560); Patterson et al.,
# [Empirical Design in Reinforcement Learning](https://arxiv.org/abs/2304.01315).

# %%
import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np

from ldl.notebooks.lab import FAST, report
from ldl.rl.evaluate import bootstrap_ci, iqm, run_episodes
from ldl.rl.tabular import td_control

NUM_SEEDS = 10 if FAST else 30
EPISODES = 1000 if FAST else 2000
EVAL_EPISODES = 200 if FAST else 1000

# %% [markdown]
# ## 1. One algorithm, many seeds
#
# Two variants that differ only in their exploration rate, $\epsilon = 0.3$ and $\epsilon = 0.15$. Each seed trains from scratch; then
# the greedy policy is **evaluated on environment seeds it never trained on** (a separate range of
# reset seeds), without exploration.


# %%
def train_and_evaluate(epsilon, seed):
    env = gym.make("FrozenLake-v1", is_slippery=True)
    result = td_control(env, "q_learning", EPISODES, alpha=0.1, gamma=0.99, epsilon=epsilon, seed=seed)
    held_out = run_episodes(
        env, lambda s: int(result.q[s].argmax()), EVAL_EPISODES, seed=100_000 + 1000 * seed
    )
    return float(np.mean(held_out))


scores = {
    "epsilon 0.3": np.array([train_and_evaluate(0.3, seed) for seed in range(NUM_SEEDS)]),
    "epsilon 0.15": np.array([train_and_evaluate(0.15, seed) for seed in range(NUM_SEEDS)]),
}
for name, values in scores.items():
    print(f"{name:13s} success per seed: {np.round(values, 2)}")

# %% [markdown]
# ## 2. Why one seed (or three) is not evidence
#
# Pick one seed of each variant and you can "show" either one is better. Below: for every pair of
# seeds, which variant wins. Unless one variant is far better, a single-seed comparison reverses
# the ranking a sizeable fraction of the time, and even three seeds often do.

# %%
a, b = scores["epsilon 0.3"], scores["epsilon 0.15"]
pairwise_wins = np.mean(a[:, None] > b[None, :])
print(f"single-seed comparisons where epsilon 0.3 looks better: {pairwise_wins:.0%}")
rng = np.random.default_rng(0)
trios = [np.mean(rng.choice(a, 3)) > np.mean(rng.choice(b, 3)) for _ in range(2000)]
print(f"three-seed comparisons (means) where epsilon 0.3 looks better: {np.mean(trios):.0%}")

# %% [markdown]
# ## 3. Aggregate with the IQM and show the uncertainty
#
# The **mean** is dragged around by one outlier run; the **median** throws away most runs. The
# **interquartile mean** (mean of the middle 50%) is robust and still uses half the data. A
# **percentile bootstrap** resamples the seeds with replacement to show how uncertain the estimate
# is with this few runs.

# %%
summary = {}
for name, values in scores.items():
    low, high = bootstrap_ci(values, statistic=iqm, num_resamples=2000 if not FAST else 500)
    summary[name] = (iqm(values), low, high)
    print(f"{name:13s} mean {values.mean():.3f}  median {np.median(values):.3f}  IQM {iqm(values):.3f}"
          f"  95% CI of the IQM [{low:.3f}, {high:.3f}]")  # fmt: skip

fig, ax = plt.subplots(figsize=(6, 2.4))
for i, (centre, low, high) in enumerate(summary.values()):
    ax.errorbar(centre, i, xerr=[[centre - low], [high - centre]], fmt="o", capsize=6)
ax.set(
    yticks=range(len(summary)), yticklabels=list(summary), xlabel="IQM of held-out success (95% bootstrap CI)"
)
plt.show()

# %% [markdown]
# ## 4. Performance profiles: the whole distribution
#
# A performance profile plots, for every threshold $\tau$, the fraction of runs scoring above
# $\tau$. One curve lying above the other everywhere is a much stronger statement than a
# difference of means.

# %%
taus = np.linspace(0, 1, 101)
fig, ax = plt.subplots(figsize=(6, 3.2))
for name, values in scores.items():
    ax.plot(taus, [(values > t).mean() for t in taus], label=name)
ax.set(xlabel="success rate threshold τ", ylabel="fraction of runs above τ", title="Performance profiles")
ax.legend()
plt.show()

# %% [markdown]
# ## 5. How many seeds do you need?
#
# The width of the bootstrap interval shrinks roughly like $1/\sqrt{n}$. Measure it here by
# subsampling our runs.

# %%
widths = {}
for n in sorted({3, 5, 10, NUM_SEEDS}):
    draws = [
        bootstrap_ci(rng.choice(a, n, replace=False), statistic=np.mean, num_resamples=300) for _ in range(30)
    ]
    widths[n] = float(np.mean([high - low for low, high in draws]))
    print(f"{n:3d} seeds: 95% interval width of the mean ≈ {widths[n]:.3f}")

# %% [markdown]
# ## A checklist for every result you report (and for your Capstone II)
#
# - At least 5 seeds (10+ when they are cheap); report how many, and never drop failed ones.
# - Evaluate the greedy (or deterministic) policy on environment seeds it never trained on.
# - Report the IQM with a bootstrap confidence interval, and plot every run faintly under the
#   aggregate curve; add a performance profile when comparing methods.
# - Fix the evaluation protocol before the experiment: episodes, seeds, environment version,
#   time limits, and what counts as success.
#
# **Reproduce it yourself.** Take any two variants of an agent from this stage (for example
# Double DQN on and off, or PPO with and without advantage normalisation), run 10 seeds of each,
# and write the IQM with 95% bootstrap intervals and a performance profile, computing the IQM and
# the bootstrap yourself in numpy. Would one seed each have told you the same thing?

# %%
report(
    iqm_explore=summary["epsilon 0.3"][0],
    iqm_less_exploration=summary["epsilon 0.15"][0],
    ci_width_many_seeds=widths[NUM_SEEDS],
    ci_width_three_seeds=widths[3],
    expect={
        "iqm_explore": (">", 0.5),
        "ci_width_three_seeds": (">", widths[NUM_SEEDS]),
    },
)
