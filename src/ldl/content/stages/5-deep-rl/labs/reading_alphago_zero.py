# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: reading_alphago_zero
#     title: "Reading the AlphaGo Zero paper with the code beside it"
#     unit: deep-rl.alphazero
#     order: 4
#     goals: [2, 3, 5]
#     minutes: 90
#     fast_timeout: 240
# ---

# %% [markdown]
# # Reading the AlphaGo Zero paper with the code beside it
#
# Open Silver et al., "Mastering the game of Go without human knowledge" (Nature 550, 2017) at
# its **Methods** section, and this notebook beside it. Each section below names a paragraph of the
# paper, prints the few lines of `ldl.rl.search` that implement it, and runs them on tic-tac-toe,
# where minimax gives the exact answer to check against. Read the paragraph first, then the code,
# then the experiment. The AlphaZero paper (Silver et al., Science 2018, and its supplementary
# pseudocode) generalised the same algorithm to chess and shogi; where they differ, it is said.
#
# **Accompanies:** Silver et al. 2017 (Nature) and 2018 (Science); Browne et al.'s MCTS survey
# (2012) for the tree-search background; Surag Nair's
# [alpha-zero-general tutorial](https://suragnair.github.io/posts/alphazero.html) for a second,
# independent implementation to compare with.

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
import torch

from ldl.notebooks.lab import FAST, report
from ldl.rl.games import TicTacToe
from ldl.rl.search import alphazero, mcts
from ldl.rl.search.minimax import minimax_action_values
from ldl.rl.search.player import load_snapshot
from ldl.rl.search.selfplay import network_evaluator

torch.set_num_threads(1)
rng = np.random.default_rng(0)
game, model = load_snapshot("tic-tac-toe")  # the network that ships with ldl
evaluate = network_evaluator(game, model)


def show(function):
    """Print a function's source: the code beside the paper."""
    print(inspect.getsource(function))


# %% [markdown]
# ## Methods, "Select"
#
# > Each simulation traverses the tree by selecting the edge with maximum action value $Q$ plus
# > an upper confidence bound $U$ that depends on a stored prior probability $P$ and visit count
# > $N$ for that edge.
#
# $U(s, a) = c_\text{puct}\, P(s, a)\, \sqrt{\sum_b N(s, b)} / (1 + N(s, a))$: your `puct_select`
# exercise. Here it is in the library:

# %%
show(mcts.puct_child)

# %% [markdown]
# ## Methods, "Expand and evaluate" and "Backup"
#
# The leaf is evaluated by the network (AlphaGo Zero evaluated one of the 8 symmetries of the
# position at random; AlphaZero dropped that for chess, which has no such symmetry). Then every
# edge on the path gets $N \leftarrow N + 1$ and $W \leftarrow W + v$, seen from the player who
# chose that edge: the sign flips at every level (your `mcts_backup` exercise).

# %%
show(mcts.MCTS.expand)
show(mcts.MCTS.backup)

# %% [markdown]
# ## Methods, "Self-play" and the Dirichlet noise
#
# > Additional exploration is achieved by adding Dirichlet noise to the prior probabilities in the
# > root node $s_0$, specifically $P(s, a) = (1 - \varepsilon) p_a + \varepsilon \eta_a$, where
# > $\eta \sim \text{Dir}(0.03)$ and $\varepsilon = 0.25$.
#
# Why 0.03 for Go? A Dirichlet with a small $\alpha$ puts almost all its mass on a few moves: Go
# has ~250 legal moves, and the noise should boost a handful of them, not smear a little
# probability over all. Draw some samples over 9 moves and see (your `dirichlet_noise` exercise):

# %%
show(mcts.MCTS.add_noise)
fig, axes = plt.subplots(1, 3, figsize=(10, 2.5), sharey=True)
for ax, alpha in zip(axes, [0.03, 0.3, 3.0], strict=True):
    samples = rng.dirichlet(np.full(9, alpha), size=5)  # (5, 9)
    for sample in samples:
        ax.plot(range(9), sample, "o-", alpha=0.6)
    ax.set_title(
        f"alpha = {alpha}: max share {rng.dirichlet(np.full(9, alpha), 2000).max(axis=1).mean():.2f}"
    )
    ax.set_xlabel("move")
plt.show()

# %% [markdown]
# ## Methods, "Play": the temperature
#
# > At the end of the search AlphaGo Zero selects a move $a$ to play in the root position $s_0$,
# > proportional to its exponentiated visit count, $\pi(a|s_0) = N(s_0, a)^{1/\tau} / \sum_b N(s_0, b)^{1/\tau}$.
#
# $\tau = 1$ for the first 30 moves of each self-play game, then $\tau \to 0$ (your `visit_policy`
# exercise; ours switches after `temperature_moves`).

# %%
show(mcts.select_action)
counts = np.array([2, 30, 5, 60, 3, 0, 0, 0, 0], dtype=float)
fig, ax = plt.subplots(figsize=(6, 2.5))
for tau in [1.0, 0.5, 0.25]:
    pi = counts ** (1 / tau) / (counts ** (1 / tau)).sum()
    ax.plot(range(9), pi, "o-", label=f"tau = {tau}")
ax.set_xlabel("move")
ax.set_ylabel("pi")
ax.legend()
plt.show()

# %% [markdown]
# ## Search is a policy-improvement operator
#
# > The MCTS search outputs probabilities $\pi$ of playing each move. These search probabilities
# > usually select much stronger moves than the raw move probabilities $p$ of the neural network.
#
# The central claim of the paper, checked on tic-tac-toe positions against minimax: is the raw
# policy's favourite move optimal less often than the search's most visited move? (Try 10
# simulations too: a very short search on top of a good prior can do *worse* than the prior alone,
# because a few noisy value estimates outweigh it. The improvement needs enough simulations.)

# %%
positions = []
while len(positions) < (80 if FAST else 300):
    state = game.initial_state()
    for _ in range(int(rng.integers(1, 7))):
        state = game.next_state(state, int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
        if game.winner(state) is not None:
            break
    if game.winner(state) is None:
        values = minimax_action_values(game, state)
        best = {a for a, v in values.items() if v == max(values.values())}
        if len(best) < len(values):  # a real decision
            positions.append((state, best))
config = mcts.MCTSConfig(num_simulations=100, c_puct=1.5)
raw_hits, search_hits = [], []
for state, best in positions:
    priors, _ = evaluate([state])
    raw_hits.append(int(np.argmax(np.where(game.legal_actions(state), priors[0], -1.0))) in best)
    search_hits.append(int(np.argmax(mcts.MCTS(game, evaluate, config, rng).search(state))) in best)
random_share = float(np.mean([len(b) / game.legal_actions(s).sum() for s, b in positions]))
raw_share, search_share = float(np.mean(raw_hits)), float(np.mean(search_hits))
print(
    f"random move {random_share:.0%}, raw policy {raw_share:.0%}, policy + 25 simulations {search_share:.0%}"
)

# %% [markdown]
# ## Methods, "Optimisation": the loss
#
# > $l = (z - v)^2 - \pi^\top \log p + c \lVert\theta\rVert^2$
#
# Ours puts the L2 term in AdamW's weight decay (your `alphazero_loss` exercise writes all three).
# The value target $z$ is the game's result from the point of view of the player to move, and the
# training examples are augmented with the board's symmetries (your `board_symmetries` exercise).

# %%
show(alphazero.train_step)

# %% [markdown]
# ## The numbers, theirs and ours
#
# | | AlphaGo Zero (20 blocks) | ldl, tic-tac-toe | ldl, Connect Four |
# |---|---|---|---|
# | simulations per move | 1,600 | 40 | 60 |
# | self-play games | 4.9 million (3 days, 20 blocks) | 960 (30 iterations of 32) | up to 12,800 (400 iterations of 32) |
# | residual blocks x channels | 20 x 256 (40 x 256 for the final run) | 2 x 32 | 4 x 48 |
# | Dirichlet alpha | 0.03 | 1.0 | 1.0 |
# | temperature-1 moves | 30 | 3 | 8 |
# | evaluation | Elo from matches against earlier versions | minimax (exact) | a perfect solver, alpha-beta, Elo |
#
# **Reproduce it yourself.** Pick one paragraph of Methods we did not cover (the evaluator that
# gated new networks in AlphaGo Zero, or resignation) and implement it on top of
# `ldl.rl.search.alphazero`; measure its effect on tic-tac-toe as above. Compare your reading with
# the AlphaZero pseudocode (Science 2018, supplementary materials): what did they simplify?

# %%
report(
    search_optimal_share=search_share,
    raw_optimal_share=raw_share,
    random_optimal_share=random_share,
    expect={"search_optimal_share": (">", max(random_share + 0.2, raw_share - 0.02))},
)
